package org.gridwatch.core.value;

import java.io.Serializable;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;

/**
 * The paper's four segments, from 12-month revenue, potential value and credit. The revenue
 * thresholds are relative: computed elsewhere from the fleet ({@link #fromFleet}), not fixed yuan.
 *
 * <p>The rule, first match wins:
 *
 * <ol>
 *   <li><b>High use</b> (revenue ≥ {@code highRevenueFen}, the top 20%): grade A, or grade B with a
 *       score ≥ {@code highMinScoreInB} → HIGH (the paper's 20% that bring 80%, "stable, with good
 *       credit"); any other B → MEDIUM ("high use, slightly lower credit"); C → LOW_RISKY ("high
 *       use, low credit: keep them, guard the revenue").
 *   <li><b>Moderate use</b> (revenue ≥ {@code moderateRevenueFen}, the top half): A or B → MEDIUM
 *       ("moderate use, good credit"); C → LOW_RISKY. The paper names only high use for the risky
 *       group; we put moderate use with bad credit there too, because its revenue is still worth
 *       guarding with a prepaid meter and collection, which LOW_BASIC would not do.
 *   <li><b>Low use</b>: A or B with potential value ≥ {@code mediumMinPotential} → MEDIUM (small
 *       now but heading up; the paper's low-value group is low in current AND potential value);
 *       everyone else → LOW_BASIC.
 * </ol>
 *
 * @param highRevenueFen revenue from which use counts as high: the top 20% of the fleet
 * @param moderateRevenueFen revenue from which use counts as moderate: the top 50% (the median)
 * @param highMinScoreInB 80, the start score: a B customer whose demerits do not outweigh its
 *     on-time credit is good enough credit for HIGH. B at the start score is the absence of a
 *     record, not a bad one: a key account must not wait three months of bills to be HIGH when
 *     GridWatch starts on a running business, and a high user who has slipped from A by one
 *     forgotten payment (−3 with a full streak: 87) stays HIGH
 * @param mediumMinPotential 0.6: potential value clearly above the middle, e.g. growing 10% a year
 *     with average load factor, shiftable share and tenure
 */
public record SegmentRule(
        long highRevenueFen,
        long moderateRevenueFen,
        int highMinScoreInB,
        double mediumMinPotential)
        implements Serializable {

    public SegmentRule {
        if (moderateRevenueFen > highRevenueFen) {
            throw new IllegalArgumentException("moderate threshold above the high threshold");
        }
    }

    /** The default rule with thresholds from the fleet's 12-month revenue. */
    public static SegmentRule fromFleet(FleetDistribution revenue) {
        return SegmentPolicy.DEFAULTS.rule(revenue);
    }

    public Segment segment(
            long revenueFen, double potentialValue, int creditScore, CreditGrade grade) {
        boolean good = grade != CreditGrade.C;
        if (revenueFen >= highRevenueFen) {
            if (grade == CreditGrade.A
                    || (grade == CreditGrade.B && creditScore >= highMinScoreInB)) {
                return Segment.HIGH;
            }
            return good ? Segment.MEDIUM : Segment.LOW_RISKY;
        }
        if (revenueFen >= moderateRevenueFen) {
            return good ? Segment.MEDIUM : Segment.LOW_RISKY;
        }
        return good && potentialValue >= mediumMinPotential ? Segment.MEDIUM : Segment.LOW_BASIC;
    }

    /**
     * The customer's record against this rule: its segment, and the strategies for that segment,
     * its theft history and its arrears, with the values it was valued at this month.
     */
    public SegmentChange assess(
            CustomerStanding s,
            double currentValue,
            double potentialValue,
            Strategies strategies,
            long tsMillis) {
        return assess(s, currentValue, potentialValue, strategies, tsMillis, null);
    }

    /**
     * As {@link #assess(CustomerStanding, double, double, Strategies, long)}, against the
     * customer's {@code previous} record (null if none): a customer due for inspection at once
     * keeps the date it was first given.
     */
    public SegmentChange assess(
            CustomerStanding s,
            double currentValue,
            double potentialValue,
            Strategies strategies,
            long tsMillis,
            SegmentChange previous) {
        Segment segment =
                segment(s.revenue12Fen(), potentialValue, s.creditScore(), s.creditGrade());
        String[] names =
                strategies
                        .forCustomer(
                                segment,
                                s.confirmedThefts(),
                                s.theftRecent(),
                                s.daysPastDue(),
                                s.prepaid(),
                                s.offpeak().worthOffering())
                        .stream()
                        .map(Enum::name)
                        .toArray(String[]::new);
        return new SegmentChange(
                s.customerId(),
                s.areaId(),
                tsMillis,
                segment,
                currentValue,
                potentialValue,
                s.creditScore(),
                s.creditGrade(),
                names,
                InspectionPlan.DEFAULTS.nextMillis(
                        segment,
                        s.confirmedThefts(),
                        s.theftRecent(),
                        s.lastInspectionMillis(),
                        previous == null ? InspectionPlan.NONE : previous.nextInspectionMillis(),
                        tsMillis),
                s.offpeak());
    }
}
