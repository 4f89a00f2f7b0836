package org.gridwatch.jobs.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.detect.DataQualityCase;
import org.gridwatch.core.detect.DayJudge;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.DayPrices;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.MeterEvidence;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.jobs.state.AccountBook;
import org.gridwatch.jobs.state.CustomerLoad;
import org.gridwatch.jobs.state.OpenUsage;

/**
 * The customer operator's half of theft detection ({@link CustomerAccounts} holds it): the days its
 * meters' joins shipped ({@link MeterUsage}, kept in the customer's {@link CustomerLoad} until they
 * close here), and the customer's usual day (in its {@link AccountBook}). A day closes {@link
 * #GRACE} after its end in event time (or the allowed lateness, if shorter): detection does not
 * wait the week a bill waits, and a reading later than that is left out of its day by the join (it
 * still counts for the bill). The closed day is judged by core ({@link DayJudge}) and reported to
 * {@link #DAYS} for the area's {@link AreaWatch}.
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

    /**
     * What an inspector found at {@code tsMillis}: told to the area with the next day; relearn if
     * vouched for; a faulty meter is replaced, so its register is not compared with the next one.
     */
    void onInspection(InspectionOutcome outcome, long tsMillis, AccountBook book) {
        book.inspected = outcome;
        if (outcome != InspectionOutcome.CONFIRMED_THEFT && book.usual != null) {
            book.usual.relearn();
        }
        if (outcome == InspectionOutcome.METER_FAULT) {
            registerReplaced(tsMillis, book);
        }
    }

    /**
     * The customer's contract changed in a way that says its use will ({@link
     * DayJudge#expectsNewHabits}: its tariff, class, capacity or connection date). Its usual day is
     * learned afresh ({@link UsageBaseline#relearn}), as after an inspector vouched for the
     * premises: the first week under the new contract is not judged, and the days after it soon
     * outweigh the old habits.
     */
    void onNewContract(AccountBook book) {
        if (book.usual != null) {
            book.usual.relearn();
        }
    }

    /**
     * The customer's meter was replaced at event time {@code nowMillis} (its master record names
     * another meter, or an inspector found it faulty): the new meter's register counts from its own
     * start ({@link UsageBaseline#registerReplaced}).
     */
    void registerReplaced(long nowMillis, AccountBook book) {
        if (book.usual == null) {
            book.usual = new UsageBaseline(); // a day of the old meter may not have closed yet
        }
        long epochDay =
                nowMillis == Long.MIN_VALUE
                        ? Long.MIN_VALUE
                        : Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate().toEpochDay();
        book.usual.registerReplaced(epochDay);
    }

    /**
     * A day of the customer's readings on one meter, shipped by the meter join at the day's close
     * or when the meter left the customer ({@link MeterUsage}): kept, merged with what another
     * meter of the customer shipped for it, until the day closes here. Left out if the day has
     * closed here already, which the join's timing rules out (the join ships a day before its
     * watermark passes the close).
     *
     * @return whether the day was kept
     */
    boolean onShippedDay(DayLoad shipped, long nowMillis, TimerService timers, OpenUsage load) {
        long closesAt = closesAt(LocalDate.ofEpochDay(shipped.epochDay));
        if (closesAt <= nowMillis) {
            return false;
        }
        DayLoad open = load.day(shipped.epochDay);
        if (open == null) {
            load.putDay(shipped);
            timers.registerEventTimeTimer(closesAt);
        } else {
            open.merge(shipped);
        }
        return true;
    }

    /** The day that closes here at {@code timestamp}, or null when none does (another timer). */
    LocalDate closingOn(long timestamp) {
        long lastMilli = timestamp - grace - 1;
        LocalDate date = Instant.ofEpochMilli(lastMilli).atZone(zone).toLocalDate();
        return closesAt(date) == timestamp ? date : null;
    }

    /**
     * What a day's close gives: the day judged, for the area's theft watch (null when the customer
     * had no reading that day), and the customer's DATA_QUALITY alert, if it changed (null if not).
     */
    record Closed(DayReport report, Alert quality) {}

    /**
     * The {@code date} closing at {@code timestamp} ({@link #closingOn}): judged if the customer
     * had readings that day, and told to its {@link DataQualityCase} either way; null if there is
     * nothing to tell (the customer is not in the master, or its meter was never read). While
     * within the input, the next day's close is armed too (the same instant the next day's readings
     * arm, so one timer for a meter that reads): a meter that falls silent is still seen, day by
     * day.
     *
     * @param withinInput whether {@code timestamp} is within the input (not the end of a replay,
     *     when every pending timer fires): a day after the input's end is no silence
     */
    Closed onTimer(
            LocalDate date,
            long timestamp,
            CustomerLoad load,
            AccountBook book,
            TimerService timers,
            boolean withinInput) {
        Customer customer = load == null ? null : load.master;
        if (customer == null) {
            return null;
        }
        long epochDay = date.toEpochDay();
        DayLoad day = load.day(epochDay);
        DataQualityCase quality = book.quality;
        if (day == null) {
            if (quality == null || !withinInput) {
                return null;
            }
            timers.registerEventTimeTimer(closesAt(date.plusDays(1)));
            return new Closed(null, quality.onDayUnread(epochDay, customer, timestamp));
        }
        load.removeDay(epochDay);
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
        if (quality == null) {
            quality = new DataQualityCase();
            book.quality = quality;
        }
        Alert alert =
                quality.onDayRead(epochDay, day, MeterEvidence.disagree(day), customer, timestamp);
        if (withinInput) {
            timers.registerEventTimeTimer(closesAt(date.plusDays(1)));
        }
        InspectionOutcome found = book.inspected;
        if (found != null) {
            book.inspected = null;
            report = report.withInspected(found);
        }
        return new Closed(report, alert);
    }

    private long startMillis(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long closesAt(LocalDate date) {
        return closesAt(date, zone, grace);
    }

    /**
     * When a day closes for detection, here, in the meter join ({@link MeterUsage}), the area
     * admission and the theft watch ({@link AreaAdmission}, {@link AreaWatch}): its end plus {@code
     * graceMillis} ({@link #graceMillis}).
     */
    static long closesAt(LocalDate date, ZoneId zone, long graceMillis) {
        return date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() + graceMillis;
    }
}
