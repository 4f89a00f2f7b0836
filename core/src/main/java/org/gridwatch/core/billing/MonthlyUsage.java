package org.gridwatch.core.billing;

import java.math.BigDecimal;
import java.time.YearMonth;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffPeriod;

/**
 * One customer's energy in one billing month: per tariff period, the month's maximum 15-minute
 * demand (for the demand charge of the two-part tariff), which quarter hours had a reading with the
 * register around every gap ({@link ReadingGaps}), and the energy per {@link LoadProfile} slot.
 * Readings are added as they come; when the month is billed, {@link MonthSettlement} adds the
 * energy of the quarter hours without a reading (from the register, else estimated), so that {@link
 * #microKwh} is then the month's whole energy as billed and {@link #estimatedMicroKwh} the part of
 * it no interval reading measured.
 *
 * <p>An interval belongs to the month, and each of its quarter hours to the period, in which it
 * STARTS. A 30- or 60-minute reading is split evenly into its quarter hours, each priced in its own
 * period: periods change on half-hour boundaries, so one hourly reading can span two.
 *
 * <p>Energy is summed in integer micro-kWh ({@code Math.round(kWh × 10⁶)}), so the order in which
 * readings arrive never changes a bill. Duplicates must be removed before {@link #add} (the meter
 * admission step does that); a reading overlapping one already added is refused.
 *
 * <p>Flink state: public no-arg constructor and public fields; energy per period is an array
 * indexed by {@link TariffPeriod#ordinal()}. About 100 bytes, 400 of profile sums ({@link #slots})
 * and 20 a gap. The zone must have a fixed offset (as for {@link PeriodLookup}): every day has 96
 * quarter hours.
 */
public final class MonthlyUsage {

    public static final long MICRO_KWH_PER_KWH = 1_000_000L;

    private static final int PERIODS = TariffPeriod.values().length;
    private static final int QUARTER_MINUTES = 15;
    static final long QUARTER_MILLIS = QUARTER_MINUTES * 60_000L;
    public static final int QUARTERS_PER_HOUR = 4;
    static final int QUARTERS_PER_DAY = 96;

    /** The billing month as {@code yyyy * 100 + MM}, e.g. 202601; 0 before {@link #of}. */
    public int yearMonth;

    /** First instant of the month, local (inclusive). */
    public long startMillis;

    /** First instant of the next month, local (exclusive). */
    public long endMillis;

    /** The month's first day, counted from 1970-01-01: the day types of its quarter hours. */
    public long firstEpochDay;

    /** The end of the latest interval added, so a replay can tell a month its data ends inside. */
    public long latestEndMillis = Long.MIN_VALUE;

    /**
     * Energy per period in micro-kWh, indexed by {@link TariffPeriod#ordinal()}: metered, and once
     * settled metered plus what the settlement gave the quarter hours without a reading.
     */
    public long[] microKwh = new long[PERIODS];

    /**
     * Of the month's energy, the part no interval reading of the month measured, micro-kWh: set by
     * {@link MonthSettlement}, 0 before. Negative when the register trues up an estimate that was
     * too high.
     */
    public long estimatedMicroKwh;

    /** The quarter hours with a reading, and the register around each gap. */
    public ReadingGaps readings = new ReadingGaps();

    /**
     * Per {@link LoadProfile#slot}, the customer's own profile: its metered quarter hours in the
     * top {@value #SLOT_COUNT_BITS} bits, their energy in micro-kWh below ({@link
     * #slotMicroKwh(int)}, {@link #slotQuarters(int)}). One array where a {@code long[]} of
     * energies and a {@code short[]} of counts took 112 bytes a month more (docs/benchmarks.md,
     * session 45). A slot holds at most 31 days × 4 quarter hours (124) and, below the count, 2⁵⁶
     * micro-kWh (72 million MWh, far beyond any customer's month in one hour of the day).
     */
    public long[] slots = new long[LoadProfile.SLOTS];

    /**
     * The energy per slot, as a month of release 0.1 kept it (Flink's POJO state, restored by the
     * accounts' upgrade path); null in every month made since. Folded into {@link #slots} when the
     * month is first read.
     */
    public long[] slotMicroKwh;

    /** The quarter hours per slot, as a month of release 0.1 kept them; null since. */
    public short[] slotQuarters;

    static final int SLOT_COUNT_BITS = 8;
    private static final int SLOT_ENERGY_BITS = Long.SIZE - SLOT_COUNT_BITS;
    private static final long SLOT_ENERGY_MASK = (1L << SLOT_ENERGY_BITS) - 1;

    /** The largest energy of one quarter hour this month, micro-kWh (× 4 gives kW). */
    public long maxQuarterMicroKwh;

    public int readingCount;

    /**
     * Quarter hours with a reading this month; once settled, also those it estimated: the hours the
     * load factor is averaged over.
     */
    public int quarterCount;

    /**
     * Energy in the system's peak hours (the peak periods of a reference tariff, whatever the
     * customer's own tariff): the use an off-peak offer could move. 0 when added without them.
     */
    public long peakHoursMicroKwh;

