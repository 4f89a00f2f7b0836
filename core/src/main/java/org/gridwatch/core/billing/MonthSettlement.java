package org.gridwatch.core.billing;

import java.math.BigInteger;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffPeriod;

/**
 * Settles a month's energy before it is billed: validation, estimation and editing (VEE) of the
 * readings, the way utilities bill. The register measures; interval readings allocate; what no
 * reading covers is estimated, and shown on the bill.
 *
 * <ol>
 *   <li><b>The month's energy is the register difference</b>, closing read − opening read, when the
 *       meter gives its register. The opening read is the previous month's closing read as billed;
 *       in the customer's first month, the register at the start of its first reading (nothing
 *       before the first reading is billed or estimated: the job cannot know it).
 *   <li><b>Interval readings allocate it to tariff periods</b>: each metered quarter hour keeps its
 *       energy.
 *   <li><b>A gap between two readings gets what the register says went through it</b> (register at
 *       its end − register at its start), shared over its quarter hours by the customer's {@link
 *       LoadProfile} (flat where the profile has nothing). This is where missing, too-late and
 *       implausible readings come back into the bill.
 *   <li><b>Without a register, each quarter hour of a gap is estimated at its profile level.</b>
 *   <li><b>Readings missing at the month's end</b>: the gap runs into the next month, and the
 *       register at the next month's first reading (read by the time the month is billed, a week
 *       after its end) says how much went through the whole gap; the month gets its share by the
 *       profile: an interpolated closing read. If the meter has not read again by then, the tail is
 *       estimated at the profile levels: an estimated closing read. Either way the next month opens
 *       at this closing read, so its register difference trues up the estimate: energy is never
 *       counted twice nor lost, the bills of the months add up to the register's advance.
 *   <li><b>No reading in the month</b>: the whole month is such a gap (interpolated from the next
 *       month's first read, else estimated at the profile levels); fixed and minimum charges are
 *       billed as always.
 *   <li><b>A register lower than one read before it</b> (rollback, reset, meter exchange) cannot
 *       measure anything across the step: the month is then billed from its interval readings, its
 *       gaps estimated at the profile levels, never a negative energy; the next month opens at the
 *       new register.
 *   <li><b>Register and intervals disagree</b> (their difference is smaller or larger than the
 *       intervals and gaps together; or the opening read was estimated too high): the register
 *       wins, and the difference is spread over the periods in proportion to their energy. If an
 *       estimate was so high that the register difference is negative, the month bills 0 kWh and
 *       the rest of the true-up carries to the next month.
 * </ol>
 *
 * Integers throughout (micro-kWh, Wh levels), shared out exactly: the same readings give the same
 * bill in any order of arrival.
 */
public final class MonthSettlement {

    private static final long UNKNOWN = ReadingGaps.UNKNOWN;
    private static final int PERIODS = TariffPeriod.values().length;
    private static final long MICRO_KWH_PER_WH = 1_000L;

    private MonthSettlement() {}

    /**
     * Completes {@code month} with the energy of its quarter hours without a reading (see the class
     * comment) and says what the customer's billing carries into the next month.
     *
     * @param month the month to bill, with the readings added so far; changed in place
     * @param next the following month's readings so far, or null (only its first register read is
     *     used, to share a gap across the month's end)
     * @param history what billing carried out of the previous month
     * @param lookup the period lookup of the customer's tariff
     * @param peakHours the system's peak hours for {@link MonthlyUsage#peakHoursMicroKwh}, or null
     * @return the history for the next month; {@code history} is not changed
     */
    public static ReadingHistory settle(
            MonthlyUsage month,
            MonthlyUsage next,
            ReadingHistory history,
            PeriodLookup lookup,
            PeriodLookup peakHours) {
        ReadingGaps gaps = month.readings;
        int quarters = month.quarters();
        int[] levels = LoadProfile.levels(month, history.profileWh);
        Fill fill = new Fill(month, lookup, peakHours, levels);
        long metered = month.totalMicroKwh();

        int from = history.started ? 0 : gaps.isEmpty() ? quarters : gaps.first;
        long opening = history.started ? history.openingMicroKwh : gaps.firstRegister;
        boolean steppedBack = below(gaps.firstRegister, history.lastActualMicroKwh);
        boolean rollback = steppedBack || gaps.backwards || gapsRunBackwards(gaps);
        long closing = fillGaps(fill, from, opening, steppedBack, next, history);

        // After an overflow the gaps inside the stretch are not listed: their energy is the
        // register's (below) or, without one, estimated together at the flat level.
        int unlisted = gaps.overflow ? gaps.end - gaps.first - month.quarterCount : 0;
        long allocated = metered + fill.total;
        long total = allocated;
        long nextOpening = closing;
        if (opening != UNKNOWN && closing != UNKNOWN && !rollback) {
            total = Math.max(0, closing - opening); // the register wins
            nextOpening = opening + total;
        } else {
            long flat = LoadProfile.flatLevel(month, history.profileWh);
            total += unlisted * flat * MICRO_KWH_PER_WH;
        }
        fill.quarters += unlisted;
        long[] corrections = spread(total - allocated, month, fill, from, quarters);

        for (int p = 0; p < PERIODS; p++) {
            month.microKwh[p] += fill.microKwh[p] + corrections[p];
        }
        month.peakHoursMicroKwh += fill.peakHoursMicroKwh;
        if (month.quarterCount == 0) {
            // No demand was measured: the estimate's largest quarter hour is the demand.
            month.maxQuarterMicroKwh = fill.maxQuarterMicroKwh;
        }
        month.quarterCount += fill.quarters;
        month.estimatedMicroKwh = total - metered;

        ReadingHistory after = new ReadingHistory();
        after.billedMonth = month.yearMonth;
        after.started = history.started || !gaps.isEmpty();
        after.openingMicroKwh = nextOpening;
        after.openingEstimated = nextOpening != closing || !closesOnARead(month);
        after.lastActualMicroKwh =
                gaps.lastRegister != UNKNOWN ? gaps.lastRegister : history.lastActualMicroKwh;
        after.latestReadingEndMillis =
                Math.max(history.latestReadingEndMillis, month.latestEndMillis);
        after.profileWh = LoadProfile.keep(month, levels, history.profileWh);
        return after;
    }

