package org.gridwatch.core.value;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerValuation;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.SegmentReasons;

/**
 * The paper's four segments, from the 12-month value (revenue or margin, {@link ValueBasis}),
 * current and potential value, stability and credit. The value thresholds are relative: computed
 * from the fleet ({@link SegmentPolicy#rule}), not fixed yuan.
 *
 * <p>The rule, first match wins:
 *
 * <ol>
 *   <li><b>High use</b> (value ≥ {@code highValueFen}, the top 20%) with <b>good credit</b> (A, or
 *       B with a score ≥ {@code highMinScoreInB}): HIGH when the customer is also <b>stable</b>
 *       (excess volatility ≤ {@code maxExcessVolatility}) and both its <b>current</b> (≥ {@code
 *       highMinCurrentValue}) and <b>potential</b> (≥ {@code highMinPotential}) value are high: the
 *       paper's gold customer, "具有较强的稳定性和良好的信用，无论是当前还是潜在都有较高的价值". A high user of good credit that
 *       misses one of those is MEDIUM, with the finding that kept it out. Any other B → MEDIUM
 *       ("用电需求量较大，但信用略低"); C → LOW_RISKY ("high use, low credit: keep them, guard the revenue").
 *   <li><b>Moderate use</b> (value ≥ {@code moderateValueFen}, the top half): A or B → MEDIUM
 *       ("moderate use, good credit"); C → LOW_RISKY. The paper names only high use for the risky
 *       group; we put moderate use with bad credit there too, because its revenue is still worth
 *       guarding with a prepaid meter and collection, which LOW_BASIC would not do.
 *   <li><b>Low use</b>: A or B with potential value ≥ {@code mediumMinPotential} → MEDIUM (small
 *       now but heading up; the paper's low-value group is low in current AND potential value);
 *       everyone else → LOW_BASIC.
 * </ol>
 *
 * <p>A high user of good credit shrinking {@code declineRate} a year or more faster than its class
 * is <b>declining</b>, in HIGH or out of it: the account manager visits to learn why (a line moved
 * elsewhere, own generation, a failing business) before the revenue is gone ({@link
 * ServiceStrategy#RETENTION_VISIT}).
 *
 * @param highValueFen value from which use counts as high: the top 20% of the fleet
 * @param moderateValueFen value from which use counts as moderate: the top 50% (the median)
 */
public record SegmentRule(long highValueFen, long moderateValueFen, SegmentPolicy policy)
        implements Serializable {

    public SegmentRule {
        if (moderateValueFen > highValueFen) {
            throw new IllegalArgumentException("moderate threshold above the high threshold");
        }
    }

    /** The default rule with thresholds from the fleet's 12-month values. */
    public static SegmentRule fromFleet(FleetDistribution value) {
        return SegmentPolicy.DEFAULTS.rule(value);
    }

    /**
     * The segment of a customer with these values and credit, with what the rule found on the way.
     *
     * @param theftLock the latest confirmed theft is within the theft lock (a finding only)
     * @param daysPastDue days its oldest open bill is past due (a finding only)
     */
    public SegmentVerdict verdict(
            CustomerValuation v,
            int creditScore,
            CreditGrade grade,
            boolean theftLock,
            long daysPastDue) {
        List<String> findings = new ArrayList<>();
        boolean highUse = v.valueFen() >= highValueFen;
        boolean moderateUse = !highUse && v.valueFen() >= moderateValueFen;
        findings.add(highUse ? "HIGH_USE" : moderateUse ? "MODERATE_USE" : "LOW_USE");
        boolean good = grade != CreditGrade.C;
        boolean goodForHigh =
                grade == CreditGrade.A
                        || (grade == CreditGrade.B && creditScore >= policy.highMinScoreInB());
        findings.add(goodForHigh ? "GOOD_CREDIT" : good ? "B_BELOW_HIGH_MIN" : "BAD_CREDIT");
        if (theftLock) {
            findings.add("THEFT_LOCK");
        }
        if (daysPastDue > 0) {
            findings.add("PAST_DUE");
        }
        boolean declining = highUse && good && v.relativeGrowth() <= -policy.declineRate();
        Segment segment;
        if (highUse) {
            if (goodForHigh) {
                boolean stable = v.excessVolatility() <= policy.maxExcessVolatility();
                boolean current = v.currentValue() >= policy.highMinCurrentValue();
                boolean potential = v.potentialValue() >= policy.highMinPotential();
                if (!stable) {
                    findings.add("UNSTABLE");
                }
                if (!current) {
                    findings.add("LOW_CURRENT_VALUE");
                }
                if (!potential) {
                    findings.add("LOW_POTENTIAL");
                }
                segment = stable && current && potential ? Segment.HIGH : Segment.MEDIUM;
            } else {
                segment = good ? Segment.MEDIUM : Segment.LOW_RISKY;
            }
        } else if (moderateUse) {
            segment = good ? Segment.MEDIUM : Segment.LOW_RISKY;
        } else if (good && v.potentialValue() >= policy.mediumMinPotential()) {
            findings.add("HIGH_POTENTIAL");
            segment = Segment.MEDIUM;
        } else {
            segment = Segment.LOW_BASIC;
        }
        if (declining) {
            findings.add("DECLINING");
        }
        return new SegmentVerdict(segment, findings.toArray(String[]::new), declining);
    }

    /** The segment alone; see {@link #verdict}. */
    public Segment segment(CustomerValuation v, int creditScore, CreditGrade grade) {
        return verdict(v, creditScore, grade, false, 0).segment();
    }

    /**
     * The customer's record against this rule: its segment, and the strategies for that segment,
     * its theft history and its arrears, with the values it was valued at this month; against its
     * {@code previous} record (null if none): a customer due for inspection at once keeps the date
     * it was first given.
     */
    public SegmentChange assess(
            CustomerStanding s,
            CustomerValuation v,
            Strategies strategies,
            long tsMillis,
            SegmentChange previous) {
        SegmentVerdict verdict =
                verdict(v, s.creditScore(), s.creditGrade(), s.theftRecent(), s.daysPastDue());
        Segment segment = verdict.segment();
        String[] names =
                strategies
                        .forCustomer(
                                segment,
                                s.confirmedThefts(),
                                s.theftRecent(),
                                s.daysPastDue(),
                                s.prepaid(),
                                s.offpeak().worthOffering(),
                                verdict.retention())
                        .stream()
                        .map(Enum::name)
                        .toArray(String[]::new);
        return new SegmentChange(
                s.customerId(),
                s.areaId(),
                tsMillis,
                segment,
                v.currentValue(),
                v.potentialValue(),
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
                s.offpeak(),
                new SegmentReasons(
                        v, highValueFen, moderateValueFen, verdict.findings(), s.demerits()),
                s.basicCharge());
    }

    /**
     * What the rule decided for one customer.
     *
     * @param findings what it found on the way ({@link SegmentReasons#findings})
     * @param retention a declining high user of good credit: a retention visit is due
     */
    public record SegmentVerdict(Segment segment, String[] findings, boolean retention) {}
}
