package org.gridwatch.core.whatif;

import java.util.Set;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.TariffPeriod;
import org.gridwatch.core.tariff.TouSchedule;

/**
 * Critical-peak days announced in advance (a scenario's {@code critical-peak-days}): in the given
 * months the utility calls up to {@code daysPerMonth} events on workdays, announced the day before,
 * and on an event day the given half hours are priced at the scenario tariff's critical-peak price.
 *
 * <p>A signature holds a month's workdays as one block, so the events are a share of it: with W
 * workdays read in the month and n = min(daysPerMonth, W) events, n/W of every workday half hour is
 * an event day's ({@link #eventShare}). Events fall on average workdays here; real ones are called
 * on the hottest days, when load is above the average, so the figures understate an event day's
 * load (docs/whatif.md).
 *
 * @param months the months (1–12) events may be called in
 * @param daysPerMonth events a month, at most
 * @param eventHalfHours for each half hour of the day, whether it is critical peak on an event day
 */
public record CriticalPeakDays(Set<Integer> months, int daysPerMonth, boolean[] eventHalfHours) {

    /** No events. */
    public static final CriticalPeakDays NONE =
            new CriticalPeakDays(Set.of(), 0, new boolean[MonthLoad.HALF_HOURS]);

    public CriticalPeakDays {
        months = Set.copyOf(months);
        eventHalfHours = eventHalfHours.clone();
    }

    public boolean any() {
        return daysPerMonth > 0 && !months.isEmpty();
    }

    /** The share of the month's workday energy that falls on event days. */
    public double eventShare(int monthOfYear, int workdays) {
        if (!any() || !months.contains(monthOfYear) || workdays == 0) {
            return 0;
        }
        return Math.min(daysPerMonth, workdays) / (double) workdays;
    }

    /**
     * The period of half hour {@code h} of an event day in {@code month} under {@code schedule}.
     */
    public TariffPeriod eventPeriod(TouSchedule schedule, int month, int h) {
        return eventHalfHours[h]
                ? TariffPeriod.CRITICAL_PEAK
                : schedule.period(month, DayType.WORKDAY, h * 30);
    }
}
