package org.gridwatch.core.event;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Why a customer is in its segment: the month's valuation, the thresholds it was held against, the
 * rule's findings and the credit demerits behind its score. Extra fields of the segment record, for
 * the account manager or collector who has to explain a segment to a customer, and for the analyst
 * who checks the rule.
 *
 * @param valuation the customer's values at the latest billing
 * @param highThresholdFen the value from which use counts as high (the top 20%), on the same basis
 * @param moderateThresholdFen the value from which use counts as moderate (the top half)
 * @param findings what the rule found, in the order it looked: the use ({@code HIGH_USE}, {@code
 *     MODERATE_USE}, {@code LOW_USE}), the credit ({@code GOOD_CREDIT}, {@code B_BELOW_HIGH_MIN},
 *     {@code BAD_CREDIT}, with {@code AUTO_C_ARREARS} or {@code THEFT_LOCK} when an override set
 *     C), and for a high user of good credit what kept it from HIGH ({@code UNSTABLE}, {@code
 *     LOW_CURRENT_VALUE}, {@code LOW_POTENTIAL}); {@code DECLINING} for any high user shrinking
 *     against its class; {@code HIGH_POTENTIAL} for a small customer heading up
 * @param demerits the credit demerits still counting, e.g. {@code "LATE_PAYMENT -6 until
 *     2027-07-20"}
 */
public record SegmentReasons(
        CustomerValuation valuation,
        long highThresholdFen,
        long moderateThresholdFen,
        String[] findings,
        String[] demerits) {

    public List<String> findingList() {
        return List.of(findings);
    }

    public boolean found(String finding) {
        return findingList().contains(finding);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentReasons r
                && Objects.equals(valuation, r.valuation)
                && highThresholdFen == r.highThresholdFen
                && moderateThresholdFen == r.moderateThresholdFen
                && Arrays.equals(findings, r.findings)
                && Arrays.equals(demerits, r.demerits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(valuation, highThresholdFen, Arrays.hashCode(findings));
    }

    @Override
    public String toString() {
        return "SegmentReasons[" + valuation + " " + Arrays.toString(findings) + "]";
    }
}
