package org.gridwatch.jobs.ops;

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

    public IngestBuckets(long latenessMillis) {
        super(latenessMillis, IngestTotals.class);
    }

    @Override
    protected IngestTotals empty() {
        return new IngestTotals();
    }

    @Override
    public void processElement(IngestCount c, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long t = c.eventMillis() == Long.MIN_VALUE ? watermark : c.eventMillis();
        long bucket = Bucket.startOf(Math.max(t, 0L));
        if (isClosed(bucket, ctx)) {
            // Counted when seen: a record too old for its own bucket still shows up in today's.
            bucket = Bucket.startOf(Math.max(watermark, 0L));
        }
        IngestTotals totals = open(bucket, ctx);
        totals.add(c);
        store(bucket, totals);
    }

    @Override
    protected void emit(
            String source, long bucketStart, IngestTotals t, Collector<MetricPoint> out) {
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
