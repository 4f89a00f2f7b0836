package org.gridwatch.jobs.state;

import java.util.Arrays;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.detect.DayLoad;

/**
 * A customer's open billing months and open days: kept by the meter join for the customer its meter
 * is assigned to ({@link MeterState}) until they close, and by the customer's accounts ({@link
 * CustomerLoad}) from when the join ships them until they are billed and judged. Usually one month
 * and one day are open; two around a month's or a day's end (a month stays open for the allowed
 * lateness, a day for two hours).
 */
public abstract class OpenUsage {

    private static final MonthlyUsage[] NO_MONTHS = new MonthlyUsage[0];
    private static final DayLoad[] NO_DAYS = new DayLoad[0];

    /** The open months, by {@link MonthlyUsage#yearMonth}, in no particular order. */
    public MonthlyUsage[] months = NO_MONTHS;

    /** The open days, by {@link DayLoad#epochDay}, in no particular order. */
    public DayLoad[] days = NO_DAYS;

    /** The open month {@code yyyymm}, or null. */
    public MonthlyUsage month(int yearMonth) {
        for (MonthlyUsage m : months) {
            if (m.yearMonth == yearMonth) {
                return m;
            }
        }
        return null;
    }

    /**
     * The open month an instant falls in, or null: the reading's month is nearly always open, and
     * finding it by its bounds spares working out the local month of every reading.
     */
    public MonthlyUsage monthCovering(long epochMillis) {
        for (MonthlyUsage m : months) {
            if (m.covers(epochMillis)) {
                return m;
            }
        }
        return null;
    }

    /** Opens (or replaces) a month. */
    public void putMonth(MonthlyUsage usage) {
        for (int i = 0; i < months.length; i++) {
            if (months[i].yearMonth == usage.yearMonth) {
                months[i] = usage;
                return;
            }
        }
        months = Arrays.copyOf(months, months.length + 1);
        months[months.length - 1] = usage;
    }

    /** Closes a month; nothing if it is not open. */
    public void removeMonth(int yearMonth) {
        for (int i = 0; i < months.length; i++) {
            if (months[i].yearMonth == yearMonth) {
                months = without(months, i, NO_MONTHS);
                return;
            }
        }
    }

    /** The open day {@code epochDay}, or null. */
    public DayLoad day(long epochDay) {
        for (DayLoad d : days) {
            if (d.epochDay == epochDay) {
                return d;
            }
        }
        return null;
    }

    /** Opens a day. */
    public void putDay(DayLoad day) {
        days = Arrays.copyOf(days, days.length + 1);
        days[days.length - 1] = day;
    }

    /** Closes a day; nothing if it is not open. */
    public void removeDay(long epochDay) {
        for (int i = 0; i < days.length; i++) {
            if (days[i].epochDay == epochDay) {
                days = without(days, i, NO_DAYS);
                return;
            }
        }
    }

    /** Closes every month and day. */
    public void clearUsage() {
        months = NO_MONTHS;
        days = NO_DAYS;
    }

    /** Whether no month and no day is open. */
    public boolean hasNoUsage() {
        return months.length == 0 && days.length == 0;
    }

    /** {@code all} without its entry {@code i}; {@code none} when that leaves nothing. */
    static <T> T[] without(T[] all, int i, T[] none) {
        if (all.length == 1) {
            return none;
        }
        T[] rest = Arrays.copyOf(all, all.length - 1);
        System.arraycopy(all, i + 1, rest, i, all.length - i - 1);
        return rest;
    }
}
