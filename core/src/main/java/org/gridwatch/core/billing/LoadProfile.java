package org.gridwatch.core.billing;

import java.util.Arrays;
import org.gridwatch.core.tariff.DayType;

/**
 * The estimation rule's picture of a customer: its own load profile, the average energy of a
 * quarter hour for each hour of the day on workdays and on other days (weekends and holidays), 48
 * levels in whole Wh per quarter hour. Estimates are shaped, and without a register sized, by it.
 *
 * <p><b>The rule ("own profile, else flat")</b>, for the month being billed, level by level:
 *
 * <ol>
 *   <li>an hour with readings this month: the average of its metered quarter hours this month, the
 *       customer's most recent days of that kind at that hour;
 *   <li>else the level of the latest earlier month that had readings at that hour and day kind
 *       (kept in {@link ReadingHistory});
 *   <li>else flat: the month's average kWh per metered quarter hour; in a month without readings,
 *       the average of the levels kept; 0 for a customer never read.
 * </ol>
 *
 * <p>Why these slots: use follows the clock and whether the customer works that day, weekends and
 * holidays alike; tariff periods change on whole hours in every shipped tariff, so an hourly shape
 * puts estimated energy in the right period. Finer slots would multiply the state for a shape the
 * hour already gives. Cost: 48 ints (192 bytes) kept per customer, and while a month is open 48
 * longs in its {@link MonthlyUsage}, each a slot's energy and quarter hours (400 bytes).
 */
public final class LoadProfile {

    public static final int HOURS = 24;

    /** Workday hours 0–23, then other days' hours 0–23. */
    public static final int SLOTS = 2 * HOURS;

    /** A level never measured. */
    public static final int UNKNOWN = -1;

    private static final int QUARTERS_PER_HOUR = 4;
    private static final long MICRO_KWH_PER_WH = 1_000L;

    private LoadProfile() {}

    /** The slot of a quarter hour: its hour of the day on a workday or on any other day. */
    public static int slot(DayType dayType, int quarterOfDay) {
        return (dayType == DayType.WORKDAY ? 0 : HOURS) + quarterOfDay / QUARTERS_PER_HOUR;
    }

    /** A profile that knows nothing yet. */
    public static int[] unknown() {
        int[] levels = new int[SLOTS];
        Arrays.fill(levels, UNKNOWN);
        return levels;
    }

    /** The levels {@code month} is estimated with, from its own readings and the kept ones. */
    static int[] levels(MonthlyUsage month, int[] kept) {
        int flat = flatLevel(month, kept);
        int[] levels = new int[SLOTS];
        for (int s = 0; s < SLOTS; s++) {
            if (month.slotQuarters(s) > 0) {
                levels[s] = averageWh(month.slotMicroKwh(s), month.slotQuarters(s));
            } else {
                levels[s] = kept[s] != UNKNOWN ? kept[s] : flat;
            }
        }
        return levels;
    }

    /**
     * The profile to keep after {@code month}: its own levels where it had readings, the kept ones
     * elsewhere (a flat fill-in is not kept, so it never passes for a measurement).
     */
    static int[] keep(MonthlyUsage month, int[] levels, int[] kept) {
        int[] next = kept.clone();
        for (int s = 0; s < SLOTS; s++) {
            if (month.slotQuarters(s) > 0) {
                next[s] = levels[s];
            }
        }
        return next;
    }

    /** The flat level: rule 3 of the class comment. */
    static int flatLevel(MonthlyUsage month, int[] kept) {
        if (month.quarterCount > 0) {
            return averageWh(month.totalMicroKwh(), month.quarterCount);
        }
        long sum = 0;
        int known = 0;
        for (int level : kept) {
            if (level != UNKNOWN) {
                sum += level;
                known++;
            }
        }
        return known == 0 ? 0 : (int) ((sum + known / 2) / known);
    }

    /** micro-kWh over n quarter hours as whole Wh per quarter hour, half up. */
    private static int averageWh(long microKwh, int quarters) {
        long divisor = quarters * MICRO_KWH_PER_WH;
        return (int) ((microKwh + divisor / 2) / divisor);
    }
}
