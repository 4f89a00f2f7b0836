package org.gridwatch.jobs.ops;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.value.RangeCounts;

/**
 * The counts per range, second phase, keyed by the billing (one key a month): the shards' counts
 * added up, and at the billing's watermark each range with a value told where it starts in its
 * distribution ({@link RangeCounts}), keyed to its {@link RangeRanking}. Holds a count per range
 * with a value, a few thousand numbers, from the shards' arrival to the billing's timer.
 */
public final class RangeStarts extends KeyedProcessFunction<String, RangeCount, RangeStart> {
    private static final long serialVersionUID = 1L;

    private transient MapState<String, Long> counts;

    @Override
    public void open(OpenContext openContext) {
        counts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "fleet-values-per-range", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement(RangeCount c, Context ctx, Collector<RangeStart> out)
            throws Exception {
        RangeCount.add(counts, c.distribution(), c.range(), c.count());
        ctx.timerService().registerEventTimeTimer(c.atMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RangeStart> out)
            throws Exception {
        RangeCounts fleet = new RangeCounts();
        for (Map.Entry<String, Long> c : counts.entries()) {
            RangeCount range = RangeCount.of(timestamp, c.getKey(), c.getValue());
            fleet.add(range.distribution(), range.range(), range.count());
        }
        counts.clear();
        fleet.forEachRange(
                (distribution, range, below, n) ->
                        out.collect(new RangeStart(timestamp, distribution, range, below, n)));
    }
}
