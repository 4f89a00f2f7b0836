package org.gridwatch.jobs.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.whatif.ScenarioRecord;
import org.gridwatch.core.whatif.ShadowDay;
import org.gridwatch.core.whatif.ShadowPrice;
import org.gridwatch.jobs.MonitorSettings;

/**
 * Live shadow scenarios, keyed by area and class: the scenarios of the {@code tariff-scenarios}
 * topic are broadcast state (checkpointed, the same on every task). Each {@link Measurements#TOU}
 * bucket the load operator writes is priced at once under each of them ({@link ShadowPrice}, a
 * {@link Measurements#SHADOW} point: today's load), and kept in its day ({@link ShadowDay}); when
 * the day can no longer change (its end plus the allowed lateness), the day is priced again after
 * each scenario's response model ({@link Measurements#SHADOW_RESPONSE}). A removed scenario stays
 * in the state as its removal and writes no more points. A replay's scenarios are fixed when the
 * job is built ({@code fixed}); records of the topic override them by name.
 */
public final class ShadowScenarios
        extends KeyedBroadcastProcessFunction<String, MetricPoint, ScenarioRecord, MetricPoint> {
    private static final long serialVersionUID = 1L;

    private static final long DAY_MILLIS = 86_400_000L;

    public static final MapStateDescriptor<String, ScenarioRecord> SCENARIOS =
            new MapStateDescriptor<>(
                    "tariff-scenarios", Types.STRING, Types.POJO(ScenarioRecord.class));

    private final MonitorSettings settings;
    private final List<ScenarioRecord> fixed;
    private transient HolidayCalendar calendar;
    private transient long offsetMillis;
    private transient long latenessMillis;
    private transient MapState<Long, ShadowDay> days;

    /** Each scenario read once per task, by its JSON text (a replaced one is read again). */
    private transient Map<String, ShadowPrice> prices;

    /**
     * @param fixed the scenarios in force from the start (a replay's), by the time they apply
     */
    public ShadowScenarios(MonitorSettings settings, List<ScenarioRecord> fixed) {
        this.settings = settings;
        this.fixed = List.copyOf(fixed);
    }

    /** The key: one series per area and class, as the load operator's. */
    public static String key(MetricPoint tou) {
        return tou.tag("area") + "|" + tou.tag("class");
    }

    @Override
    public void open(OpenContext openContext) {
        calendar = settings.pricing().calendar();
        offsetMillis = EventTime.fixedOffset(settings.zone()).getTotalSeconds() * 1000L;
        latenessMillis = settings.allowedLateness().toMillis();
        prices = new HashMap<>();
        days =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "shadow-days", Types.LONG, Types.POJO(ShadowDay.class)));
    }

    @Override
    public void processElement(MetricPoint point, ReadOnlyContext ctx, Collector<MetricPoint> out)
            throws Exception {
        if (!Measurements.TOU.equals(point.measurement())) {
            return;
        }
        for (ScenarioRecord record : inForce(ctx.getBroadcastState(SCENARIOS).immutableEntries())) {
            out.collect(
                    price(record)
                            .point(
                                    point.tag("area"),
                                    point.tag("class"),
                                    point.tag("period"),
                                    point.field("kwh"),
                                    point.field("revenue"),
                                    point.timeMillis()));
        }
        long dayStart =
                Math.floorDiv(point.timeMillis() + offsetMillis, DAY_MILLIS) * DAY_MILLIS
                        - offsetMillis;
        ShadowDay day = days.get(dayStart);
        if (day == null) {
            day = ShadowDay.of(dayStart);
            ctx.timerService().registerEventTimeTimer(dayStart + DAY_MILLIS + latenessMillis);
        }
        day.set(
                point.timeMillis(),
                TariffBook.slotOf(point.tag("period")),
                point.field("kwh"),
                point.field("revenue"));
        days.put(dayStart, day);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        long dayStart = timestamp - latenessMillis - DAY_MILLIS;
        ShadowDay day = days.get(dayStart);
        if (day == null) {
            return;
        }
        String key = ctx.getCurrentKey();
        int bar = key.indexOf('|');
        for (ScenarioRecord record : inForce(ctx.getBroadcastState(SCENARIOS).immutableEntries())) {
            day.respond(price(record), key.substring(0, bar), key.substring(bar + 1))
                    .forEach(out::collect);
        }
        days.remove(dayStart);
    }

    @Override
    public void processBroadcastElement(
            ScenarioRecord record, Context ctx, Collector<MetricPoint> out) throws Exception {
        ctx.getBroadcastState(SCENARIOS).put(record.name, record);
    }

    /** The fixed scenarios overridden by the topic's records, removals left out, by name. */
    private List<ScenarioRecord> inForce(Iterable<Map.Entry<String, ScenarioRecord>> live) {
        Map<String, ScenarioRecord> byName = new TreeMap<>();
        for (ScenarioRecord record : fixed) {
            byName.put(record.name, record);
        }
        for (Map.Entry<String, ScenarioRecord> e : live) {
            byName.put(e.getKey(), e.getValue());
        }
        return byName.values().stream().filter(r -> !r.removed).toList();
    }

    private ShadowPrice price(ScenarioRecord record) {
        return prices.computeIfAbsent(
                record.json,
                json -> {
                    var scenario = record.scenario();
                    return new ShadowPrice(
                            scenario,
                            new PeriodLookup(
                                    scenario.tariff().schedule(),
                                    calendar,
                                    EventTime.fixedOffset(settings.zone())));
                });
    }
}
