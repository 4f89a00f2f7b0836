package org.gridwatch.jobs.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.BillingSchedule;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.state.MeterState;
import org.gridwatch.jobs.state.StateCodec;

/**
 * The meter join's half of a customer's usage ({@link MeterEnrichment} holds it): each admitted
 * reading goes into the customer's open day (for theft detection) and its open billing month
 * (priced by its tariff), kept in the meter's state beside what the join reads for the reading
 * anyway. The customer's accounts then get one record a meter and day, and one a month, where they
 * got every reading: a network hop and a keyed state lookup less per reading (docs/architecture.md,
 * "The reading's work where the meter's state is").
 *
 * <p>What goes in: a reading is left out of its day once the readings' own event time had passed
 * the day's close ({@link DayWatch#graceMillis} after its end) when it came, or the join's had (see
 * {@link MeterEnrichment} for why not the join's alone); out of its month once its quarter hour has
 * closed by the join's event time (the load's first phase rejects it TOO_LATE at the same instant,
 * in the same task) or when the customer's tariff is unknown (its load is counted UNPRICED).
 *
 * <p>What goes out, on the join's feed to the accounts ({@link CustomerFeed#day}, {@link
 * CustomerFeed#month}): a day at its close and a month at its billing instant, from event-time
 * timers here, which fire before the watermark that passed them goes downstream, so the record
 * reaches the accounts before their own event time reaches the same instant; a month with a copy of
 * its successor so far, whose first register read the bill needs ({@link
 * org.gridwatch.core.billing.MonthSettlement}); and everything open at once when the meter leaves
 * its customer. The accounts merge what the meters of one customer ship.
 */
final class MeterUsage {
    private final ZoneId zone;
    private final long lateness;
    private final long dayGrace;
    private final TariffBook.Resolver tariffs;
    private final PeriodLookup peakHours;
    private final BillingCalendar calendar;
    private final BillingSchedule billing;

    // The local day of the latest reading, kept across readings: most readings in a row fall in
    // the same day, and finding a day in a time zone costs more than the rest of onReading.
    private long dayStart = Long.MAX_VALUE;
    private long dayEnd = Long.MIN_VALUE;
    private long epochDay;

    MeterUsage(MonitorSettings settings) {
        this.zone = settings.zone();
        this.lateness = settings.allowedLateness().toMillis();
        this.dayGrace = DayWatch.graceMillis(lateness);
        TariffBook book = settings.tariffBook();
        this.tariffs = book.resolver();
        // checked at start-up (MonitorArgs)
        this.peakHours = book.lookup(settings.valueModel().peakHoursTariff());
        this.calendar = new BillingCalendar(zone, BillingCalendar.DEFAULT_DAYS_TO_PAY);
        this.billing = new BillingSchedule(zone, lateness);
    }

    /**
     * Adds an admitted reading of {@code customer} to its open day and month in {@code meter},
     * unless they have closed; arms the close of a day or month it opens.
     *
     * @param dayMillis the event time that decides whether the reading's day has closed: the
     *     readings' own when it came (or the join's, if later)
     * @param nowMillis the join's event time, which decides whether its month has closed, as the
     *     load's first phase decides by it whether its quarter hour has
     */
    void onReading(
            MeterReading r,
            Customer customer,
            long dayMillis,
            long nowMillis,
            TimerService timers,
            MeterState meter) {
        addToDay(r, dayMillis, timers, meter);
        long start = r.startMillis();
        if (Bucket.closesAt(Bucket.startOf(start), lateness) <= nowMillis) {
            return; // rejected TOO_LATE by the load's first phase, in this task, at this time
        }
        PeriodLookup lookup = tariffs.lookup(customer.tariffId());
        if (lookup == null) {
            return; // no tariff to bill with: counted as UNPRICED load on the dashboards
        }
        MonthlyUsage usage = meter.monthCovering(start);
        if (usage != null) {
            usage.add(start, r.intervalMinutes(), r.kwh(), r.registerKwh(), lookup, peakHours);
            if (meter.months.length > 1) {
                meter.packEndedBy(nowMillis); // the previous month, once event time has left it
            }
            return;
        }
        YearMonth month = calendar.monthOf(start);
        MonthlyUsage ended = meter.takeEnded(MonthlyUsage.keyOf(month));
        if (ended != null) { // a late reading of a month that ended: rare
            ended.add(start, r.intervalMinutes(), r.kwh(), r.registerKwh(), lookup, peakHours);
            meter.putEnded(ended);
            return;
        }
        usage = MonthlyUsage.of(month, calendar);
        if (usage.add(start, r.intervalMinutes(), r.kwh(), r.registerKwh(), lookup, peakHours)) {
            armIfFirst(billing.billsAt(month), meter, timers);
            meter.putMonth(usage);
        }
    }

