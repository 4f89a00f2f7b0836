package org.gridwatch.core.detect;

import org.gridwatch.core.event.MeterEvent;

/**
 * What a meter itself said about a day: tamper events, its register running backwards, its register
 * and its interval readings disagreeing, reverse energy from a customer without generation, a lost
 * phase or unbalanced currents.
 *
 * <p>Reverse energy counts where no generator of the house could have made it: in the dark hours
 * ({@link #DARK_HOURS}). A household's rooftop array exports in daylight, declared or not (the
 * master data has no field for it); a meter wired or tampered to count the house's use as export
 * runs backwards at night too, when every house draws its standby load.
 */
public record MeterEvidence(
        boolean tamper,
        boolean registerRollback,
        boolean reverseWithoutGeneration,
        boolean phaseFault,
        boolean registerMismatch) {

    public static final MeterEvidence NONE = new MeterEvidence(false, false, false, false, false);

    /** Evidence without a register mismatch. */
    public MeterEvidence(
            boolean tamper,
            boolean registerRollback,
            boolean reverseWithoutGeneration,
            boolean phaseFault) {
        this(tamper, registerRollback, reverseWithoutGeneration, phaseFault, false);
    }

    /**
     * The register may advance by this much more or less than the interval readings over a span
     * they cover without a gap, kWh, plus {@link #MISMATCH_SHARE} of the energy and half a Wh a
     * reading (each reading's energy is rounded to the Wh): more is a mismatch.
     */
    static final double MISMATCH_KWH = 0.1;

    static final double MISMATCH_SHARE = 0.01;

    /** Half a Wh: each reading's energy is rounded to the Wh, kWh. */
    static final double ROUNDING_KWH_A_READING = 0.0005;

    /**
     * The hours in which no rooftop array makes energy, local time: 23:00 to 03:00 (bits of {@link
     * DayLoad#exportHours}). The sun is below the horizon then everywhere up to about 60° north or
     * south, whatever the longitude within a time zone (far western China on Beijing time sees
     * sunset near 22:00 in June) and with daylight saving; nearer the poles in midsummer the
     * twilight is left, in which an array makes under 1% of its rating, less than the house uses.
     */
    static final int DARK_HOURS = 1 << 23 | 1 | 1 << 1 | 1 << 2;

    /** A register this far below the previous day's end has been rolled back, kWh. */
    static final double ROLLBACK_KWH = 0.5;

    /**
     * The evidence of a day.
     *
     * @param previousRegisterKwh the register at the end of the customer's previous day, or NaN
     * @param generates whether the customer may export at any hour (declared generation with
     *     storage): reverse energy is then expected
     */
    public static MeterEvidence of(DayLoad day, double previousRegisterKwh, boolean generates) {
        boolean tamper =
                MeterEvent.isSet(day.events, MeterEvent.COVER_OPEN)
                        || MeterEvent.isSet(day.events, MeterEvent.MAGNETIC_TAMPER);
        boolean rollback =
                !Double.isNaN(previousRegisterKwh)
                        && !Double.isNaN(day.registerStartKwh)
                        && day.registerStartKwh < previousRegisterKwh - ROLLBACK_KWH;
        boolean reverse = !generates && (day.exportHours & DARK_HOURS) != 0;
        boolean phase =
                MeterEvent.isSet(day.events, MeterEvent.PHASE_LOSS)
                        || MeterEvent.isSet(day.events, MeterEvent.CURRENT_IMBALANCE);
        return new MeterEvidence(tamper, rollback, reverse, phase, mismatch(day));
    }

    /**
     * Whether the register's advance over the day's readings differs from their energy, where they
     * cover their span without a gap (a missing reading's energy is in the register, not in the
     * intervals: no verdict then). Either way round, one of the two was altered — the intervals
     * that profile the load, or the register that bills it — or the meter is faulty.
     */
    static boolean mismatch(DayLoad day) {
        double gap = day.registerGapKwh();
        if (Double.isNaN(gap)
                || (long) day.minutes * 60_000L
                        != day.registerEndMillis - day.registerStartMillis) {
            return false;
        }
        double tolerance =
                MISMATCH_KWH
                        + MISMATCH_SHARE * Math.abs(day.total())
                        + day.readings * ROUNDING_KWH_A_READING;
        return Math.abs(gap) > tolerance;
    }

    public boolean any() {
        return tamper
                || registerRollback
                || reverseWithoutGeneration
                || phaseFault
                || registerMismatch;
    }
}