    /** For Flink's POJO serializer; use {@link #of}. */
    public MonthlyUsage() {}

    public static MonthlyUsage of(YearMonth month, BillingCalendar calendar) {
        MonthlyUsage usage = new MonthlyUsage();
        usage.yearMonth = keyOf(month);
        usage.startMillis = calendar.monthStartMillis(month);
        usage.endMillis = calendar.monthStartMillis(month.plusMonths(1));
        usage.firstEpochDay = month.atDay(1).toEpochDay();
        return usage;
    }

    /** An empty month: the one in which a reading starting at {@code startMillis} falls. */
    public static MonthlyUsage ofMonthContaining(long startMillis, BillingCalendar calendar) {
        return of(calendar.monthOf(startMillis), calendar);
    }

    /** A month as {@link #yearMonth} keeps it: yyyymm. */
    public static int keyOf(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }

    public YearMonth month() {
        return monthOf(yearMonth);
    }

    /** The month a {@link #yearMonth} key names. */
    public static YearMonth monthOf(int key) {
        return YearMonth.of(key / 100, key % 100);
    }

    /** Whether an interval starting at {@code startMillis} belongs to this month. */
    public boolean covers(long startMillis) {
        return startMillis >= this.startMillis && startMillis < endMillis;
    }

    /**
     * Adds one reading.
     *
     * @param startMillis the start of the interval (a contract reading's {@code ts} is its end)
     * @param intervalMinutes 15, 30 or 60 (any positive multiple of 15)
     * @param kwh the energy of the interval, not negative
     * @param lookup the period lookup of the customer's tariff
     * @return false, adding nothing, if the interval starts outside this month
     */
    public boolean add(long startMillis, int intervalMinutes, double kwh, PeriodLookup lookup) {
        return add(startMillis, intervalMinutes, kwh, lookup, null);
    }

    /**
     * Adds one reading, and its energy in the peak periods of {@code peakHours} to {@link
     * #peakHoursMicroKwh} (none when null).
     */
    public boolean add(
            long startMillis,
            int intervalMinutes,
            double kwh,
            PeriodLookup lookup,
            PeriodLookup peakHours) {
        return add(startMillis, intervalMinutes, kwh, Double.NaN, lookup, peakHours);
    }

    /**
     * Adds one reading with the meter's register after it.
     *
     * @param registerKwh the cumulative import register at the end of the interval, or {@link
     *     Double#NaN} when the reading has none
     * @return false, adding nothing, if the interval starts outside this month or overlaps a
     *     reading already added
     */
    public boolean add(
            long startMillis,
            int intervalMinutes,
            double kwh,
            double registerKwh,
            PeriodLookup lookup,
            PeriodLookup peakHours) {
        if (intervalMinutes <= 0 || intervalMinutes % QUARTER_MINUTES != 0) {
            throw new IllegalArgumentException(
                    "interval must be a multiple of 15 minutes: " + intervalMinutes);
        }
        if (!(kwh >= 0) || Double.isInfinite(kwh)) {
            throw new IllegalArgumentException("kWh must be a finite number >= 0: " + kwh);
        }
        if (!covers(startMillis)) {
            return false;
        }
        long total = Bucket.microKwh(kwh);
        int quarters = intervalMinutes / QUARTER_MINUTES;
        int first = quarterOf(startMillis);
        long registerAtEnd =
                Double.isNaN(registerKwh) ? ReadingGaps.UNKNOWN : Bucket.microKwh(registerKwh);
        long registerAtStart =
                registerAtEnd == ReadingGaps.UNKNOWN ? ReadingGaps.UNKNOWN : registerAtEnd - total;
        if (!readings.add(first, first + quarters, registerAtStart, registerAtEnd)) {
            return false;
        }
        long[] slots = slots();
        for (int q = 0; q < quarters; q++) {
            long part = Bucket.share(total, quarters, q);
            TariffPeriod period = lookup.periodAt(startMillis + q * QUARTER_MILLIS);
            microKwh[period.ordinal()] += part;
            if (peakHours != null
                    && peakHours.periodAt(startMillis + q * QUARTER_MILLIS).isPeak()) {
                peakHoursMicroKwh += part;
            }
            if (part > maxQuarterMicroKwh) {
                maxQuarterMicroKwh = part;
            }
            int slot = slotOf(first + q, lookup);
            slots[slot] = slotPlus(slots[slot], part, 1);
        }
        latestEndMillis = Math.max(latestEndMillis, startMillis + quarters * QUARTER_MILLIS);
        readingCount++;
        quarterCount += quarters;
        return true;
    }