    private void addToDay(MeterReading r, long dayMillis, TimerService timers, MeterState meter) {
        long start = r.startMillis();
        if (start < dayStart || start >= dayEnd) {
            LocalDate date = Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
            epochDay = date.toEpochDay();
            dayStart = startMillis(date);
            dayEnd = startMillis(date.plusDays(1));
        }
        long closesAt = dayEnd + dayGrace; // DayWatch.closesAt, from the cached day's end
        if (closesAt <= dayMillis) {
            return;
        }
        DayLoad day = meter.day(epochDay);
        if (day == null) {
            day = new DayLoad(epochDay, dayStart);
            armIfFirst(closesAt, meter, timers);
            meter.putDay(day);
        }
        day.add(r);
    }

    /**
     * Arms a timer at {@code dueMillis}, the close of a day or the billing instant of a month about
     * to open, unless something already open is due no later: the meter keeps one timer, at the
     * earliest instant something of it is due, and each firing arms the next ({@link #shipDue}).
     * Three timers a meter took 0.36 kB of heap in a month's first week, the meter's id kept with
     * each (docs/benchmarks.md, session 23).
     */
    private void armIfFirst(long dueMillis, MeterState meter, TimerService timers) {
        if (dueMillis < nextDue(meter)) {
            timers.registerEventTimeTimer(dueMillis);
        }
    }

    /** The earliest close of an open day or billing instant of a month; MAX_VALUE if none. */
    private long nextDue(MeterState meter) {
        long next = Long.MAX_VALUE;
        for (DayLoad day : meter.days) {
            next = Math.min(next, closesAt(day));
        }
        for (MonthlyUsage month : meter.months) {
            next = Math.min(next, billing.billsAt(month.month()));
        }
        for (byte[] packed : meter.endedMonths) {
            next = Math.min(next, billing.billsAt(endedMonth(packed)));
        }
        return next;
    }

    private static YearMonth endedMonth(byte[] packed) {
        return MonthlyUsage.monthOf(StateCodec.packedMonthKey(packed));
    }

    /**
     * Ships to the meter's customer the days that have closed and the months whose billing instant
     * has come by {@code timestamp} (a timer of this operator), each month with a copy of the month
     * after it, if open; then arms the timer of what is due next.
     *
     * @return whether anything was shipped (the meter's state changed)
     */
    boolean shipDue(
            long timestamp, MeterState meter, TimerService timers, Collector<CustomerFeed> out) {
        boolean shipped = false;
        String customerId = meter.customer.customerId();
        for (DayLoad day : meter.days) {
            if (closesAt(day) <= timestamp) {
                meter.removeDay(day.epochDay);
                out.collect(CustomerFeed.day(customerId, day));
                shipped = true;
            }
        }
        for (byte[] packed : meter.endedMonths) {
            YearMonth m = endedMonth(packed);
            if (billing.billsAt(m) <= timestamp) {
                ship(meter.takeEnded(MonthlyUsage.keyOf(m)), meter, out);
                shipped = true;
            }
        }
        for (MonthlyUsage month : meter.months) {
            if (billing.billsAt(month.month()) <= timestamp) {
                meter.removeMonth(month.yearMonth);
                ship(month, meter, out);
                shipped = true;
            }
        }
        long next = nextDue(meter);
        if (next != Long.MAX_VALUE) {
            timers.registerEventTimeTimer(next);
        }
        return shipped;
    }

    /** Ships a month, with a copy of the month after it so far, if open. */
    private static void ship(MonthlyUsage month, MeterState meter, Collector<CustomerFeed> out) {
        int next = MonthlyUsage.keyOf(month.month().plusMonths(1));
        out.collect(
                CustomerFeed.month(meter.customer.customerId(), month, meter.copyOfMonth(next)));
    }

    /** Ships everything open to the meter's customer: the meter leaves it. */
    void shipAll(MeterState meter, Collector<CustomerFeed> out) {
        String customerId = meter.customer.customerId();
        for (DayLoad day : meter.days) {
            out.collect(CustomerFeed.day(customerId, day));
        }
        for (byte[] packed : meter.endedMonths) {
            out.collect(CustomerFeed.month(customerId, StateCodec.unpackUsage(packed), null));
        }
        for (MonthlyUsage month : meter.months) {
            out.collect(CustomerFeed.month(customerId, month, null));
        }
        meter.clearUsage();
    }

    private long closesAt(DayLoad day) {
        return DayWatch.closesAt(LocalDate.ofEpochDay(day.epochDay), zone, dayGrace);
    }

    private long startMillis(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
