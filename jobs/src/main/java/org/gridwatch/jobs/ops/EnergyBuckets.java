package org.gridwatch.jobs.ops;

import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.util.Collector;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.MetricPoint;

/** Interval energy into 15-minute buckets: a reading of 30 or 60 minutes is shared evenly. */
abstract class EnergyBuckets<IN, ACC> extends FifteenMinuteBuckets<IN, ACC> {
    private static final long serialVersionUID = 1L;

    static final String TOO_LATE_DETAIL =
            "its 15 minutes closed: event time passed them by more than the allowed lateness";

    protected transient EventJson json;

    private final ZoneId zone;

    EnergyBuckets(long latenessMillis, ZoneId zone, Class<ACC> accumulatorType) {
        super(latenessMillis, accumulatorType);
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        json = new EventJson(zone);
    }

    protected abstract long startMillis(IN in);

    protected abstract int intervalMinutes(IN in);

    protected abstract double kwh(IN in);

    /** The rejection of a record whose buckets closed for good. */
    protected abstract Rejected tooLate(IN in);

    /** Adds one quarter hour's share of a record's energy to its bucket. */
    protected abstract void add(ACC acc, IN in, long bucketStart, long microKwh);

    @Override
    public final void processElement(IN in, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        long first = Bucket.startOf(startMillis(in));
        if (isClosed(first, ctx)) {
            ctx.output(Rejections.REJECTED, tooLate(in));
            return;
        }
        int quarters = Bucket.quarters(intervalMinutes(in));
        long energy = Bucket.microKwh(kwh(in));
        for (int i = 0; i < quarters; i++) {
            long bucket = first + i * Bucket.MILLIS;
            ACC total = open(bucket, ctx);
            add(total, in, bucket, Bucket.share(energy, quarters, i));
            store(bucket, total);
        }
    }
}
