package org.gridwatch.core.detect;

import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.meter.RegisterRollover;

/**
 * What a meter itself said about a day: tamper events, its register running backwards, its register
 * counting less than its interval readings, reverse energy from a customer without generation, a
 * lost phase or unbalanced currents.
 *
 * <p>Register and intervals can disagree either way ({@link #disagree}); for a customer whose
 * prices do not change with the hour only one way is theft evidence ({@link #registerMismatch}):
 * the register bills the month (docs/tariffs.md, "A register ahead of the intervals: the register
 * wins"), so a register that counted <em>more</em> than the intervals has the customer pay for
 * everything the meter measured, and what is wrong is the intervals (a meter whose interval channel
 * reads zero while its register counts): the metering team's ({@code DATA_QUALITY}), not a loss. A
 * register that counted <em>less</em> than the intervals bills less than the meter measured. Under
 * time-of-use prices either way is evidence: the register's excess is split over the periods as the
 * intervals split their energy, so intervals that missed peak energy have it billed at cheaper
 * hours.
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

    /**
     * A register this far below the previous day's end has been rolled back, kWh; one that rolled
     * over its digits ({@link RegisterRollover}) has not.
     */
    static final double ROLLBACK_KWH = 0.5;

    /**
     * The evidence of a day of a customer whose prices do not change with the hour ({@link
     * #of(DayLoad, double, boolean, boolean)}).
     */
    public static MeterEvidence of(DayLoad day, double previousRegisterKwh, boolean generates) {
        return of(day, previousRegisterKwh, generates, false);
    }

    /**
     * The evidence of a day.
     *
     * @param previousRegisterKwh the register at the end of the customer's previous day, or NaN
     * @param generates whether the customer may export at any hour (declared generation with
     *     storage): reverse energy is then expected
     * @param periodPriced whether the customer's prices change with the hour (time of use): a
     *     register ahead of the intervals is then billed in full but split over the periods as the
     *     intervals split their energy, so intervals that missed peak energy bill it at cheaper
     *     hours, and the disagreement is evidence either way round
     */
    public static MeterEvidence of(
            DayLoad day, double previousRegisterKwh, boolean generates, boolean periodPriced) {
        boolean tamper =
                MeterEvent.isSet(day.events, MeterEvent.COVER_OPEN)
                        || MeterEvent.isSet(day.events, MeterEvent.MAGNETIC_TAMPER);
        boolean rollback =
                !Double.isNaN(previousRegisterKwh)
                        && !Double.isNaN(day.registerStartKwh)
                        && RegisterRollover.advance(previousRegisterKwh, day.registerStartKwh)
                                < -ROLLBACK_KWH;
        boolean reverse = !generates && (day.exportHours & DARK_HOURS) != 0;
        boolean phase =
                MeterEvent.isSet(day.events, MeterEvent.PHASE_LOSS)
                        || MeterEvent.isSet(day.events, MeterEvent.CURRENT_IMBALANCE);
        boolean mismatch = periodPriced ? disagree(day) : registerBehind(day);
        return new MeterEvidence(tamper, rollback, reverse, phase, mismatch);
    }

    /**
     * Whether the register's advance over the day's readings differs from their energy, either way
     * round, where they cover their span without a gap (a missing reading's energy is in the
     * register, not in the intervals: no verdict then): one of the two was altered or the meter is
     * faulty, which is for the metering team ({@link DataQualityCase}) whichever it is.
     */
    public static boolean disagree(DayLoad day) {
        double gap = comparableGap(day);
        return !Double.isNaN(gap) && Math.abs(gap) > tolerance(day);
    }

    /**
     * Whether the register advanced by more than the day's readings report, by more than the
     * minutes no reading covers could hold: the intervals missed energy the meter measured and the
     * register bills, so the day's readings do not say what the customer used ({@link DayJudge}
     * does not judge the day). Unlike {@link #disagree}, a day with a reading missing is judged too
     * (a meter whose intervals read zero loses readings like any other, and one lost reading must
     * not make its zeros a theft suspect's): the minutes not covered are allowed energy at up to
     * {@code 1 / }{@link #LOAD_FACTOR_FLOOR} times the register's own average rate over the span.
     */
    public static boolean registerAhead(DayLoad day) {
        double gap = day.registerGapKwh();
        long spanMillis = day.registerEndMillis - day.registerStartMillis;
        if (Double.isNaN(gap) || spanMillis <= 0) {
            return false;
        }
        double advance = gap + day.total();
        long uncoveredMillis = Math.max(0, spanMillis - (long) day.minutes * 60_000L);
        double allowance = advance * uncoveredMillis / spanMillis / LOAD_FACTOR_FLOOR;
        return gap > tolerance(day) + Math.max(0, allowance);
    }

    /**
     * A low load factor of a quarter hour against its day (the day's average rate over the quarter
     * hour's): a household's busiest quarter hours (the oven, the kettle and the washer at once)
     * run at up to about six or seven times its day's average, so the minutes without a reading are
     * allowed energy at up to 1 / 0.15 times the register's average rate before the register is
     * called ahead. A day whose intervals read zero is still called ahead with a tenth of its
     * minutes uncovered, the most a judged day has ({@link DayJudge#MIN_COVERAGE}).
     */
    static final double LOAD_FACTOR_FLOOR = 0.15;

    /**
     * Whether the register advanced by less than the day's readings report ({@link #disagree}): the
     * register that bills counted less than the meter measured.
     */
    static boolean registerBehind(DayLoad day) {
        double gap = comparableGap(day);
        return !Double.isNaN(gap) && gap < -tolerance(day);
    }

    /**
     * The register's advance less the readings' energy, kWh, where the readings cover the span
     * between the registers without a gap; NaN otherwise.
     */
    private static double comparableGap(DayLoad day) {
        double gap = day.registerGapKwh();
        if (Double.isNaN(gap)
                || (long) day.minutes * 60_000L
                        != day.registerEndMillis - day.registerStartMillis) {
            return Double.NaN;
        }
        return gap;
    }

    private static double tolerance(DayLoad day) {
        return MISMATCH_KWH
                + MISMATCH_SHARE * Math.abs(day.total())
                + day.readings * ROUNDING_KWH_A_READING;
    }

    public boolean any() {
        return tamper
                || registerRollback
                || reverseWithoutGeneration
                || phaseFault
                || registerMismatch;
    }
}
