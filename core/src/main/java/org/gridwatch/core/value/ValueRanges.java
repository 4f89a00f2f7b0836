package org.gridwatch.core.value;

/**
 * The ranges a fleet's values are cut into so that no one task has to sort the whole fleet: each
 * range is sorted on its own, and the number of values below it (from the counts per range, a few
 * thousand numbers) places it in the fleet. A range is about 1.1% of a value wide (a binade cut in
 * 64), fixed, so that ranges cut from any part of the fleet line up, and a range of households'
 * bills holds a few thousandths of the fleet; equal values share a range whatever their number.
 *
 * <p>Values are compared as longs: amounts (fen, Wh) as they are, fractions (a trend, a volatility)
 * by {@link #sortable}, which orders them exactly as {@link Double#compare} (and so as {@link
 * java.util.Arrays#sort(double[])}) does.
 */
public final class ValueRanges {

    /** Mantissa bits a range keeps: 2^6 ranges a binade. */
    public static final int BITS = 6;

    private static final int SHIFT = 52 - BITS;

    private ValueRanges() {}

    /** A long that orders as {@link Double#compare} orders {@code x} (−0.0 below 0.0, NaN last). */
    public static long sortable(double x) {
        long bits = Double.doubleToLongBits(x);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** The double {@link #sortable} made {@code key} from. */
    public static double fromSortable(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /** The range of an amount: never decreasing as the amount grows. */
    public static long ofAmount(long amount) {
        return sortable((double) amount) >> SHIFT;
    }

    /** The range of a fraction's {@link #sortable} key: never decreasing as the key grows. */
    public static long ofSortable(long key) {
        return key >> SHIFT;
    }
}
