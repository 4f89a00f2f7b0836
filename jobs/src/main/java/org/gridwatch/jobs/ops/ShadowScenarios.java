package org.gridwatch.jobs.ops;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.whatif.ScenarioRecord;
import org.gridwatch.core.whatif.ShadowPrice;
import org.gridwatch.jobs.MonitorSettings;

/**
 * Live shadow scenarios: the scenarios of the {@code tariff-scenarios} topic are broadcast state
 * (checkpointed, the same on every task); each {@link Measurements#TOU} bucket the load operator
 * writes is priced under each of them ({@link ShadowPrice}) into a {@link Measurements#SHADOW}
 * point. A removed scenario stays in the state as its removal and writes no more points. A replay's
 * scenarios are fixed when the job is built ({@code fixed}); records of the topic override them by
 * name.
 */
public final class ShadowScenarios
        extends BroadcastProcessFunction<MetricPoint, ScenarioRecord, MetricPoint> {
    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, ScenarioRecord> SCENARIOS =
            new MapStateDescriptor<>(
                    "tariff-scenarios", Types.STRING, Types.POJO(ScenarioRecord.class));

    private final MonitorSettings settings;
    private final java.util.List<ScenarioRecord> fixed;
    private transient HolidayCalendar calendar;

    /** Each scenario read once per task, by its JSON text (a replaced one is read again). */
    private transient Map<String, ShadowPrice> prices;

    /**
     * @param fixed the scenarios in force from the start (a replay's), by the time they apply
     */
    public ShadowScenarios(MonitorSettings settings, java.util.List<ScenarioRecord> fixed) {
        this.settings = settings;
        this.fixed = java.util.List.copyOf(fixed);
    }

    @Override
    public void open(OpenContext openContext) {
        calendar = settings.pricing().calendar();
        prices = new HashMap<>();
    }

    @Override
    public void processElement(MetricPoint point, ReadOnlyContext ctx, Collector<MetricPoint> out)
            throws Exception {
        if (!Measurements.TOU.equals(point.measurement())) {
            return;
        }
        Map<String, ScenarioRecord> inForce = new java.util.TreeMap<>();
        for (ScenarioRecord record : fixed) {
            inForce.put(record.name, record);
        }
        for (Map.Entry<String, ScenarioRecord> e :
                ctx.getBroadcastState(SCENARIOS).immutableEntries()) {
            inForce.put(e.getKey(), e.getValue());
        }
        for (ScenarioRecord record : inForce.values()) {
            if (record.removed) {
                continue;
            }
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
    }

    @Override
    public void processBroadcastElement(
            ScenarioRecord record, Context ctx, Collector<MetricPoint> out) throws Exception {
        BroadcastState<String, ScenarioRecord> state = ctx.getBroadcastState(SCENARIOS);
        state.put(record.name, record);
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
