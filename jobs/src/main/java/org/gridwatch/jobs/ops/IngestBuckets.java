package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;

/**
 * Per input stream and 15 minutes: records read, accepted, rejected and late (the {@code ingest}
 * measurement), and rejections by reason (the {@code rejected} measurement).
 */
public final class IngestBuckets extends FifteenMinuteBuckets<IngestCount, IngestTotals> {
    private static final long serialVersionUID = 1L;

    /** A timer that fires at the first watermark, whatever its time. */
    private static final long FIRST_WATERMARK = Long.MIN_VALUE + 1;

    // Records without event time (the customer master) read before any watermark: they are
    // counted in the quarter hour event time has reached when it first moves.
    private transient ValueState<IngestTotals> beforeEventTime;

    public IngestBuckets(long latenessMillis) {
        super(latenessMillis, IngestTotals.class);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        beforeEventTime =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "before-event-time", Types.POJO(IngestTotals.class)));
    }

    @Override
    protected IngestTotals empty() {
        return new IngestTotals();
    }

    @Override
    public void processElement(IngestCount c, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        long watermark = watermark(ctx);
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
        if (isClosed(bucket, ctx)) {
            // Counted when seen: a record too old for its own bucket still shows up in today's.
            bucket = Bucket.startOf(watermark);
        }
        IngestTotals totals = open(bucket, ctx);
        totals.add(c);
        store(bucket, totals);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        if (timestamp != FIRST_WATERMARK) {
            super.onTimer(timestamp, ctx, out);
            return;
        }
        IngestTotals waiting = beforeEventTime.value();
        beforeEventTime.clear();
        if (waiting == null) {
            return;
        }
        long watermark = watermark(ctx);
        // A bounded input can end before any watermark but the final one got here; then there is
        // no quarter hour to count in, and the epoch's stands for "unknown".
        long bucket = watermark == Long.MAX_VALUE ? 0L : Bucket.startOf(watermark);
        IngestTotals totals = open(bucket, ctx);
        totals.merge(waiting);
        store(bucket, totals);
    }

    @Override
    protected void emit(
            String source,
            long bucketStart,
            IngestTotals t,
            OnTimerContext ctx,
            Collector<MetricPoint> out) {
        long rejected = t.rejectedTotal();
        out.collect(
                MetricPoint.of(Measurements.INGEST)
                        .tag("source", source)
                        .field("records", t.records)
                        .field("accepted", t.records - rejected)
                        .field("rejected", rejected)
                        .field("late", t.late)
                        .at(bucketStart));
        RejectReason[] reasons = RejectReason.values();
        for (int i = 0; i < t.rejected.length; i++) {
            if (t.rejected[i] > 0) {
                out.collect(
                        MetricPoint.of(Measurements.REJECTED)
                                .tag("reason", reasons[i].name())
                                .tag("source", source)
                                .field("count", t.rejected[i])
                                .at(bucketStart));
            }
        }
    }
}
