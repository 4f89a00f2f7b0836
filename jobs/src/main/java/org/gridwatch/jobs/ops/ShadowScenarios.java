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
import org.gridwatch.core.whatif.ScenarioRecord;
import org.gridwatch.core.whatif.ShadowDay;
import org.gridwatch.core.whatif.ShadowPrice;
import org.gridwatch.jobs.MonitorSettings;

/**
 * Live shadow scenarios, keyed by area and class: the scenarios of the {@code tariff-scenarios}
 * topic are broadcast state (checkpointed, the same on every task). Each {@link Measurements#TOU}
 * bucket the load operator writes is priced at once under each of them ({@link ShadowPrice}, a
 * {@link Measurements#SHADOW} point: today's load); each day the load operator closes (its end plus
 * the allowed lateness: it can no longer change) is priced again after each scenario's response
 * model ({@link Measurements#SHADOW_RESPONSE}). Both come from the load operator ({@link
 * LoadBuckets#SHADOW_FEED}), which keeps the open days: this operator keeps no keyed state. A
 * removed scenario stays in the state as its removal and writes no more points. A replay's
 * scenarios are fixed when the job is built ({@code fixed}); records of the topic override them by
 * name.
 */
public final class ShadowScenarios
        extends KeyedBroadcastProcessFunction<String, ShadowFeed, ScenarioRecord, MetricPoint> {
    private static final long serialVersionUID = 1L;

    private static final long DAY_MILLIS = 86_400_000L;

    public static final MapStateDescriptor<String, ScenarioRecord> SCENARIOS =
            new MapStateDescriptor<>(
                    "tariff-scenarios", Types.STRING, Types.POJO(ScenarioRecord.class));

    private final MonitorSettings settings;
    private final List<ScenarioRecord> fixed;
    private transient HolidayCalendar calendar;
    private transient long latenessMillis;

    /**
     * The open days of a savepoint from before the load operator kept them (release 0.2): no longer
     * read (the load operator hands every day over), only emptied as their timers fire.
     */
    private transient MapState<Long, ShadowDay> earlierDays;

    /** Each scenario read once per task, by its JSON text (a replaced one is read again). */
    private transient Map<String, ShadowPrice> prices;

    /**
     * @param fixed the scenarios in force from the start (a replay's), by the time they apply
     */
    public ShadowScenarios(MonitorSettings settings, List<ScenarioRecord> fixed) {
        this.settings = settings;
        this.fixed = List.copyOf(fixed);
    }

    @Override
    public void open(OpenContext openContext) {
        calendar = settings.pricing().calendar();
        latenessMillis = settings.allowedLateness().toMillis();
        prices = new HashMap<>();
        earlierDays =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "shadow-days", Types.LONG, Types.POJO(ShadowDay.class)));
    }

    @Override
    public void processElement(ShadowFeed feed, ReadOnlyContext ctx, Collector<MetricPoint> out)
            throws Exception {
        Iterable<Map.Entry<String, ScenarioRecord>> live =
                ctx.getBroadcastState(SCENARIOS).immutableEntries();
        if (feed.tou != null) {
            MetricPoint point = feed.tou;
            for (ScenarioRecord record : inForce(live)) {
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
        } else {
            ShadowDay earlier = earlierDays.get(feed.day.startMillis);
            if (earlier != null) {
                feed.day.complete(earlier);
                earlierDays.remove(feed.day.startMillis);
            }
            int bar = feed.key.indexOf('|');
            for (ScenarioRecord record : inForce(live)) {
                feed.day
                        .respond(
                                price(record),
                                feed.key.substring(0, bar),
                                feed.key.substring(bar + 1))
                        .forEach(out::collect);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        // Only a savepoint's earlier days have timers here, set for when the day closes: by then
        // the load operator has handed the day over (it closes a millisecond earlier).
        earlierDays.remove(timestamp - latenessMillis - DAY_MILLIS);
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
