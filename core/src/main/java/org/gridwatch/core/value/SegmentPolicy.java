package org.gridwatch.core.value;

import java.io.Serializable;

/**
 * How the segment rule's thresholds are set from the fleet: configuration, with the defaults
 * explained on {@link SegmentRule}.
 *
 * @param highTopPercent 20: high use is the top 20% of 12-month value, the paper's 80/20
 * @param moderateTopPercent 50: moderate use is the top half
 * @param highMinScoreInB 80, the start score: a B customer with at least this score is still good
 *     enough credit for HIGH
 * @param mediumMinPotential 0.6: a low user of good credit with at least this potential is MEDIUM
 * @param highMinCurrentValue 0.7: HIGH needs high current value, not only a top-20% bill: a top-20%
 *     value ranks at 0.8 or more, so 0.7 asks that its kWh rank at least in the fleet's middle too
 *     (0.7 × 0.8 + 0.3 × 0.47); a customer whose value is all price and no volume is not the
 *     network's key account
 * @param highMinPotential 0.35: HIGH needs potential too ("当前还是潜在都有较高的价值"). The middle customer
 *     scores about 0.5 (growing as its class, average load factor, peak share and tenure). Below
 *     0.35 a customer has more than one thing against it, e.g. shrinking 30% a year faster than its
 *     class with a short tenure
 * @param maxExcessVolatility 0.15: HIGH needs stability ("具有较强的稳定性"): its months may scatter about
 *     their trend at most 15 points more than its class's median (docs/value.md: the season moves a
 *     whole class, and so does not count against one customer)
 * @param declineRate 0.25: a high user shrinking 25% a year or more faster than its class is
 *     declining, and gets a retention visit; 2.5 times the noise of a six-month trend (±10% a year)
 */
public record SegmentPolicy(
        int highTopPercent,
        int moderateTopPercent,
        int highMinScoreInB,
        double mediumMinPotential,
        double highMinCurrentValue,
        double highMinPotential,
        double maxExcessVolatility,
        double declineRate)
        implements Serializable {

    public static final SegmentPolicy DEFAULTS =
            new SegmentPolicy(20, 50, 80, 0.6, 0.7, 0.25, 0.15, 0.25);

    public SegmentPolicy {
        if (!(0 < highTopPercent
                && highTopPercent <= moderateTopPercent
                && moderateTopPercent <= 100)) {
            throw new IllegalArgumentException(
                    "need 0 < highTopPercent <= moderateTopPercent <= 100");
        }
        if (highMinScoreInB < 0 || highMinScoreInB > 100) {
            throw new IllegalArgumentException("highMinScoreInB must be 0..100");
        }
        for (double share :
                new double[] {mediumMinPotential, highMinCurrentValue, highMinPotential}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("value thresholds must be 0..1");
            }
        }
        if (!(maxExcessVolatility >= 0) || !(declineRate > 0)) {
            throw new IllegalArgumentException(
                    "max-excess-volatility must be >= 0 and decline-rate > 0");
        }
    }

    /** The rule with this policy's thresholds over the fleet's 12-month values. */
    public SegmentRule rule(FleetDistribution value) {
        return new SegmentRule(
                value.topThreshold(highTopPercent), value.topThreshold(moderateTopPercent), this);
    }
}
