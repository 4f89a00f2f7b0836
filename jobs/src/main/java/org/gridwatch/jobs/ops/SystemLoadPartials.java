package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.metric.Bucket;

/**
 * The system load's first phase, keyed by the {@link Shards shard} of the area × class a load
 * bucket belongs to: the changes of one quarter hour added up and sent on to {@link
 * DailyPeakValley} (one key, the system) at the watermark that emitted them, so that the system
 * receives one change per shard and quarter hour instead of one per area × class. A change after
 * that (a late reading re-emitted a bucket) is sent on its own at the next watermark, as the load
 * buckets sent it. Holds only what it has not sent yet.
 */
public final class SystemLoadPartials
        extends KeyedProcessFunction<String, QuarterLoad, QuarterLoad> {
    private static final long serialVersionUID = 1L;

    private transient MapState<Long, Long> unsent;

    @Override
    public void open(OpenContext openContext) {
        unsent =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "unsent-quarters", Types.LONG, Types.LONG));
    }

    @Override
    public void processElement(QuarterLoad q, Context ctx, Collector<QuarterLoad> out)
            throws Exception {
        Long before = unsent.get(q.bucketStart());
        if (before == null) {
            // the load buckets' emission time: in the past for a re-emission, so the next watermark
            ctx.timerService().registerEventTimeTimer(q.bucketStart() + Bucket.MILLIS - 1);
        }
        unsent.put(q.bucketStart(), (before == null ? 0L : before) + q.deltaMicroKwh());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QuarterLoad> out)
            throws Exception {
        long bucket = timestamp + 1 - Bucket.MILLIS;
        Long sum = unsent.get(bucket);
        if (sum != null) {
            unsent.remove(bucket);
            out.collect(new QuarterLoad(bucket, sum));
        }
    }
}
