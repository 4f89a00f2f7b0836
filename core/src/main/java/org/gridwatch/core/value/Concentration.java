package org.gridwatch.core.value;

/**
 * How concentrated one group's 12-month revenue is (an area, or the fleet).
 *
 * @param topShare the revenue share of the top {@code topPercent}% of the group's customers
 * @param gini the Gini coefficient of their revenue
 */
public record Concentration(int customers, long revenueFen, double topShare, double gini) {

    public static Concentration of(long[] revenueFen, int topPercent) {
        long sum = 0;
        for (long fen : revenueFen) {
            sum += fen;
        }
        return new Concentration(
                revenueFen.length,
                sum,
                RevenueConcentration.topShare(revenueFen, topPercent),
                RevenueConcentration.gini(revenueFen));
    }
}
