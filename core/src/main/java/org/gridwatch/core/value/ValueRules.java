package org.gridwatch.core.value;

import java.io.Serializable;

/**
 * How current and potential value are scored, each 0–1, as weighted sums of 0–1 components. The
 * paper splits a customer's value to the utility into the current (what they bring now) and the
 * potential (where they are heading if the utility keeps in touch); these are the measures we can
 * read from bills and meters. Weights are configuration; each set sums to 1.
 *
 * <p>Current value = {@code revenueWeight × revenue rank + volumeWeight × kWh rank}, the ranks
 * being percentile ranks in the fleet ({@link FleetDistribution#rank}), so value is relative and
 * not a yuan amount that inflation or a tariff change would move.
 *
 * <p>Potential value = the weighted sum of:
 *
 * <ul>
 *   <li>growth: −{@code growthSpan} or worse → 0, flat → 0.5, +{@code growthSpan} or better → 1,
 *       linear between;
 *   <li>load factor as it is: steady load uses the network well and is cheap to serve;
 *   <li>the shiftable share as it is: peak use that an off-peak offer could move is value the
 *       utility can still win;
 *   <li>tenure: years ÷ {@code tenureFullYears}, at most 1: long customers stay;
 *   <li>contract headroom as it is (1 − the year's largest demand ÷ the contract capacity): load
 *       the customer can add on the connection it already has, with no new line or transformer. A
 *       customer without a contract capacity in the master (households, most shops) has no such
 *       part, and the other weights are scaled up to sum to 1 for it.
 * </ul>
 *
 * <p>Which way each part counts, and why. Growth, tenure and headroom are plainly room to grow or
 * reasons to stay. The load factor counts <i>for</i> the customer: steady load is cheap to serve (a
 * kW of network carries more kWh), so the customer's growth is worth more to the utility. The peak
 * share counts <i>for</i> the customer too, although the paper's aim is the opposite (move use to
 * the valley): it is value the utility can still win, the load an off-peak offer could move, which
 * lowers the system peak the utility must buy and build for. The customer who already uses the
 * valley has less left to win. A utility that wants them to count otherwise sets the weights.
 *
 * @param revenueWeight 0.7: revenue is what the 80/20 rule is about
 * @param volumeWeight 0.3: volume counts too (network importance), but cheap kWh bring less
 * @param growthWeight 0.35: the trend is the strongest sign of where a customer is heading
 * @param loadFactorWeight 0.15
 * @param shiftableWeight 0.15
 * @param tenureWeight 0.2
 * @param headroomWeight 0.15: for the customers with a contract capacity; the first four were 0.4,
 *     0.2, 0.2, 0.2 before it came, and are so again (scaled) for the customers without one
 * @param growthSpan 0.40: a trend read from less than two years of bills is noisy (about ±10% a
 *     year for a household over six months, measured on the simulated fleet); with ±40% a real
 *     change of business (a new line, a second shop: +25% to +60% a year) stands out of that noise
 *     instead of every noisy household reaching the top of the scale
 * @param tenureFullYears 10: after ten years a customer counts as fully established
 */
public record ValueRules(
        double revenueWeight,
        double volumeWeight,
        double growthWeight,
        double loadFactorWeight,
        double shiftableWeight,
        double tenureWeight,
        double headroomWeight,
        double growthSpan,
        double tenureFullYears)
        implements Serializable {

    public static final ValueRules DEFAULTS =
            new ValueRules(0.7, 0.3, 0.35, 0.15, 0.15, 0.2, 0.15, 0.40, 10);

    public ValueRules {
        if (Math.abs(revenueWeight + volumeWeight - 1) > 1e-9) {
            throw new IllegalArgumentException("current value weights must sum to 1");
        }
        if (Math.abs(
                        growthWeight
                                + loadFactorWeight
                                + shiftableWeight
                                + tenureWeight
                                + headroomWeight
                                - 1)
                > 1e-9) {
            throw new IllegalArgumentException("potential value weights must sum to 1");
        }
        if (Math.min(
                        Math.min(growthWeight, loadFactorWeight),
                        Math.min(Math.min(shiftableWeight, tenureWeight), headroomWeight))
                < 0) {
            throw new IllegalArgumentException("potential value weights must not be negative");
        }
        if (growthSpan <= 0 || tenureFullYears <= 0) {
            throw new IllegalArgumentException("growthSpan and tenureFullYears must be positive");
        }
    }

    /** Current value 0–1 from 12-month revenue and kWh, relative to the fleet. */
    public double currentValue(
            long revenueFen, long kwh, FleetDistribution revenue, FleetDistribution volume) {
        return currentValue(revenue.rank(revenueFen), volume.rank(kwh));
    }

    /** Current value 0–1 from the value's and the kWh's percentile ranks in the fleet. */
    public double currentValue(double valueRank, double kwhRank) {
        return revenueWeight * valueRank + volumeWeight * kwhRank;
    }

    /** Potential value 0–1; see the class comment. */
    public double potentialValue(PotentialInputs in) {
        double sum =
                growthWeight * growthComponent(in.growth())
                        + loadFactorWeight * clamp(in.loadFactor())
                        + shiftableWeight * clamp(in.shiftableShare())
                        + tenureWeight * clamp(in.tenureYears() / tenureFullYears);
        if (Double.isNaN(in.contractHeadroom())) {
            return headroomWeight >= 1 ? 0 : sum / (1 - headroomWeight);
        }
        return sum + headroomWeight * clamp(in.contractHeadroom());
    }

    public double growthComponent(double growth) {
        return clamp(0.5 + growth / (2 * growthSpan));
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
