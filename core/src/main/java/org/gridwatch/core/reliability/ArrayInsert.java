package org.gridwatch.core.reliability;

/** A value put into an array at an index, as a new array one longer: for state kept in arrays. */
final class ArrayInsert {
    private ArrayInsert() {}

    static long[] insert(long[] a, int at, long value) {
        long[] b = new long[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = value;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    static int[] insert(int[] a, int at, int value) {
        int[] b = new int[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = value;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    static String[] insert(String[] a, int at, String value) {
        String[] b = new String[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = value;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }
}
