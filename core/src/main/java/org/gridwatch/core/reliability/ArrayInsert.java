package org.gridwatch.core.reliability;

import java.util.Arrays;

/** A value put into an array at an index, as a new array one longer: for state kept in arrays. */
final class ArrayInsert {
    private ArrayInsert() {}

    static long[] insert(long[] a, int at, long value) {
        long[] b = Arrays.copyOf(a, a.length + 1);
        System.arraycopy(a, at, b, at + 1, a.length - at);
        b[at] = value;
        return b;
    }

    static int[] insert(int[] a, int at, int value) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        System.arraycopy(a, at, b, at + 1, a.length - at);
        b[at] = value;
        return b;
    }

    static <T> T[] insert(T[] a, int at, T value) {
        T[] b = Arrays.copyOf(a, a.length + 1);
        System.arraycopy(a, at, b, at + 1, a.length - at);
        b[at] = value;
        return b;
    }
}
