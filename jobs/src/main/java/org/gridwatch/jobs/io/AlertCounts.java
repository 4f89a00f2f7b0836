package org.gridwatch.jobs.io;

import org.apache.flink.util.Collector;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.ops.FifteenMinuteBuckets;

/**
 * Alerts raised, updated and closed per type, area and severity and 15 minutes of their event time
 * ({@link Measurements#ALERTS}), keyed by the point's tag set ({@link #tagsOf}). Emitted when the
 * watermark passes the bucket's end, and again if a late alert changes it; an alert older than the
 * allowed lateness counts in the quarter hour event time has reached.
 */
final class AlertCounts extends FifteenMinuteBuckets<AlertVersion, AlertTally> {
    private static final long serialVersionUID = 1L;

    AlertCounts(long latenessMillis) {
        super(latenessMillis, AlertTally.class);
    }

    /** The key: the {@code alerts} point's tags, {@code area=…,severity=…,type=…}. */
    static String tagsOf(AlertVersion v) {
        return "area="
                + AlertVersion.escapeTag(v.area)
                + ",severity="
                + v.severity
                + ",type="
                + v.type;
    }

    @Override
    protected AlertTally empty() {
        return new AlertTally();
    }

    @Override
    public void processElement(AlertVersion v, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        long bucket = Bucket.startOf(v.tsMillis);
        if (isClosed(bucket, ctx)) {
            bucket = Bucket.startOf(watermark(ctx));
        }
        AlertTally tally = open(bucket, ctx);
        tally.add(v.status);
        store(bucket, tally);
    }

    @Override
    protected void emit(
            String key,
            long bucketStart,
            AlertTally tally,
            OnTimerContext ctx,
            Collector<MetricPoint> out) {
        out.collect(
                new MetricPoint(
                        Measurements.ALERTS,
                        key,
                        "raised="
                                + tally.raised
                                + "i,updated="
                                + tally.updated
                                + "i,closed="
                                + tally.closed
                                + "i",
                        bucketStart));
    }
}
