package org.gridwatch.jobs.ops;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * The local first phase of an aggregation, in the task that produces the records (chained to it):
 * records are summed per key into partials, and the partials are sent on just before the watermark
 * from which the next operator needs them (the next one, unless {@link #neededFrom} says later), a
 * watermark status or a checkpoint barrier leaves the task, and at the end of the input. Instead of
 * a record per reading, the next operator gets one partial per key and watermark interval (the
 * sources emit a watermark when event time moves, at most one a minute of it: for quarter-hour
 * readings, one per collection round).
 *
 * <p>A partial the next operator needs only from a later event time ({@link #neededFrom}: a quarter
 * hour that has not ended yet) waits for the first watermark that reaches it. When the readings
 * come from two Kafka partitions whose event times have drifted apart, this task sees the quarter
 * hours of the partition ahead while the other's watermark holds event time back: sent at every
 * watermark, each of those quarter hours went on in several partials, one for each watermark its
 * records straddled, where waiting sends one (docs/benchmarks.md, session 27).
 *
 * <p>Why the results do not change: every partial reaches the next operator before the first
 * watermark at or past the event time it is needed from (before the next watermark, when that is
 * now or past), so the next operator sees each record's contribution at a watermark no later than
 * it would have acted on it; sums of integers do not depend on the order they are added in; and
 * nothing is held across a checkpoint (every partial goes before the barrier), so there is no state
 * to restore.
 *
 * @param <IN> the records
 * @param <K> what a partial is kept per (its {@code equals} and {@code hashCode} group records)
 * @param <P> the partial sum
 * @param <OUT> what a partial is sent on as
 */
public abstract class PartialsBeforeWatermark<IN, K, P, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT> {
    private static final long serialVersionUID = 1L;

    /** The partials waiting, by the event time they are needed from ({@link #neededFrom}). */
    private transient NavigableMap<Long, Map<K, P>> pending;

    private transient StreamRecord<OUT> reused;
    // The partial used last: records in a row mostly share their key (the same quarter hour, and
    // meters listed by area), and an equals on it is cheaper than a hash lookup.
    private transient K lastKey;
    private transient P lastPartial;
    // The partials of the event time used last: a new key mostly falls in it too.
    private transient long lastNeededFrom;
    private transient Map<K, P> lastGroup;

    @Override
    public void open() throws Exception {
        super.open();
        pending = new TreeMap<>();
        reused = new StreamRecord<>(null);
    }

    /** Adds one record to its partials ({@link #partial}). */
    protected abstract void add(IN record) throws Exception;

    /** A new, empty partial for {@code key}. */
    protected abstract P empty(K key);

    /** The partial of {@code key}, as it is sent on. */
    protected abstract OUT sent(K key, P partial);

    /**
     * The event time from which the next operator needs the partial of {@code key}: it is sent
     * before the first watermark at or past it. {@link Long#MIN_VALUE}, unless overridden: before
     * the next watermark.
     */
    protected long neededFrom(K key) {
        return Long.MIN_VALUE;
    }

    /** The partial of {@code key} not sent yet, created on first use. */
    protected final P partial(K key) {
        if (key.equals(lastKey)) {
            return lastPartial;
        }
        long from = neededFrom(key);
        Map<K, P> group = lastGroup;
        if (group == null || from != lastNeededFrom) {
            group = pending.computeIfAbsent(from, f -> new LinkedHashMap<>());
            lastNeededFrom = from;
            lastGroup = group;
        }
        P p = group.get(key);
        if (p == null) {
            p = empty(key);
            group.put(key, p);
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
        sendPartials(mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        // An idle input is left out of the next operator's watermark: what it sent must be there
        // before the others move event time on.
        sendPartials(Long.MAX_VALUE);
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        sendPartials(Long.MAX_VALUE);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        sendPartials(Long.MAX_VALUE);
        super.finish();
    }

    /**
     * Sends the partials needed from {@code eventTime} or before: by the event time they are needed
     * from, each event time's in the order they were made.
     */
    private void sendPartials(long eventTime) {
        Iterator<Map<K, P>> due = pending.headMap(eventTime, true).values().iterator();
        if (!due.hasNext()) {
            return;
        }
        while (due.hasNext()) {
            for (Map.Entry<K, P> e : due.next().entrySet()) {
                output.collect(reused.replace(sent(e.getKey(), e.getValue())));
            }
            due.remove();
        }
        lastKey = null;
        lastPartial = null;
        lastGroup = null;
    }
}
