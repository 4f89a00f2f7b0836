package org.gridwatch.jobs.ops;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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

/**
 * The customer operator's half of theft detection ({@link CustomerAccounts} holds it): each open
 * day's load, and the customer's usual day. A day closes {@link #GRACE} after its end in event time
 * (or the allowed lateness, if shorter): detection does not wait the week a bill waits, and a
 * reading later than that is left out of its day (it still counts for the bill). The closed day is
 * judged by core ({@link DayJudge}) and reported to {@link #DAYS} for the area's {@link AreaWatch}.
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
    private MapState<Long, DayLoad> openDays;
    private ValueState<UsageBaseline> baseline;
    private ValueState<InspectionOutcome> inspected;

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

    void open(RuntimeContext ctx) {
        openDays =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "open-days", Types.LONG, Types.POJO(DayLoad.class)));
        baseline =
                ctx.getState(
                        new ValueStateDescriptor<>("usual-day", Types.POJO(UsageBaseline.class)));
        inspected =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "inspected", Types.ENUM(InspectionOutcome.class)));
    }

    /** What an inspector found: told to the area with the next day; relearn if vouched for. */
    void onInspection(InspectionOutcome outcome) throws Exception {
        inspected.update(outcome);
        if (outcome != InspectionOutcome.CONFIRMED_THEFT) {
            UsageBaseline usual = baseline.value();
            if (usual != null) {
                usual.relearn();
                baseline.update(usual);
            }
        }
    }

    /** Adds a reading to its day, unless the day has closed; arms the day's close. */
    void onReading(MeterReading r, TimerService timers) throws Exception {
        long start = r.startMillis();
        if (start < dayStart || start >= dayEnd) {
            LocalDate date = java.time.Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
            epochDay = date.toEpochDay();
            dayStart = startMillis(date);
            dayEnd = startMillis(date.plusDays(1));
        }
        long closesAt = dayEnd + grace;
        if (closesAt <= timers.currentWatermark()) {
            return;
        }
        DayLoad day = openDays.get(epochDay);
        if (day == null) {
            day = new DayLoad(epochDay, dayStart);
            timers.registerEventTimeTimer(closesAt);
        }
        day.add(r);
        openDays.put(epochDay, day);
    }

    /** The day closing at {@code timestamp}, judged; null if none closes then. */
    DayReport onTimer(long timestamp, Customer customer) throws Exception {
        long lastMilli = timestamp - grace - 1;
        LocalDate date = java.time.Instant.ofEpochMilli(lastMilli).atZone(zone).toLocalDate();
        if (closesAt(date) != timestamp) {
            return null;
        }
        DayLoad day = openDays.get(date.toEpochDay());
        if (day == null || customer == null) {
            return null;
        }
        openDays.remove(date.toEpochDay());
        UsageBaseline usual = baseline.value();
        if (usual == null) {
            usual = new UsageBaseline();
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
        baseline.update(usual);
        InspectionOutcome found = inspected.value();
        if (found != null) {
            inspected.clear();
            return report.withInspected(found);
        }
        return report;
    }

    void clear() {
        openDays.clear();
        baseline.clear();
        inspected.clear();
    }

    private long startMillis(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long closesAt(LocalDate date) {
        return startMillis(date.plusDays(1)) + grace;
    }
}
