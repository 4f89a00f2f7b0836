package org.gridwatch.jobs.ops;

import java.util.List;
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
import org.gridwatch.core.value.SegmentTally;

/**
 * The fleet's segments (area {@code ALL}), one key ({@link #KEY}): the areas' tallies added up,
 * made anew at each billing from the areas' whole tallies and changed by their deltas in between;
 * its {@code segments} points at the end of each quarter hour in which an area changed. Holds one
 * tally (24 numbers), and the deltas of a quarter hour until its end.
 */
public final class FleetSegments extends KeyedProcessFunction<String, TallyDelta, MetricPoint> {
    private static final long serialVersionUID = 1L;
    public static final String KEY = "fleet";

    private transient ValueState<SegmentTally> fleet;
    private transient MapState<Long, List<TallyDelta>> pending;

    @Override
    public void open(OpenContext openContext) {
        fleet =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "fleet-tally", Types.POJO(SegmentTally.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "tally-deltas-by-quarter",
                                        Types.LONG,
                                        Types.LIST(Types.POJO(TallyDelta.class))));
    }

    @Override
    public void processElement(TallyDelta d, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        Held.until(d.atMillis(), d, pending, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        List<TallyDelta> deltas = Held.take(timestamp, pending);
        if (deltas == null) {
            return;
        }
        boolean billing = deltas.stream().anyMatch(TallyDelta::absolute);
        SegmentTally all = billing || fleet.value() == null ? new SegmentTally() : fleet.value();
        for (TallyDelta d : deltas) {
            all.addAll(d.tally());
        }
        fleet.update(all);
        ValuePoints.segments(Measurements.ALL_AREAS, all, timestamp).forEach(out::collect);
    }
}
