package org.gridwatch.jobs.ops;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.core.reliability.CustomerOutages;
import org.gridwatch.core.reliability.Interruption;
import org.gridwatch.core.reliability.ReliabilityAlertRule;
import org.gridwatch.core.reliability.ReliabilityLedger;
import org.gridwatch.core.reliability.SegmentHistory;
import org.gridwatch.core.reliability.SupplyReliabilityCase;
import org.gridwatch.jobs.types.SharedCustomers;

/**
 * A customer's supply, keyed by customer (docs/supply-reliability.md): its meters' POWER_OFF and
 * POWER_ON flags become the customer's interruptions ({@link CustomerOutages}: overlapping meter
 * interruptions are one), emitted as {@link CustomerInterruption}s with the customer's area and
 * segment; a HIGH or MEDIUM customer with repeated sustained interruptions gets a
 * SUPPLY_RELIABILITY alert ({@link SupplyReliabilityCase}, side output {@link #ALERTS}). The
 * customer's place among the customers served (its area from the master, its segment from the
 * segment records) goes to its area as {@link ServedChange}s (side output {@link #SERVED}).
 *
 * <p>Inputs: the meter join's feed (readings, master records, removals) and the customer's segment
 * records. Readings are taken as they come: the join passes each meter's readings in order.
 *
 * <p>An interruption counts under the segment the customer had when it ended, by event time, not
 * the one the watch holds when it emits it: a segment change (from the fleet value, at a billing
 * instant) and the reading that ends an interruption come by different paths, and which arrives
 * first differs between runs and parallelisms. So the watch keeps the customer's earlier segments
 * ({@link SegmentHistory}) for the allowed lateness and a day of event time, and emits an
 * interruption only once its event time has passed the interruption's end, when every segment
 * change up to that end has arrived (the fleet value sends a change before its event time passes
 * the change's instant). A held interruption closes on a timer after its end anyway; an
 * interruption a reading makes whole at once waits in {@code waiting-interruptions} for its end,
 * unless event time has passed it already (a late reading).
 */
