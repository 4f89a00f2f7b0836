package org.gridwatch.jobs.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * The local first phase of an aggregation, in the task that produces the records (chained to it):
 * records are summed per key into partials, and the partials are sent on just before the next
 * watermark, watermark status or checkpoint barrier leaves the task, and at the end of the input.
 * Instead of a record per reading, the next operator gets one partial per key and watermark
 * interval (the sources emit a watermark when event time moves, at most one a minute of it: for
 * quarter-hour readings, one per collection round).
 *
 * <p>Why the results do not change: every partial reaches the next operator before the watermark
 * that followed its records here, so the next operator sees each record's contribution at a
 * watermark no later than it would have seen the record itself; sums of integers do not depend on
 * the order they are added in; and nothing is held across a checkpoint (the partials go before the
 * barrier), so there is no state to restore.
 *
 * @param <IN> the records
 * @param <K> what a partial is kept per (its {@code equals} and {@code hashCode} group records)
 * @param <P> the partial sum
 * @param <OUT> what a partial is sent on as
 */
public abstract class PartialsBeforeWatermark<IN, K, P, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT> {
    private static final long serialVersionUID = 1L;

    private transient Map<K, P> pending;
    private transient StreamRecord<OUT> reused;
    // The partial used last: records in a row mostly share their key (the same quarter hour, and
    // meters listed by area), and an equals on it is cheaper than a hash lookup.
    private transient K lastKey;
    private transient P lastPartial;

    @Override
    public void open() throws Exception {
        super.open();
        pending = new LinkedHashMap<>();
        reused = new StreamRecord<>(null);
    }

    /** Adds one record to its partials ({@link #partial}). */
    protected abstract void add(IN record) throws Exception;

    /** A new, empty partial for {@code key}. */
    protected abstract P empty(K key);

    /** The partial of {@code key}, as it is sent on. */
    protected abstract OUT sent(K key, P partial);

    /** The partial of {@code key} since the last watermark, created on first use. */
    protected final P partial(K key) {
        if (key.equals(lastKey)) {
            return lastPartial;
        }
        P p = pending.get(key);
        if (p == null) {
            p = empty(key);
            pending.put(key, p);
        }
        lastKey = key;
        lastPartial = p;
        return p;
    }

    @Override
    public final void processElement(StreamRecord<IN> element) throws Exception {
        add(element.getValue());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        sendPartials();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        // An idle input is left out of the next operator's watermark: what it sent must be there
        // before the others move event time on.
        sendPartials();
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        sendPartials();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        sendPartials();
        super.finish();
    }

    private void sendPartials() {
        if (pending.isEmpty()) {
            return;
        }
        for (Map.Entry<K, P> e : pending.entrySet()) {
            output.collect(reused.replace(sent(e.getKey(), e.getValue())));
        }
        pending.clear();
        lastKey = null;
        lastPartial = null;
    }
}
