package org.gridwatch.jobs.ops;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.detect.DayJudge;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.DayPrices;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.jobs.state.AccountBook;
import org.gridwatch.jobs.state.CustomerLoad;

/**
 * The customer operator's half of theft detection ({@link CustomerAccounts} holds it): each open
 * day's load (kept in the customer's {@link CustomerLoad}), and the customer's usual day (in its
 * {@link AccountBook}). A day closes {@link #GRACE} after its end in event time (or the allowed
 * lateness, if shorter): detection does not wait the week a bill waits, and a reading later than
 * that is left out of its day (it still counts for the bill). The closed day is judged by core
 * ({@link DayJudge}) and reported to {@link #DAYS} for the area's {@link AreaWatch}.
 *
 * <p>An inspection's outcome rides on the customer's next day report to the area's theft case; a
 * NO_FINDING or METER_FAULT also makes the usual day learn afresh ({@link UsageBaseline#relearn}).
 */
final class DayWatch {
    /** The customers' closed days, for {@link AreaWatch}. */
    static final OutputTag<DayReport> DAYS =
            new OutputTag<>("customer-days", Types.POJO(DayReport.class)) {};

    static final Duration GRACE = Duration.ofHours(2);

    private final ZoneId zone;
    private final long grace;
    private final TariffBook tariffs;
    private final PeriodLookup peakHours;
    // The local day of the latest reading, kept across readings: most readings in a row fall in
    // the same day, and finding a day in a time zone costs more than the rest of onReading.
    private long dayStart = Long.MAX_VALUE;
    private long dayEnd = Long.MIN_VALUE;
    private long epochDay;

    DayWatch(ZoneId zone, long allowedLatenessMillis, TariffBook tariffs, PeriodLookup peakHours) {
        this.zone = zone;
        this.grace = graceMillis(allowedLatenessMillis);
        this.tariffs = tariffs;
        this.peakHours = peakHours;
    }

    /** How long after its end a day closes: {@link #GRACE}, or the allowed lateness if shorter. */
    static long graceMillis(long allowedLatenessMillis) {
        return Math.min(GRACE.toMillis(), allowedLatenessMillis);
    }

    /** What an inspector found: told to the area with the next day; relearn if vouched for. */
    void onInspection(InspectionOutcome outcome, AccountBook book) {
        book.inspected = outcome;
        if (outcome != InspectionOutcome.CONFIRMED_THEFT && book.usual != null) {
            book.usual.relearn();
        }
    }

    /**
     * Adds a reading to its day, unless the day has closed; arms the day's close. Closed means: the
     * event time the meter join had passed when it admitted the reading ({@code eventTimeAtJoin})
     * was past the day's close, so that the same readings count in every run, whichever of the
     * account's inputs is ahead. (The account's own event time is never ahead of the join's; it is
     * taken too, for a reading from before a restart, when the join's had not moved yet.)
     */
    void onReading(MeterReading r, long eventTimeAtJoin, TimerService timers, CustomerLoad load) {
        long start = r.startMillis();
        if (start < dayStart || start >= dayEnd) {
            LocalDate date = java.time.Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
            epochDay = date.toEpochDay();
            dayStart = startMillis(date);
            dayEnd = startMillis(date.plusDays(1));
        }
        long closesAt = dayEnd + grace;
        if (closesAt <= Math.max(eventTimeAtJoin, timers.currentWatermark())) {
            return;
        }
        DayLoad day = load.day(epochDay);
        if (day == null) {
            day = new DayLoad(epochDay, dayStart);
            load.putDay(day);
            timers.registerEventTimeTimer(closesAt);
        }
        day.add(r);
    }

    /** The day closing at {@code timestamp}, judged; null if none closes then. */
    DayReport onTimer(long timestamp, CustomerLoad load, AccountBook book) {
        Customer customer = load == null ? null : load.master;
        long lastMilli = timestamp - grace - 1;
        LocalDate date = java.time.Instant.ofEpochMilli(lastMilli).atZone(zone).toLocalDate();
        if (closesAt(date) != timestamp) {
            return null;
        }
        DayLoad day = load == null ? null : load.day(date.toEpochDay());
        if (day == null || customer == null) {
            return null;
        }
        load.removeDay(date.toEpochDay());
        UsageBaseline usual = book.usual;
        if (usual == null) {
            usual = new UsageBaseline();
            book.usual = usual;
        }
        DayReport report =
                DayJudge.close(
                        usual,
                        day,
                        customer,
                        DayPrices.restDay(peakHours, date),
                        DayPrices.peakHours(peakHours, day.dayStartMillis),
                        DayPrices.hourPrices(tariffs, customer.tariffId(), day.dayStartMillis),
                        timestamp);
        InspectionOutcome found = book.inspected;
        if (found != null) {
            book.inspected = null;
            return report.withInspected(found);
        }
        return report;
    }

    private long startMillis(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long closesAt(LocalDate date) {
        return startMillis(date.plusDays(1)) + grace;
    }
}
