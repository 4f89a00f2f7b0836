package org.gridwatch.core.value;

import java.io.Serializable;

/**
 * How the segment rule's thresholds are set from the fleet: configuration, with the defaults
 * explained on {@link SegmentRule}.
 *
 * @param highTopPercent 20: high use is the top 20% of 12-month revenue, the paper's 80/20
 * @param moderateTopPercent 50: moderate use is the top half
 * @param highMinScoreInB 80, the start score: a B customer with at least this score is still HIGH
 * @param mediumMinPotential 0.6: a low user of good credit with at least this potential is MEDIUM
 */
public record SegmentPolicy(
        int highTopPercent, int moderateTopPercent, int highMinScoreInB, double mediumMinPotential)
        implements Serializable {

    public static final SegmentPolicy DEFAULTS = new SegmentPolicy(20, 50, 80, 0.6);

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
    }

    /** The rule with this policy's thresholds over the fleet's 12-month revenue. */
    public SegmentRule rule(FleetDistribution revenue) {
        return new SegmentRule(
                revenue.topThreshold(highTopPercent),
                revenue.topThreshold(moderateTopPercent),
                highMinScoreInB,
                mediumMinPotential);
    }
}
