package org.gridwatch.core.whatif;

import org.gridwatch.core.tariff.DayType;

/**
 * One month of a customer's {@link LoadSignature}: the energy of every half hour of the day, summed
 * over the month's days of each {@link DayType}, in whole micro-kWh (so sums are exact and do not
 * depend on the order readings come in, as in billing).
 *
 * <p>Flink state and records: public no-arg constructor, public fields, arrays only.
 */
public final class MonthLoad {

    public static final int HALF_HOURS = 48;

    /** Workday half hours 0–47, then weekend, then holiday. */
    public static final int SLOTS = DayType.values().length * HALF_HOURS;

    static final int QUARTERS_PER_DAY = 96;

    /** yyyyMM, e.g. 202601. */
    public int yearMonth;

    /** micro-kWh by {@link #slot(DayType, int)}. */
    public long[] microKwh = new long[SLOTS];

    /**
     * Under a scenario with {@link CriticalPeakDays}: the share of the workday half hours that
     * falls on event days, by half hour (taken out of the workday slots of {@link #microKwh}); null
     * otherwise.
     */
    public long[] eventMicroKwh;

    /** The month's largest quarter-hour energy (× 4 is the maximum demand in kW of billing). */
    public long maxQuarterMicroKwh;

    /** Bit d − 1 is set when day-of-month d had a reading. */
    public int dayBits;

    /**
     * The quarter hours of the month already read, while the signature is being built (a reading
     * that overlaps one is a duplicate and adds nothing, as in billing); null once {@link
     * LoadSignature#seal() sealed}.
     */
    public long[] quartersRead;

    public MonthLoad() {}

    static MonthLoad of(int yearMonth) {
        MonthLoad month = new MonthLoad();
        month.yearMonth = yearMonth;
        month.quartersRead = new long[31 * QUARTERS_PER_DAY / 64 + 1];
        return month;
    }

    /** The index of a day type's half hour in {@link #microKwh}. */
    public static int slot(DayType dayType, int halfHour) {
        return dayType.ordinal() * HALF_HOURS + halfHour;
    }

    public long totalMicroKwh() {
        long sum = 0;
        for (long m : microKwh) {
            sum += m;
        }
        if (eventMicroKwh != null) {
            for (long m : eventMicroKwh) {
                sum += m;
            }
        }
        return sum;
    }

    /** The energy of each slot with event days counted as the workdays they are. */
    public long slotWithEvents(int slot) {
        long own = microKwh[slot];
        return eventMicroKwh != null && slot < HALF_HOURS ? own + eventMicroKwh[slot] : own;
    }

    /** The number of days of the month that had a reading. */
    public int daysRead() {
        return Integer.bitCount(dayBits);
    }

    void add(MonthLoad other) {
        for (int s = 0; s < SLOTS; s++) {
            microKwh[s] += other.microKwh[s];
        }
        maxQuarterMicroKwh = Math.max(maxQuarterMicroKwh, other.maxQuarterMicroKwh);
        dayBits |= other.dayBits;
    }

    /** Marks quarters [from, to) of the month read; false, marking nothing, if any already was. */
    boolean markRead(int from, int to) {
        for (int q = from; q < to; q++) {
            if ((quartersRead[q >>> 6] & (1L << (q & 63))) != 0) {
                return false;
            }
        }
        for (int q = from; q < to; q++) {
            quartersRead[q >>> 6] |= 1L << (q & 63);
        }
        return true;
    }
}
