package org.gridwatch.jobs.ops;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.meter.MeteredReading;

/**
 * What {@link CustomerSupplyWatch} needs of the meter join's feed, chosen in the join's own task so
 * that the usual reading does not cross the network twice. The supply watch acts on a reading only
 * when it carries meter events, or its customer record differs from the one the watch holds (the
 * customer is then served in its area); of every other reading it keeps only the customer's latest
 * reading time, which it needs at the end of a replay. So this passes on:
 *
 * <ul>
 *   <li>every master record and removal;
 *   <li>a reading with events, and the first reading of a customer (in this task, since it started
 *       or since the customer's last master record or removal) or whose customer record changed;
 *   <li>of the readings held back, one stand-in per customer with the latest reading time before
 *       the end of event time, and before a checkpoint barrier once it is {@link #BARRIER_STRIDE}
 *       or more later than the latest the watch was sent: an empty reading of the customer's meter,
 *       no events and no energy, which changes nothing else in the watch.
 * </ul>
 *
 * <p>It keeps, on the heap and not in checkpoints, the customer record last passed on per customer
 * with its latest reading; after a restart it starts empty and passes each customer's next reading
 * on, which the watch takes as it took the first. What a restart can change is therefore bounded: a
 * customer whose meter fell silent before the checkpoint restored from, and stayed silent to the
 * end of a replay, is known to the watch with a latest reading up to {@link #BARRIER_STRIDE} early;
 * only a SUPPLY_RELIABILITY review that falls in that stride at the end of the replay is judged
 * differently. The stride is what keeps a checkpoint's cost from growing with the fleet: a stand-in
 * for every customer at every barrier was, at a million customers replayed with a checkpoint every
 * 10 s, a million records and three million state lookups in the watch every 10 s, a fifth of the
 * job's CPU (docs/benchmarks.md); with the stride it is one stand-in per customer and day of event
 * time, at most.
 */
public final class SupplyFeed extends AbstractStreamOperator<CustomerFeed>
        implements OneInputStreamOperator<CustomerFeed, CustomerFeed> {
    private static final long serialVersionUID = 1L;

    /**
     * How much later than the latest the watch was sent a reading held back must be for a
     * checkpoint barrier to send it: a day of event time.
     */
    static final long BARRIER_STRIDE = 86_400_000L;

    /** A customer's latest reading held back, or passed on. */
    private static final class Latest {
        Customer customer;
        String meterId;
        long endMillis = Long.MIN_VALUE;
        int intervalMinutes;
        boolean heldBack;

        /** The latest reading time the watch was sent, passed on or stood in for. */
        long sentEndMillis = Long.MIN_VALUE;
    }

    private transient Map<String, Latest> seen;
    private transient StreamRecord<CustomerFeed> reused;

    @Override
    public void open() throws Exception {
        super.open();
        seen = new HashMap<>();
        reused = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<CustomerFeed> element) {
        CustomerFeed feed = element.getValue();
        if (feed.isUsage()) {
            return; // a closed day or month, for the accounts only
        }
        if (!feed.isReading()) {
            seen.remove(feed.customerId());
            output.collect(element);
            return;
        }
        MeteredReading m = feed.metered();
        MeterReading r = m.reading();
        Latest latest = seen.get(feed.customerId());
        boolean newRecord = latest == null || !latest.customer.equals(m.customer());
        if (latest == null) {
            latest = new Latest();
            seen.put(feed.customerId(), latest);
        }
        latest.customer = m.customer();
        if (newRecord || r.events() != 0) {
            output.collect(element);
            if (r.endMillis() >= latest.endMillis) {
                remember(latest, m, false);
            }
        } else if (r.endMillis() > latest.endMillis) {
            remember(latest, m, true);
        }
    }

    private static void remember(Latest latest, MeteredReading m, boolean heldBack) {
        MeterReading r = m.reading();
        // The join joined the reading to its meter's customer, whose record names that meter: the
        // record's copy of the id is the one the operators' keys share, the reading's is not.
        latest.meterId = m.customer().meterId();
        latest.endMillis = r.endMillis();
        latest.intervalMinutes = r.intervalMinutes();
        latest.heldBack = heldBack;
        if (!heldBack) {
            latest.sentEndMillis = Math.max(latest.sentEndMillis, r.endMillis());
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            sendHeldBack(0);
        }
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        sendHeldBack(BARRIER_STRIDE);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        sendHeldBack(0);
        super.finish();
    }

    /**
     * A stand-in for each customer's latest reading held back that is at least {@code stride} later
     * than the latest the watch was sent.
     */
    private void sendHeldBack(long stride) {
        for (Latest latest : seen.values()) {
            if (latest.heldBack
                    && (stride == 0
                            || latest.sentEndMillis == Long.MIN_VALUE
                            || latest.endMillis - latest.sentEndMillis >= stride)) {
                MeterReading standIn =
                        new MeterReading(
                                latest.meterId,
                                latest.endMillis,
                                latest.intervalMinutes,
                                0.0,
                                Double.NaN,
                                Double.NaN,
                                0);
                output.collect(
                        reused.replace(
                                CustomerFeed.reading(new MeteredReading(latest.customer, standIn)),
                                latest.endMillis));
                latest.heldBack = false;
                latest.sentEndMillis = latest.endMillis;
            }
        }
    }
}
