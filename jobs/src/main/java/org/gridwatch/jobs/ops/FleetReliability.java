package org.gridwatch.jobs.ops;

import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.reliability.ReliabilityLedger;

/**
 * The fleet's supply reliability (area {@code ALL}), keyed by segment (each segment, NONE and ALL:
 * six keys, not one), from the areas' {@link ReliabilityDelta}s: sums that add in any order
 * (docs/supply-reliability.md). A delta waits for the instant it is stamped with (an area ahead of
 * the others must not move an earlier point); points are written at the instants the areas write
 * theirs, for the month of the instant before.
 */
public final class FleetReliability
        extends KeyedProcessFunction<String, ReliabilityDelta, MetricPoint> {

    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private transient ValueState<ReliabilityLedger> ledger;
    private transient MapState<Long, ReliabilityLedger> waiting;

    public FleetReliability(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        ledger =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "fleet-ledger", Types.POJO(ReliabilityLedger.class)));
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "deltas-by-instant",
                                        Types.LONG,
                                        Types.POJO(ReliabilityLedger.class)));
    }

    @Override
    public void processElement(ReliabilityDelta d, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        ReliabilityLedger l = waiting.get(d.atMillis());
        if (l == null) {
            l = new ReliabilityLedger();
        }
        l.addServed(d.slot(), d.customers());
        if (d.month() >= 0) {
            l.addSums(d.month(), d.slot(), d.interruptions(), d.customerMinutes(), d.momentary());
        }
        waiting.put(d.atMillis(), l);
        ctx.timerService().registerEventTimeTimer(d.atMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        ReliabilityLedger changed = waiting.get(timestamp);
        if (changed == null) {
            return;
        }
        waiting.remove(timestamp);
        ReliabilityLedger l = ledger.value() == null ? new ReliabilityLedger() : ledger.value();
        l.addAll(changed);
        ledger.update(l);
        String key = ctx.getCurrentKey();
        int slot = ReliabilityLedger.ALL_SEGMENTS.equals(key) ? -1 : ReliabilityLedger.slot(key);
        int month = ReliabilityLedger.monthOf(timestamp - 1, zone);
        for (MetricPoint p :
                ReliabilityPoints.of(
                        Measurements.ALL_AREAS, l, month, timestamp, new int[] {slot})) {
            out.collect(p);
        }
    }
}
