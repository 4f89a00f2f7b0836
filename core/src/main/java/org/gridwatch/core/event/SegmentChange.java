package org.gridwatch.core.event;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A customer's segment, credit grade or service strategies changed (topic {@code
 * customer-segments}), with the numbers behind it.
 *
 * @param areaId the customer's transformer area when it was valued (null in records made without
 *     one, in tests)
 * @param strategies {@code ServiceStrategy} names, in the order they apply; an array rather than a
 *     list so that Flink keeps the record a POJO
 * @param nextInspectionMillis when the customer is next to be inspected on site, or {@link #NONE}
 * @param offpeak what the off-peak variant of the customer's tariff would save it a year ({@link
 *     OffpeakOffer#NONE} when its tariff has none); news only through the strategies it changes
 * @param why the valuation, thresholds, findings and demerits behind the segment (null in records
 *     made without them, in tests)
 * @param basicCharge which basic-charge basis would cost a two-part-tariff customer less ({@link
 *     BasicChargeAdvice#NONE} for others)
 */
public record SegmentChange(
        String customerId,
        String areaId,
        long tsMillis,
        Segment segment,
        double currentValue,
        double potentialValue,
        int creditScore,
        CreditGrade creditGrade,
        String[] strategies,
        long nextInspectionMillis,
        OffpeakOffer offpeak,
        SegmentReasons why,
        BasicChargeAdvice basicCharge) {

    public static final long NONE = Long.MIN_VALUE;

    /** A record without reasons or basic-charge advice. */
    public SegmentChange(
            String customerId,
            String areaId,
            long tsMillis,
            Segment segment,
            double currentValue,
            double potentialValue,
            int creditScore,
            CreditGrade creditGrade,
            String[] strategies,
            long nextInspectionMillis,
            OffpeakOffer offpeak) {
        this(
                customerId,
                areaId,
                tsMillis,
                segment,
                currentValue,
                potentialValue,
                creditScore,
                creditGrade,
                strategies,
                nextInspectionMillis,
                offpeak,
                null,
                BasicChargeAdvice.NONE);
    }

    /** A record without an area or an off-peak offer. */
    public SegmentChange(
            String customerId,
            long tsMillis,
            Segment segment,
            double currentValue,
            double potentialValue,
            int creditScore,
            CreditGrade creditGrade,
            String[] strategies,
            long nextInspectionMillis) {
        this(
                customerId,
                null,
                tsMillis,
                segment,
                currentValue,
                potentialValue,
                creditScore,
                creditGrade,
                strategies,
                nextInspectionMillis,
                OffpeakOffer.NONE);
    }

    /** A record with no inspection planned. */
    public SegmentChange(
            String customerId,
            long tsMillis,
            Segment segment,
            double currentValue,
            double potentialValue,
            int creditScore,
            CreditGrade creditGrade,
            String[] strategies) {
        this(
                customerId,
                tsMillis,
                segment,
                currentValue,
                potentialValue,
                creditScore,
                creditGrade,
                strategies,
                NONE);
    }

    public List<String> strategyList() {
        return List.of(strategies);
    }

    /**
     * Whether this is news against the {@code previous} record of the customer (null if none): a
     * different segment, grade, set of strategies or next inspection date. Scores and values move a
     * little with every bill and payment; those alone are not a change anyone acts on.
     */
    public boolean changesFrom(SegmentChange previous) {
        return previous == null
                || previous.segment != segment
                || previous.creditGrade != creditGrade
                || !Arrays.equals(previous.strategies, strategies)
                || previous.nextInspectionMillis != nextInspectionMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentChange s
                && customerId.equals(s.customerId)
                && Objects.equals(areaId, s.areaId)
                && tsMillis == s.tsMillis
                && segment == s.segment
                && Double.compare(currentValue, s.currentValue) == 0
                && Double.compare(potentialValue, s.potentialValue) == 0
                && creditScore == s.creditScore
                && creditGrade == s.creditGrade
                && Arrays.equals(strategies, s.strategies)
                && nextInspectionMillis == s.nextInspectionMillis
                && offpeak.equals(s.offpeak)
                && basicCharge.equals(s.basicCharge)
                && Objects.equals(why, s.why);
    }

    @Override
    public int hashCode() {
        return 31 * customerId.hashCode() + Long.hashCode(tsMillis);
    }

    @Override
    public String toString() {
        return "SegmentChange["
                + customerId
                + " "
                + segment
                + " "
                + creditGrade
                + " "
                + creditScore
                + " "
                + Arrays.toString(strategies)
                + "]";
    }
}
