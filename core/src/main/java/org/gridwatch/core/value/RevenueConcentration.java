package org.gridwatch.core.value;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * How concentrated a fleet's revenue is: the share the top customers bring (the paper's 80/20
 * check: 20% of customers, about 80% of the profit) and the Gini coefficient. Exact, by sorting;
 * sums in {@link BigInteger}, since Σ i·x over millions of customers overflows a long.
 */
public final class RevenueConcentration {

    private RevenueConcentration() {}

    /**
     * The share 0–1 of all revenue brought by the top {@code percent}% of customers, counted as
     * {@code ceil(n × percent / 100)} customers (at least one). 0 when there is no revenue.
     */
    public static double topShare(long[] revenueFen, int percent) {
        return Concentration.of(revenueFen, percent).topShare();
    }

    /**
     * The Gini coefficient 0–1 of revenue, with x sorted ascending and i from 1: {@code G = 2 Σ
     * i·x_i / (n Σ x_i) − (n + 1) / n}. 0 when everyone pays the same (or nobody pays); (n−1)/n
     * when one customer brings everything.
     */
    public static double gini(long[] revenueFen) {
        return Concentration.of(revenueFen, 100).gini();
    }

    static int topCount(int n, int percent) {
        return Math.toIntExact(topCount((long) n, percent));
    }

    /**
     * How many customers the top {@code percent}% of {@code n} are: {@code ceil(n × percent /
     * 100)}, at least one.
     */
    public static long topCount(long n, int percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 1..100");
        }
        return Math.max(1, (n * percent + 99) / 100);
    }

    static long[] sortedNonNegative(long[] revenueFen) {
        long[] sorted = revenueFen.clone();
        Arrays.sort(sorted);
        if (sorted.length > 0 && sorted[0] < 0) {
            // A net credit over a year is a refund case, not revenue; the caller decides.
            throw new IllegalArgumentException("revenue must not be negative: " + sorted[0]);
        }
        return sorted;
    }

    static double ratio(BigInteger num, BigInteger den) {
        return new java.math.BigDecimal(num)
                .divide(new java.math.BigDecimal(den), java.math.MathContext.DECIMAL64)
                .doubleValue();
    }
}
