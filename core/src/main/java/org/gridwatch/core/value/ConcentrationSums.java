package org.gridwatch.core.value;

import java.math.BigInteger;

/**
 * The sums {@link Concentration} is made of, over a part of a group sorted ascending: Σ x, the part
 * of the top {@code ceil(n × percent / 100)} values' sum that falls in it, and Σ i·x with i the
 * value's position in the whole group (from 1). Parts add, in any order, to the sums of the whole:
 * each range of a sorted fleet gives its own, and one {@link #plus} of a few thousand gives the
 * fleet's figures exactly.
 *
 * @param n the values in the part
 */
public record ConcentrationSums(long n, BigInteger all, BigInteger top, BigInteger weighted) {

    public static final ConcentrationSums NONE =
            new ConcentrationSums(0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

    /**
     * The sums of {@code sorted} (ascending) standing at positions {@code from} + 1 … in a group of
     * {@code groupSize} values.
     *
     * @param from how many of the group's values are below the first of {@code sorted}
     * @param topPercent the share the top sum is of, {@link FleetMeasure#TOP_SHARE_PERCENT}
     */
    public static ConcentrationSums of(long[] sorted, long from, long groupSize, int topPercent) {
        long topFrom = groupSize - RevenueConcentration.topCount(groupSize, topPercent);
        BigInteger all = BigInteger.ZERO;
        BigInteger top = BigInteger.ZERO;
        BigInteger weighted = BigInteger.ZERO;
        for (int i = 0; i < sorted.length; i++) {
            BigInteger x = BigInteger.valueOf(sorted[i]);
            long position = from + i;
            all = all.add(x);
            weighted = weighted.add(x.multiply(BigInteger.valueOf(position + 1)));
            if (position >= topFrom) {
                top = top.add(x);
            }
        }
        return new ConcentrationSums(sorted.length, all, top, weighted);
    }

    public ConcentrationSums plus(ConcentrationSums other) {
        return new ConcentrationSums(
                n + other.n, all.add(other.all), top.add(other.top), weighted.add(other.weighted));
    }

    /** The figures, once the sums cover the whole group. */
    public Concentration concentration() {
        return Concentration.of(n, all, top, weighted);
    }
}
