package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.metric.Bucket;

/**
 * The ingest counts' first phase, keyed by source × shard ({@link IngestCount#shardKey}): counts
 * per quarter hour, sent on as an {@link IngestPartial} when the watermark passes the quarter's end
 * and forgotten; a count for a quarter already sent (a late record) is sent again, on its own, at
 * the next watermark. {@link IngestBuckets} adds the shards up per source and keeps each quarter
 * hour through the allowed lateness. So each task holds only the quarter hours not yet sent of its
 * shards, and the readings' counting is shared by every subtask.
 *
 * <p>Which quarter hour a record counts in is decided here: its own, or the one event time has
 * reached when its own closed for good (counted when seen: a record too old for its own bucket
 * still shows up in today's), or for a record without event time (the customer master) read before
 * any watermark, the quarter hour of the first watermark.
 */
public final class IngestPartials extends KeyedProcessFunction<String, IngestCount, IngestPartial>
        implements ActedEventTime.User {
    private static final long serialVersionUID = 1L;

    /** A timer that fires at the first watermark, whatever its time. */
    private static final long FIRST_WATERMARK = Long.MIN_VALUE + 1;

    private final long latenessMillis;
    private final ActedEventTime eventTime = new ActedEventTime();
    private transient MapState<Long, IngestTotals> unsent;
    private transient ValueState<IngestTotals> beforeEventTime;

    public IngestPartials(long latenessMillis) {
        this.latenessMillis = latenessMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        unsent =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "unsent", Types.LONG, Types.POJO(IngestTotals.class)));
        beforeEventTime =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "before-event-time", Types.POJO(IngestTotals.class)));
    }

    @Override
    public ActedEventTime actedEventTime() {
        return eventTime;
    }

    @Override
    public void processElement(IngestCount c, Context ctx, Collector<IngestPartial> out)
            throws Exception {
        long watermark = eventTime.now(ctx.timerService());
        if (c.eventMillis() == Long.MIN_VALUE && watermark == Long.MIN_VALUE) {
            IngestTotals waiting = beforeEventTime.value();
            if (waiting == null) {
                waiting = new IngestTotals();
                ctx.timerService().registerEventTimeTimer(FIRST_WATERMARK);
            }
            waiting.add(c);
            beforeEventTime.update(waiting);
            return;
        }
        long t = c.eventMillis() == Long.MIN_VALUE ? watermark : c.eventMillis();
        long bucket = Bucket.startOf(t);
        if (Bucket.closesAt(bucket, latenessMillis) <= watermark) {
            bucket = Bucket.startOf(watermark);
        }
        IngestTotals totals = open(bucket, ctx);
        totals.add(c);
        unsent.put(bucket, totals);
    }

    /** The quarter hour's unsent counts, with the timer that sends them. */
    private IngestTotals open(long bucket, Context ctx) throws Exception {
        IngestTotals totals = unsent.get(bucket);
        if (totals == null) {
            totals = new IngestTotals();
            // in the past for a late record: fires at the next watermark
            ctx.timerService().registerEventTimeTimer(bucket + Bucket.MILLIS - 1);
        }
        return totals;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IngestPartial> out)
            throws Exception {
        long watermark = eventTime.now(ctx.timerService());
        String source = ctx.getCurrentKey().substring(0, ctx.getCurrentKey().lastIndexOf('#'));
        if (timestamp == FIRST_WATERMARK) {
            IngestTotals waiting = beforeEventTime.value();
            beforeEventTime.clear();
            if (waiting != null) {
                // A bounded input can end before any watermark but the final one got here; then
                // there is no quarter hour to count in, and the epoch's stands for "unknown".
                long bucket = watermark == Long.MAX_VALUE ? 0L : Bucket.startOf(watermark);
                IngestTotals totals = open(bucket, ctx);
                totals.merge(waiting);
                unsent.put(bucket, totals);
            }
            return;
        }
        long bucket = timestamp + 1 - Bucket.MILLIS;
        IngestTotals totals = unsent.get(bucket);
        if (totals != null) {
            unsent.remove(bucket);
            out.collect(new IngestPartial(source, bucket, totals));
        }
    }
}