    /**
     * Fills the quarter hours without a reading from {@code from} to the month's end: before the
     * first reading, between readings, after the last.
     *
     * @return the closing read: the register at the month's end as billed, or UNKNOWN
     */
    private static long fillGaps(
            Fill fill,
            int from,
            long opening,
            boolean steppedBack,
            MonthlyUsage next,
            ReadingHistory history) {
        MonthlyUsage month = fill.month;
        ReadingGaps gaps = month.readings;
        long tailRegister = opening;
        int tailFrom = from;
        if (!gaps.isEmpty()) {
            if (from < gaps.first) {
                fillHead(fill, from, gaps.first, opening, gaps.firstRegister, steppedBack);
            }
            for (int i = 0; i < gaps.count && !gaps.overflow; i++) {
                fillGap(
                        fill,
                        gaps.from[i],
                        gaps.to[i],
                        gaps.registerBefore[i],
                        gaps.registerAfter[i]);
            }
            tailRegister = gaps.lastRegister;
            tailFrom = gaps.end;
        }
        if (tailFrom == month.quarters()) {
            return tailRegister;
        }
        long tail = fillTail(fill, tailFrom, tailRegister, next, gaps.isEmpty(), history);
        return tailRegister == UNKNOWN ? UNKNOWN : tailRegister + tail;
    }

    /** Whether the month's last reading ends at its end: its closing read is a read. */
    private static boolean closesOnARead(MonthlyUsage month) {
        return !month.readings.isEmpty() && month.readings.end == month.quarters();
    }

    /** The quarter hours before the month's first reading, after the opening read. */
    private static void fillHead(
            Fill fill, int from, int to, long opening, long atFirstReading, boolean steppedBack) {
        if (opening == UNKNOWN || atFirstReading == UNKNOWN || steppedBack) {
            fill.estimate(from, to);
        } else if (atFirstReading >= opening) {
            fill.share(from, to, atFirstReading - opening, null, 0);
        } else {
            // The opening read was estimated too high: nothing is left for these quarter hours,
            // and the register difference takes the excess back (see settle).
            fill.share(from, to, 0, null, 0);
        }
    }

    private static void fillGap(Fill fill, int from, int to, long before, long after) {
        if (before == UNKNOWN || after == UNKNOWN || after < before) {
            fill.estimate(from, to);
        } else {
            fill.share(from, to, after - before, null, 0);
        }
    }

    /**
     * The quarter hours after the month's last reading (all of them in a month without one).
     *
     * @return the energy given to them
     */
    private static long fillTail(
            Fill fill,
            int from,
            long register,
            MonthlyUsage next,
            boolean silent,
            ReadingHistory history) {
        int quarters = fill.month.quarters();
        boolean nextRead =
                next != null && !next.readings.isEmpty() && next.readings.firstRegister != UNKNOWN;
        if (register == UNKNOWN || !nextRead) {
            return fill.estimate(from, quarters);
        }
        long right = next.readings.firstRegister;
        if (right >= register) {
            return fill.share(from, quarters, right - register, next, next.readings.first);
        }
        if (silent && history.openingEstimated && !below(right, history.lastActualMicroKwh)) {
            // A silent month opened at an estimate above what the meter read next: none of it is
            // left for this month; the next month trues the estimate up.
            return fill.share(from, quarters, 0, null, 0);
        }
        // The register went backwards across the month's end: the next month sees the step; this
        // month's tail is estimated.
        return fill.estimate(from, quarters);
    }

