package org.gridwatch.jobs.ops;

import org.apache.flink.util.Collector;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;

/**
 * Per input stream and 15 minutes: records read, accepted, rejected and late (the {@code ingest}
 * measurement), and rejections by reason (the {@code rejected} measurement). The second phase,
 * keyed by source: the shards' {@link IngestPartial}s added up, each quarter hour emitted when the
 * watermark passes its end and again at the next watermark after a late partial corrected it, and
 * forgotten after the allowed lateness. Its input is a few records per shard and quarter hour, not
 * one per reading ({@link IngestPartials} decides where each record counts).
 */
public final class IngestBuckets extends FifteenMinuteBuckets<IngestPartial, IngestTotals> {
    private static final long serialVersionUID = 1L;

    public IngestBuckets(long latenessMillis) {
        super(latenessMillis, IngestTotals.class);
    }

    @Override
    protected IngestTotals empty() {
        return new IngestTotals();
    }

    @Override
    public void processElement(IngestPartial p, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        // Never closed here yet: the first phase sends a quarter hour only while it is open there,
        // one watermark ahead of this one; the epoch's "unknown" quarter is taken whenever it
        // comes.
        IngestTotals totals = open(p.bucketStart(), ctx);
        totals.merge(p.totals());
        store(p.bucketStart(), totals);
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