    /**
     * Adds the readings {@code other} gathered for the same month and none of the same quarter
     * hours: the customer's other meter in a month its meter was exchanged, whose readings were
     * added apart. Every sum is of integer micro-kWh, so the result is exactly what adding all the
     * readings to one usage gives, in any order. Both must be unsettled ({@link #estimatedMicroKwh}
     * 0: nothing estimated yet).
     *
     * @return false, changing nothing, if the two cover a quarter hour in common
     * @throws IllegalArgumentException if {@code other} is another month, or either is settled
     */
    public boolean merge(MonthlyUsage other) {
        if (other.yearMonth != yearMonth || other.startMillis != startMillis) {
            throw new IllegalArgumentException(
                    "cannot merge month " + other.yearMonth + " into " + yearMonth);
        }
        if (estimatedMicroKwh != 0 || other.estimatedMicroKwh != 0) {
            throw new IllegalArgumentException("a settled month takes no more readings");
        }
        if (!readings.merge(other.readings)) {
            return false;
        }
        for (int p = 0; p < microKwh.length; p++) {
            microKwh[p] += other.microKwh[p];
        }
        long[] slots = slots();
        long[] others = other.slots();
        for (int s = 0; s < slots.length; s++) {
            slots[s] = slotPlus(slots[s], others[s] & SLOT_ENERGY_MASK, slotQuarters(others[s]));
        }
        maxQuarterMicroKwh = Math.max(maxQuarterMicroKwh, other.maxQuarterMicroKwh);
        latestEndMillis = Math.max(latestEndMillis, other.latestEndMillis);
        readingCount += other.readingCount;
        quarterCount += other.quarterCount;
        peakHoursMicroKwh += other.peakHoursMicroKwh;
        return true;
    }

    /** The metered energy of a {@link LoadProfile#slot}, micro-kWh. */
    public long slotMicroKwh(int slot) {
        return slots()[slot] & SLOT_ENERGY_MASK;
    }

    /** The metered quarter hours of a {@link LoadProfile#slot}. */
    public int slotQuarters(int slot) {
        return slotQuarters(slots()[slot]);
    }

    /** The number of {@link LoadProfile} slots kept: {@link LoadProfile#SLOTS}. */
    public int slotCount() {
        return slots().length;
    }

    /** Sets a slot's energy and quarter hours, as the state's codec reads them back. */
    public void setSlot(int slot, long microKwh, int quarters) {
        slots()[slot] = slotPlus(0, microKwh, quarters);
    }

    /**
     * {@link #slots}, with a month of release 0.1's arrays folded in first. (Its slots are then
     * still all 0: a POJO restore leaves the field as the no-argument constructor made it.)
     */
    private long[] slots() {
        if (slotMicroKwh != null || slotQuarters != null) {
            long[] folded = new long[LoadProfile.SLOTS];
            for (int s = 0; s < folded.length; s++) {
                folded[s] =
                        slotPlus(
                                0,
                                slotMicroKwh == null ? 0 : slotMicroKwh[s],
                                slotQuarters == null ? 0 : slotQuarters[s]);
            }
            slots = folded;
            slotMicroKwh = null;
            slotQuarters = null;
        }
        return slots;
    }

    private static int slotQuarters(long slot) {
        return (int) (slot >>> SLOT_ENERGY_BITS);
    }

    /** A slot with {@code microKwh} and {@code quarters} more. */
    private static long slotPlus(long slot, long microKwh, int quarters) {
        long energy = (slot & SLOT_ENERGY_MASK) + microKwh;
        long count = slotQuarters(slot) + (long) quarters;
        if (microKwh < 0
                || quarters < 0
                || energy > SLOT_ENERGY_MASK
                || count >= 1L << SLOT_COUNT_BITS) {
            throw new ArithmeticException(
                    "a load profile slot holds up to "
                            + SLOT_ENERGY_MASK
                            + " micro-kWh in "
                            + ((1 << SLOT_COUNT_BITS) - 1)
                            + " quarter hours: "
                            + energy
                            + " in "
                            + count);
        }
        return count << SLOT_ENERGY_BITS | energy;
    }

    /** The number of quarter hours in the month. */
    public int quarters() {
        return (int) ((endMillis - startMillis) / QUARTER_MILLIS);
    }

    /** The quarter hour of the month an instant falls in, counted from 0. */
    int quarterOf(long epochMillis) {
        return (int) ((epochMillis - startMillis) / QUARTER_MILLIS);
    }

    /** When quarter hour {@code q} of the month starts. */
    long startOfQuarter(int q) {
        return startMillis + q * QUARTER_MILLIS;
    }

    /** The {@link LoadProfile} slot of quarter hour {@code q}, by the lookup's holiday calendar. */
    int slotOf(int q, PeriodLookup lookup) {
        return LoadProfile.slot(
                lookup.calendar().dayTypeOfEpochDay(firstEpochDay + q / QUARTERS_PER_DAY),
                q % QUARTERS_PER_DAY);
    }

    /** The exact kWh of one period. */
    public BigDecimal kwh(TariffPeriod period) {
        return BigDecimal.valueOf(microKwh[period.ordinal()], 6);
    }

    public long totalMicroKwh() {
        long sum = 0;
        for (long m : microKwh) {
            sum += m;
        }
        return sum;
    }

    /** The exact kWh of the month. */
    public BigDecimal totalKwh() {
        return BigDecimal.valueOf(totalMicroKwh(), 6);
    }

    /** The month's maximum 15-minute demand in kW: the largest quarter-hour energy × 4, exact. */
    public BigDecimal maxDemandKw() {
        return BigDecimal.valueOf(maxQuarterMicroKwh * QUARTERS_PER_HOUR, 6);
    }
}
