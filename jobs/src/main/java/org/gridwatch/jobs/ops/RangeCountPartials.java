package org.gridwatch.jobs.ops;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The counts per range, first phase, keyed by a shard of customers and the billing ({@link
 * RangeValue#shardKey}): how many of the shard's values fell in each range of each distribution,
 * sent to {@link RangeStarts} at the billing's watermark. Holds a count per range the shard's
 * values touched, from their arrival to the billing's timer.
 */
public final class RangeCountPartials extends KeyedProcessFunction<String, RangeValue, RangeCount> {
    private static final long serialVersionUID = 1L;

    private transient MapState<String, Long> counts;

    @Override
    public void open(OpenContext openContext) {
        counts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "values-per-range", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement(RangeValue v, Context ctx, Collector<RangeCount> out)
            throws Exception {
        RangeCount.add(counts, v.distribution(), v.range(), 1);
        ctx.timerService().registerEventTimeTimer(v.atMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RangeCount> out)
            throws Exception {
        for (Map.Entry<String, Long> c : counts.entries()) {
            out.collect(RangeCount.of(timestamp, c.getKey(), c.getValue()));
        }
        counts.clear();
    }
}
