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
        return of(n, all, top, weighted);
    }

    /**
     * The measures from the sums over the group sorted ascending, x_i with i from 1: {@code all} =
     * Σ x_i, {@code top} = the sum of the top {@code ceil(n × percent / 100)}, {@code weighted} = Σ
     * i·x_i. The sums add over any split of the sorted order into ranges ({@link
     * ConcentrationSums}), so a fleet too large for one task gets the same figures as one sort.
     */
    public static Concentration of(long n, BigInteger all, BigInteger top, BigInteger weighted) {
        if (n == 0) {
            return new Concentration(0, 0, 0, 0);
        }
        if (all.signum() == 0) {
            return new Concentration(Math.toIntExact(n), 0, 0, 0);
        }
        // G = (2 Σ i·x − (n+1) Σ x) / (n Σ x), exact in integers until the one division.
        BigInteger gini = weighted.shiftLeft(1).subtract(all.multiply(BigInteger.valueOf(n + 1L)));
        return new Concentration(
                Math.toIntExact(n),
                all.longValueExact(),
                RevenueConcentration.ratio(top, all),
                RevenueConcentration.ratio(gini, all.multiply(BigInteger.valueOf(n))));
    }
}