public final class CustomerSupplyWatch
        extends KeyedCoProcessFunction<String, CustomerFeed, SegmentChange, CustomerInterruption> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("supply-reliability-alerts", TypeInformation.of(Alert.class)) {};

    public static final OutputTag<ServedChange> SERVED =
            new OutputTag<>("customers-served", Types.POJO(ServedChange.class)) {};

    /**
     * How much further back than the allowed lateness the customer's earlier segments are kept: an
     * interruption ends inside the reading that reports it (an hour at most) and a held one closes
     * {@link CustomerOutages#HOLD_MILLIS} after its end; a day covers both with room.
     */
    private static final long SEGMENTS_KEPT_PAST_LATENESS_MILLIS = 86_400_000L;

    private final ZoneId zone;
    private final ReliabilityAlertRule rule;
    private final long allowedLatenessMillis;

    private transient ValueState<Customer> master;
    private transient ValueState<String> segment;
    private transient ValueState<String> servedArea;
    private transient ValueState<CustomerOutages> outages;
    private transient ValueState<SupplyReliabilityCase> alertCase;
    private transient ValueState<Long> latestEvent;
    private transient ValueState<SegmentHistory> earlierSegments;
    private transient ListState<Interruption> waiting;

    /**
     * @param allowedLatenessMillis how long after its interval a reading is still admitted: how far
     *     back the customer's earlier segments are kept
     */
    public CustomerSupplyWatch(ZoneId zone, ReliabilityAlertRule rule, long allowedLatenessMillis) {
        this.zone = zone;
        this.rule = rule;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        master =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("master", Types.POJO(Customer.class)));
        segment = getRuntimeContext().getState(new ValueStateDescriptor<>("segment", Types.STRING));
        servedArea =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("served-area", Types.STRING));
        outages =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "outages", Types.POJO(CustomerOutages.class)));
        alertCase =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "reliability-case",
                                        Types.POJO(SupplyReliabilityCase.class)));
        latestEvent =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("latest-event", Types.LONG));
        earlierSegments =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "earlier-segments", Types.POJO(SegmentHistory.class)));
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "waiting-interruptions", Types.POJO(Interruption.class)));
    }

    @Override
    public void processElement1(CustomerFeed feed, Context ctx, Collector<CustomerInterruption> out)
            throws Exception {
        switch (feed.kind) {
            case MASTER -> onMaster(feed.customer);
            case REMOVAL -> onRemoval(ctx);
            case READING -> {
                if (!feed.metered().customer().equals(master.value())) {
                    master.update(SharedCustomers.shared(feed.metered().customer()));
                }
                serve(master.value(), ctx); // the shared record: its area is one copy
                onReading(feed.metered().reading(), ctx, out);
            }
        }
    }

    @Override
    public void processElement2(
            SegmentChange change, Context ctx, Collector<CustomerInterruption> out)
            throws Exception {
        String now =
                change.segment() == null ? ReliabilityLedger.NO_SEGMENT : change.segment().name();
        String before = segmentNow();
        if (now.equals(before)) {
            return;
        }
        SegmentHistory earlier =
                earlierSegments.value() == null ? new SegmentHistory() : earlierSegments.value();
        earlier.changed(change.tsMillis(), before);
        long wm = ctx.timerService().currentWatermark();
        if (wm != Long.MIN_VALUE) {
            earlier.forgetEndedBy(wm - allowedLatenessMillis - SEGMENTS_KEPT_PAST_LATENESS_MILLIS);
        }
        if (earlier.isEmpty()) {
            earlierSegments.clear();
        } else {
            earlierSegments.update(earlier);
        }
        segment.update(now);
        String area = servedArea.value();
        if (area != null) {
            ctx.output(SERVED, new ServedChange(area, before, -1));
            ctx.output(SERVED, new ServedChange(area, now, +1));
        }
    }

    /** The master's record; the customer's area among the served follows its readings. */
    private void onMaster(Customer customer) throws Exception {
        master.update(SharedCustomers.shared(customer));
    }

    /**
     * A customer is served in the area of its latest admitted reading's master record: it joins the
     * customers served with its first reading (a customer whose meter never reports is one the
     * monitor cannot speak for), moves with the master, and leaves when removed.
     */
    private void serve(Customer customer, Context ctx) throws Exception {
        String area = servedArea.value();
        if (customer.areaId().equals(area)) {
            return;
        }
        if (area != null) {
            ctx.output(SERVED, new ServedChange(area, segmentNow(), -1));
        }
        ctx.output(SERVED, new ServedChange(customer.areaId(), segmentNow(), +1));
        servedArea.update(customer.areaId());
    }

    /** A customer removed from the master is served no more; what it had is forgotten. */
    private void onRemoval(Context ctx) throws Exception {
        String area = servedArea.value();
        if (area != null) {
            ctx.output(SERVED, new ServedChange(area, segmentNow(), -1));
        }
        servedArea.clear();
        master.clear();
        segment.clear();
        earlierSegments.clear();
        waiting.clear();
        outages.clear();
        alertCase.clear();
        latestEvent.clear();
    }

    private void onReading(MeterReading r, Context ctx, Collector<CustomerInterruption> out)
            throws Exception {
        Long latest = latestEvent.value();
        if (latest == null || r.endMillis() > latest) {
            latestEvent.update(r.endMillis());
        }
        if (r.events() == 0 && outages.value() == null) {
            return; // the usual reading of a customer with nothing dark: no state touched
        }
        CustomerOutages o = outages.value() == null ? new CustomerOutages() : outages.value();
        List<Interruption> whole =
                o.onReading(r.meterId(), r.startMillis(), r.endMillis(), r.events());
        long wm = ctx.timerService().currentWatermark();
        for (Interruption i : whole) {
            if (i.endMillis() > wm) {
                waiting.add(i);
                ctx.timerService().registerEventTimeTimer(i.endMillis());
            } else {
                emit(i, Math.max(r.endMillis(), wm), ctx, out);
            }
        }
        save(o, true, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerInterruption> out)
            throws Exception {
        emitEnded(timestamp, ctx, out);
        CustomerOutages o = outages.value();
        if (o != null && o.closesAt() != CustomerOutages.NONE && timestamp >= o.closesAt()) {
            Optional<Interruption> closed = o.close(timestamp);
            if (closed.isPresent()) {
                emit(closed.get(), timestamp, ctx, out);
            }
            // Not armed again here: a timer at or before the watermark set while timers fire
            // would fire at once, for ever. A dark meter that put the close off arms it when its
            // interruption merges in.
            save(o, false, ctx);
        }
        SupplyReliabilityCase c = alertCase.value();
        if (c != null && timestamp >= c.nextReviewAt(rule) && withinInput(timestamp, ctx)) {
            Customer customer = master.value();
            if (customer != null) {
                Alert closed = c.review(customer, segmentAt(timestamp), timestamp, zone, rule);
                if (closed != null) {
                    ctx.output(ALERTS, closed);
                }
            }
            saveCase(c, ctx);
        }
    }

    /** Emits the waiting interruptions that ended by {@code timestamp}, in the order they ended. */
    private void emitEnded(long timestamp, Context ctx, Collector<CustomerInterruption> out)
            throws Exception {
        List<Interruption> ended = new ArrayList<>();
        List<Interruption> still = new ArrayList<>();
        for (Interruption i : waiting.get()) {
            (i.endMillis() <= timestamp ? ended : still).add(i);
        }
        if (ended.isEmpty()) {
            return;
        }
        waiting.update(still);
        ended.sort(Comparator.comparingLong(Interruption::endMillis));
        for (Interruption i : ended) {
            emit(i, timestamp, ctx, out);
        }
    }

    /**
     * Emits a customer interruption, under the segment the customer had when it ended, and looks at
     * the customer's alert.
     */
    private void emit(Interruption i, long now, Context ctx, Collector<CustomerInterruption> out)
            throws Exception {
        Customer customer = master.value();
        if (customer == null) {
            return;
        }
        String seg = segmentAt(i.endMillis());
        out.collect(
                new CustomerInterruption(
                        customer.customerId(),
                        customer.areaId(),
                        seg,
                        i.startMillis(),
                        i.endMillis()));
        SupplyReliabilityCase c =
                alertCase.value() == null ? new SupplyReliabilityCase() : alertCase.value();
        Alert alert = c.onInterruption(i, customer, seg, now, zone, rule);
        if (alert != null) {
            ctx.output(ALERTS, alert);
        }
        saveCase(c, ctx);
    }

    /**
     * Keeps the customer's outages; the held interruption's close is (re-)armed: Flink keeps one
     * timer per instant, and a close a dark meter put off is looked at again when its interruption
     * merges in, even if the end does not move.
     */
    private void save(CustomerOutages o, boolean arm, Context ctx) throws Exception {
        if (o.isEmpty()) {
            outages.clear();
            return;
        }
        outages.update(o);
        long at = o.closesAt();
        if (arm && at != CustomerOutages.NONE) {
            ctx.timerService().registerEventTimeTimer(at);
        }
    }

    private void saveCase(SupplyReliabilityCase c, Context ctx) throws Exception {
        if (c.isEmpty()) {
            alertCase.clear();
            return;
        }
        alertCase.update(c);
        long review = c.nextReviewAt(rule);
        if (review != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(review);
        }
    }

    /**
     * At the end of a replay every timer fires; an alert closing after the customer's last reading
     * did not close within the input.
     */
    private boolean withinInput(long timestamp, Context ctx) throws Exception {
        Long latest = latestEvent.value();
        return ctx.timerService().currentWatermark() != Long.MAX_VALUE
                || (latest != null && timestamp <= latest);
    }

    /** The customer's segment at {@code atMillis} of event time. */
    private String segmentAt(long atMillis) throws Exception {
        SegmentHistory earlier = earlierSegments.value();
        return earlier == null ? segmentNow() : earlier.at(atMillis, segmentNow());
    }

    /** The customer's latest segment. */
    private String segmentNow() throws Exception {
        String s = segment.value();
        return s == null ? ReliabilityLedger.NO_SEGMENT : s;
    }
}
