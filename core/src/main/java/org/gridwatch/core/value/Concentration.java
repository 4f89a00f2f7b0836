package org.gridwatch.core.value;

import java.math.BigInteger;

/**
 * How concentrated one group's 12-month revenue is (an area, or the fleet), computed exactly with
 * one sort and one pass ({@link RevenueConcentration} explains the two measures).
 *
 * @param topShare the revenue share of the top {@code topPercent}% of the group's customers
 * @param gini the Gini coefficient of their revenue
 */
public record Concentration(int customers, long revenueFen, double topShare, double gini) {

    public static Concentration of(long[] revenueFen, int topPercent) {
        long[] sorted = RevenueConcentration.sortedNonNegative(revenueFen);
        int n = sorted.length;
        if (n == 0) {
            return new Concentration(0, 0, 0, 0);
        }
        int topFrom = n - RevenueConcentration.topCount(n, topPercent);
        BigInteger all = BigInteger.ZERO;
        BigInteger top = BigInteger.ZERO;
        BigInteger weighted = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger x = BigInteger.valueOf(sorted[i]);
            all = all.add(x);
            weighted = weighted.add(x.multiply(BigInteger.valueOf(i + 1L)));
            if (i >= topFrom) {
                top = top.add(x);
            }
        }
        if (all.signum() == 0) {
            return new Concentration(n, 0, 0, 0);
        }
        // G = (2 Σ i·x − (n+1) Σ x) / (n Σ x), exact in integers until the one division.
        BigInteger gini = weighted.shiftLeft(1).subtract(all.multiply(BigInteger.valueOf(n + 1L)));
        return new Concentration(
                n,
                all.longValueExact(),
                RevenueConcentration.ratio(top, all),
                RevenueConcentration.ratio(gini, all.multiply(BigInteger.valueOf(n))));
    }
}
