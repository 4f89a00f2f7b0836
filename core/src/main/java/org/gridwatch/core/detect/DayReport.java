package org.gridwatch.core.detect;

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
 * @param lossCny what the usual day would have cost less what this one did, at the customer's
 *     prices (NaN when not priced): revenue at risk if the day is falsified
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
        boolean phaseFault) {

    public MeterEvidence meterEvidence() {
        return new MeterEvidence(tamper, registerRollback, reverseWithoutGeneration, phaseFault);
    }
}
