package org.gridwatch.core.tariff;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one place that tells which tariff period an instant falls in; billing, what-if and the
 * simulator all ask here. A reading belongs to the period in which its interval starts.
 *
 * <p>The zone must have a fixed offset (China Standard Time has no daylight saving), which turns an
 * epoch millisecond into a local day and minute by integer arithmetic: no allocation, no maps.
 */
public final class PeriodLookup {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final TouSchedule schedule;
    private final HolidayCalendar calendar;
    private final long offsetMillis;

    public PeriodLookup(TouSchedule schedule, HolidayCalendar calendar, ZoneId zone) {
        if (!zone.getRules().isFixedOffset()) {
            throw new IllegalArgumentException(
                    zone
                            + " has daylight saving; tariff lookup needs a fixed offset such as +08:00");
        }
        ZoneOffset offset = zone.getRules().getOffset(Instant.EPOCH);
        this.schedule = schedule;
        this.calendar = calendar;
        this.offsetMillis = offset.getTotalSeconds() * 1000L;
    }

    /** China Standard Time, the zone of every shipped tariff. */
    public static PeriodLookup china(TouSchedule schedule, HolidayCalendar calendar) {
        return new PeriodLookup(schedule, calendar, ZoneOffset.ofHours(8));
    }

    public TariffPeriod periodAt(long epochMillis) {
        Slot last = lastSlot;
        if (last != null && epochMillis >= last.fromMillis && epochMillis < last.toMillis) {
            return last.period;
        }
        long local = epochMillis + offsetMillis;
        long epochDay = Math.floorDiv(local, MILLIS_PER_DAY);
        int minuteOfDay = (int) (Math.floorMod(local, MILLIS_PER_DAY) / 60_000L);
        DayType dayType = calendar.dayTypeOfEpochDay(epochDay);
        int index = schedule.index(monthOfEpochDay(epochDay), dayType.ordinal(), minuteOfDay);
        TariffPeriod period = TariffPeriod.ofOrdinal(schedule.periodOrdinalAt(index));
        long slotMillis = schedule.slotMinutes() * 60_000L;
        long from = epochMillis - (local - epochDay * MILLIS_PER_DAY) % slotMillis;
        lastSlot = new Slot(from, from + slotMillis, period);
        return period;
    }

    /**
     * The schedule's slot asked for last and its period: the readings of a collection round, one a
     * meter, all start in the same slot, so all but the first ask nothing of the calendar. One
     * immutable value, so that a lookup shared between threads at worst works a slot out again.
     */
    private record Slot(long fromMillis, long toMillis, TariffPeriod period) {}

    private Slot lastSlot;

    public TariffPeriod periodAt(LocalDateTime local) {
        return schedule.period(
                local.getMonthValue(),
                calendar.dayType(local.toLocalDate()),
                local.getHour() * 60 + local.getMinute());
    }

    public TouSchedule schedule() {
        return schedule;
    }

    public HolidayCalendar calendar() {
        return calendar;
    }

    /**
     * The month (1–12) of a day counted from 1970-01-01, by H. Hinnant's civil-from-days algorithm
     * (the proleptic Gregorian calendar, as {@link java.time.LocalDate} uses).
     */
    static int monthOfEpochDay(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097L);
        long dayOfEra = z - era * 146_097;
        long yearOfEra =
                (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        return (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    }
}
