package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.MetricPoint;

/**
 * Accumulates per key into 15-minute event-time buckets and emits each bucket's points when the
 * watermark passes its end. A record that arrives later, but within the allowed lateness, updates
 * its bucket, which is emitted again at the next watermark: the point has the same series and
 * timestamp, so InfluxDB keeps the corrected value. A bucket is dropped from state once the
 * lateness has passed; records for it after that are too late.
 *
 * <p>This is Flink's window-with-allowed-lateness, written out because one record may cover several
 * buckets (a 60-minute reading is four quarter hours) and because every rejection must carry its
 * reason.
 */
public abstract class FifteenMinuteBuckets<IN, ACC>
        extends KeyedProcessFunction<String, IN, MetricPoint> implements ActedEventTime.User {
    private static final long serialVersionUID = 1L;

    private final long latenessMillis;
    private final Class<ACC> accumulatorType;
    private transient MapState<Long, ACC> buckets;
    private final ActedEventTime eventTime = new ActedEventTime();

    protected FifteenMinuteBuckets(long latenessMillis, Class<ACC> accumulatorType) {
        if (latenessMillis % Bucket.MILLIS != 0) {
            throw new IllegalArgumentException("allowed lateness must be whole quarter hours");
        }
        this.latenessMillis = latenessMillis;
        this.accumulatorType = accumulatorType;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        TypeInformation<ACC> accType = Types.POJO(accumulatorType);
        buckets =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("buckets", Types.LONG, accType));
    }

    @Override
    public ActedEventTime actedEventTime() {
        return eventTime;
    }

    /** Event time as this operator acts on it, across restores ({@link ActedEventTime}). */
    protected final long watermark(Context ctx) {
        return eventTime.now(ctx.timerService());
    }

    protected abstract ACC empty();

    /**
     * Emits a bucket's points. It may change {@code acc} (e.g. remember what it emitted); the
     * change is kept.
     */
    protected abstract void emit(
            String key, long bucketStart, ACC acc, OnTimerContext ctx, Collector<MetricPoint> out);

    /** Whether the bucket starting at {@code bucketStart} was already dropped from state. */
    protected final boolean isClosed(long bucketStart, Context ctx) {
        return closesAt(bucketStart) <= watermark(ctx);
    }

    /**
     * The bucket's accumulator, created (with its timers) on first use. Call {@link #store} after.
     */
    protected final ACC open(long bucketStart, Context ctx) throws Exception {
        ACC acc = buckets.get(bucketStart);
        boolean opens = acc == null;
        if (opens) {
            acc = empty();
            ctx.timerService().registerEventTimeTimer(closesAt(bucketStart));
        }
        // Registered when the bucket opens, and again on an update after the bucket was emitted:
        // then the timer lies in the past and fires at the next watermark, emitting the corrected
        // bucket once. (An update before the emission finds its timer still armed.)
        if (opens || watermark(ctx) >= emitsAt(bucketStart)) {
            ctx.timerService().registerEventTimeTimer(emitsAt(bucketStart));
        }
        return acc;
    }

    protected final void store(long bucketStart, ACC acc) throws Exception {
        buckets.put(bucketStart, acc);
    }

    private static long emitsAt(long bucketStart) {
        return bucketStart + Bucket.MILLIS - 1;
    }

    private long closesAt(long bucketStart) {
        return Bucket.closesAt(bucketStart, latenessMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        watermark(ctx); // what is closed here stays closed after a restore
        // One timestamp may be both the emission time of one bucket and the closing time of an
        // older one; handle both.
        long due = timestamp + 1 - Bucket.MILLIS;
        ACC acc = buckets.get(due);
        if (acc != null) {
            emit(ctx.getCurrentKey(), due, acc, ctx, out);
            buckets.put(due, acc);
        }
        long expired = due - latenessMillis;
        if (buckets.contains(expired)) {
            buckets.remove(expired);
        }
    }
}
