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
 *   <li>of the readings held back, one stand-in per customer with the latest reading time, before
 *       each checkpoint barrier (what the watch kept must not depend on what this task forgot in a
 *       restart) and before the end of event time: an empty reading of the customer's meter, no
 *       events and no energy, which changes nothing else in the watch.
 * </ul>
 *
 * <p>It keeps, on the heap and not in checkpoints, the customer record last passed on per customer
 * with its latest reading; after a restart it starts empty and passes each customer's next reading
 * on, which the watch takes as it took the first.
 */
public final class SupplyFeed extends AbstractStreamOperator<CustomerFeed>
        implements OneInputStreamOperator<CustomerFeed, CustomerFeed> {
    private static final long serialVersionUID = 1L;

    /** A customer's latest reading held back, or passed on. */
    private static final class Latest {
        Customer customer;
        String meterId;
        long endMillis = Long.MIN_VALUE;
        int intervalMinutes;
        boolean heldBack;
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
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            sendHeldBack();
        }
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        sendHeldBack();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        sendHeldBack();
        super.finish();
    }

    /** A stand-in for each customer's latest reading held back. */
    private void sendHeldBack() {
        for (Latest latest : seen.values()) {
            if (latest.heldBack) {
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
            }
        }
    }
}
