package org.gridwatch.core.detect;

import org.gridwatch.core.event.InspectionOutcome;

/**
 * One customer's closed day, as its own history judges it: what the customer operator sends to the
 * area's theft watch, which takes the peers' common move out and keeps the case.
 *
 * @param closedAtMillis event time at which the day closed (its end plus the allowed lateness)
 * @param scored whether the customer's history was long enough to judge the day; an unscored day
 *     carries only meter evidence and energy
 * @param z deviations per {@link Feature} in the customer's own spreads, theft direction positive
 * @param value the day's feature values
 * @param usual their usual values
 * @param kwh the day's metered energy (for the area balance too)
 * @param registerMismatch whether the meter's register advanced by less than its readings report
 *     ({@link MeterEvidence}: the bill came short of what the meter measured; one ahead of them is
 *     the metering team's alone, but under time-of-use prices, where it counts either way)
 * @param lossCny what the usual day would have cost less what this one did, at the customer's
 *     prices (NaN when not priced): revenue at risk if the day is falsified
 * @param inspected what an inspector found on the premises since the customer's previous report, or
 *     null: the theft case acts on it ({@link TheftCase})
 * @param hourly the day's metered energy in each of its 24 hours, kWh (null: not kept), for the
 *     area's hourly balance ({@link LossRegression})
 * @param uncovered the share of the day no reading of the meter covers, 0..1 (0: complete): the
 *     area balance completes {@code kwh} at the day's own rate, and balances no day whose meters
 *     missed more than a tenth of their energy ({@link AreaBalance.Metered})
 * @param departure null for a day; for a {@link #leaving departure}, why the customer left the
 *     area: the area's theft watch then closes the customer's case and its open THEFT alert
 */
public record DayReport(
        String customerId,
        String meterId,
        String areaId,
        String customerClass,
        long epochDay,
        long closedAtMillis,
        boolean scored,
        double[] z,
        double[] value,
        float[] usual,
        double kwh,
        double usualKwh,
        double lossCny,
        boolean tamper,
        boolean registerRollback,
        boolean reverseWithoutGeneration,
        boolean phaseFault,
        boolean registerMismatch,
        double[] classMedianZ,
        InspectionOutcome inspected,
        float[] hourly,
        float uncovered,
        String departure) {

    /**
     * A day with no inspection since the previous one, no class median, no register mismatch, no
     * hours, covered by readings.
     */
    public DayReport(
            String customerId,
            String meterId,
            String areaId,
            String customerClass,
            long epochDay,
            long closedAtMillis,
            boolean scored,
            double[] z,
            double[] value,
            float[] usual,
            double kwh,
            double usualKwh,
            double lossCny,
            boolean tamper,
            boolean registerRollback,
            boolean reverseWithoutGeneration,
            boolean phaseFault) {
        this(
                customerId,
                meterId,
                areaId,
                customerClass,
                epochDay,
                closedAtMillis,
                scored,
                z,
                value,
                usual,
                kwh,
                usualKwh,
                lossCny,
                tamper,
                registerRollback,
                reverseWithoutGeneration,
                phaseFault,
                false,
                null,
                null,
                null,
                0f,
                null);
    }

    /**
     * The customer left {@code areaId} (moved to another area, or removed from the master) at event
     * time {@code atMillis}, during {@code epochDay}: not a day of readings (unscored, no energy)
     * but the word to the area's theft watch that its case there is over.
     *
     * @param why what an inspector reads on the closed alert, e.g. "moved to area A2"
     */
    public static DayReport leaving(
            String customerId,
            String meterId,
            String areaId,
            String customerClass,
            long epochDay,
            long atMillis,
            String why) {
        return new DayReport(
                customerId,
                meterId,
                areaId,
                customerClass,
                epochDay,
                atMillis,
                false,
                new double[0],
                new double[0],
                new float[0],
                0,
                Double.NaN,
                Double.NaN,
                false,
                false,
                false,
                false,
                false,
                null,
                null,
                null,
                0f,
                why);
    }

    /** Whether this is a departure ({@link #leaving}), not a day. */
    public boolean isDeparture() {
        return departure != null;
    }

    /** This day, reporting what an inspector found since the previous report. */
    public DayReport withInspected(InspectionOutcome outcome) {
        return with(classMedianZ, outcome);
    }

    /** This day, with its class's median deviation across the fleet (null: none). */
    public DayReport withClassMedian(double[] median) {
        return with(median, inspected);
    }

    private DayReport with(double[] median, InspectionOutcome outcome) {
        return new DayReport(
                customerId,
                meterId,
                areaId,
                customerClass,
                epochDay,
                closedAtMillis,
                scored,
                z,
                value,
                usual,
                kwh,
                usualKwh,
                lossCny,
                tamper,
                registerRollback,
                reverseWithoutGeneration,
                phaseFault,
                registerMismatch,
                median,
                outcome,
                hourly,
                uncovered,
                departure);
    }

    public MeterEvidence meterEvidence() {
        return new MeterEvidence(
                tamper, registerRollback, reverseWithoutGeneration, phaseFault, registerMismatch);
    }
}
