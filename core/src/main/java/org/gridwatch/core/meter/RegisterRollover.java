package org.gridwatch.core.meter;

/**
 * A meter's energy register counts with a fixed number of whole-kWh digits and starts again at 0
 * after its largest value, as a car's odometer does: a six-digit register (DL/T 645's XXXXXX.XX)
 * goes from 999,999.99 to 0.00, a five-digit one from 99,999.9 to 0.0. The reading after such a
 * rollover is lower than the one before it, which is otherwise what a register rolled back (a
 * tampered meter), reset or exchanged shows.
 *
 * <p>A rollover is told apart by where it happens: from within the top {@link #BAND} of the range
 * of the register's digits to within its bottom {@code BAND}, the range being the smallest power of
 * ten above the reading before (at least {@link #SMALLEST_RANGE_KWH}: no register has fewer than
 * four whole-kWh digits). The energy across it is then at most twice {@code BAND} of the range (200
 * kWh for a four-digit register, 20,000 kWh for a six-digit one): between two reads of a register
 * on the same day or on neighbouring days. A rollback made to look like one would have to take the
 * register to within a percent of zero from within a percent of its end.
 *
 * <p>Where the meter's register digits are known, its range could be given instead; the contract's
 * readings do not carry it.
 */
public final class RegisterRollover {
    /** The share of the register's range at its top and its bottom between which it rolls over. */
    static final double BAND = 0.01;

    /** The range of the smallest register: four whole-kWh digits. */
    static final double SMALLEST_RANGE_KWH = 10_000;

    private RegisterRollover() {}

    /**
     * How far a register advanced from {@code fromKwh} to a later read {@code toKwh}, kWh: their
     * difference, or across a rollover ({@link #rolledOver}) the difference plus the register's
     * range; negative when the register stepped back without rolling over. NaN if either is NaN.
     */
    public static double advance(double fromKwh, double toKwh) {
        double difference = toKwh - fromKwh;
        return rolledOver(fromKwh, toKwh) ? difference + rangeAbove(fromKwh) : difference;
    }

    /**
     * Whether a register that read {@code fromKwh} and later {@code toKwh} rolled over between the
     * two: from within the top {@link #BAND} of its range to within the bottom. {@code toKwh} may
     * be a little below 0: a read worked back from the first reading after the rollover (its
     * register less its energy) is.
     */
    public static boolean rolledOver(double fromKwh, double toKwh) {
        if (!Double.isFinite(fromKwh) || !(toKwh < fromKwh)) {
            return false;
        }
        double range = rangeAbove(fromKwh);
        return fromKwh >= (1 - BAND) * range && Math.abs(toKwh) < BAND * range;
    }

    /** The smallest power of ten above {@code kwh}, at least {@link #SMALLEST_RANGE_KWH}. */
    static double rangeAbove(double kwh) {
        double range = SMALLEST_RANGE_KWH;
        while (range <= kwh) {
            range *= 10;
        }
        return range;
    }
}