    private static boolean below(long register, long earlier) {
        return register != UNKNOWN && earlier != UNKNOWN && register < earlier;
    }

    private static boolean gapsRunBackwards(ReadingGaps gaps) {
        for (int i = 0; i < gaps.count; i++) {
            if (below(gaps.registerAfter[i], gaps.registerBefore[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Shares {@code correction} (either sign) over the periods in proportion to their energy, or
     * over the month's quarter hours by the profile when there is none yet.
     */
    private static long[] spread(
            long correction, MonthlyUsage month, Fill fill, int from, int quarters) {
        long[] out = new long[PERIODS];
        if (correction == 0) {
            return out;
        }
        long[] base = new long[PERIODS];
        long whole = 0;
        for (int p = 0; p < PERIODS; p++) {
            base[p] = month.microKwh[p] + fill.microKwh[p];
            whole += base[p];
        }
        if (whole == 0) {
            // Intervals of 0 kWh under a register that moved: the profile places it.
            fill.share(from, quarters, correction, null, 0);
            fill.quarters -= quarters - from; // those quarter hours were counted already
            return out;
        }
        long size = Math.abs(correction);
        long cumulative = 0;
        long given = 0;
        for (int p = 0; p < PERIODS; p++) {
            cumulative += base[p];
            long upTo = ceilShare(size, cumulative, whole);
            out[p] = Long.signum(correction) * (upTo - given);
            given = upTo;
        }
        return out;
    }

    /** {@code total × part / whole} rounded up, exact for any sizes (all three ≥ 0, whole > 0). */
    static long ceilShare(long total, long part, long whole) {
        long high = Math.multiplyHigh(total, part);
        long low = total * part;
        if (high == 0 && low >= 0) {
            return -Math.floorDiv(-low, whole);
        }
        return BigInteger.valueOf(total)
                .multiply(BigInteger.valueOf(part))
                .add(BigInteger.valueOf(whole - 1))
                .divide(BigInteger.valueOf(whole))
                .longValueExact();
    }

    /**
     * The energy handed to quarter hours without a reading, per period, as the settlement goes.
     * Shares run over quarter hours in time order, each getting its cumulative share rounded up
     * less what the ones before got (the remainder goes to the first, as {@code Bucket.share}
     * does), so the parts always add up to the whole.
     */
    private static final class Fill {
        final MonthlyUsage month;
        final PeriodLookup lookup;
        final PeriodLookup peakHours;
        final int[] levels;
        final long[] microKwh = new long[PERIODS];
        long total;
        long peakHoursMicroKwh;
        long maxQuarterMicroKwh;
        int quarters;

        Fill(MonthlyUsage month, PeriodLookup lookup, PeriodLookup peakHours, int[] levels) {
            this.month = month;
            this.lookup = lookup;
            this.peakHours = peakHours;
            this.levels = levels;
        }

        /** Gives each quarter hour of [from, to) its profile level; returns the sum. */
        long estimate(int from, int to) {
            long sum = 0;
            for (int q = from; q < to; q++) {
                long energy = levelOf(month, q) * MICRO_KWH_PER_WH;
                put(q, energy);
                sum += energy;
            }
            return sum;
        }

        /**
         * Shares {@code energy} by the profile over [from, to) of this month followed by the first
         * {@code nextTo} quarter hours of {@code next} (none when null), flat if the profile gives
         * them all 0; gives this month's quarter hours their part and returns it.
         */
        long share(int from, int to, long energy, MonthlyUsage next, int nextTo) {
            long whole = 0;
            for (int q = from; q < to; q++) {
                whole += levelOf(month, q);
            }
            for (int q = 0; q < nextTo; q++) {
                whole += levelOf(next, q);
            }
            boolean flat = whole == 0;
            if (flat) {
                whole = (to - from) + nextTo;
            }
            long cumulative = 0;
            long given = 0;
            for (int q = from; q < to; q++) {
                cumulative += flat ? 1 : levelOf(month, q);
                long upTo = ceilShare(energy, cumulative, whole);
                put(q, upTo - given);
                given = upTo;
            }
            return given;
        }

        private long levelOf(MonthlyUsage m, int q) {
            return levels[m.slotOf(q, lookup)];
        }

        private void put(int q, long energy) {
            long start = month.startOfQuarter(q);
            microKwh[lookup.periodAt(start).ordinal()] += energy;
            if (peakHours != null && peakHours.periodAt(start).isPeak()) {
                peakHoursMicroKwh += energy;
            }
            maxQuarterMicroKwh = Math.max(maxQuarterMicroKwh, energy);
            total += energy;
            quarters++;
        }
    }
}
