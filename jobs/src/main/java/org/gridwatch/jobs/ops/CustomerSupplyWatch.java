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
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
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
import org.gridwatch.jobs.state.SupplyCustomer;
import org.gridwatch.jobs.state.SupplyCustomerSerializer;
import org.gridwatch.jobs.types.SharedCustomers;
import org.gridwatch.jobs.types.SharedIds;

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
 *
 * <p>The customer's master record, segment, served area and latest event are one state value
 * ({@link SupplyCustomer}); a savepoint of a release that kept them as four states is read into it
 * the first time each customer is touched after the restore ({@link #customer}).
 */
public final class CustomerSupplyWatch
        extends KeyedCoProcessFunction<String, CustomerFeed, SegmentChange, CustomerInterruption>
        implements CheckpointedFunction {

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

    private transient ValueState<SupplyCustomer> customerState;
    private transient ValueState<CustomerOutages> outages;
    private transient ValueState<SupplyReliabilityCase> alertCase;
    private transient ValueState<SegmentHistory> earlierSegments;
    private transient ListState<Interruption> waiting;

    /** Whether the job was restored: only then can a customer be in the four states of before. */
    private transient boolean restored;

    private transient LegacyStates legacy;

    /**
     * @param allowedLatenessMillis how long after its interval a reading is still admitted: how far
     *     back the customer's earlier segments are kept
     */
    public CustomerSupplyWatch(ZoneId zone, ReliabilityAlertRule rule, long allowedLatenessMillis) {
        this.zone = zone;
        this.rule = rule;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    /** The state of the customer's record, segment, served area and latest event. */
    static ValueStateDescriptor<SupplyCustomer> customerDescriptor() {
        return new ValueStateDescriptor<>("supply-customer", SupplyCustomerSerializer.INSTANCE);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    @Override
    public void open(OpenContext openContext) {
        customerState = getRuntimeContext().getState(customerDescriptor());
        legacy = restored ? new LegacyStates() : null;
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
                SupplyCustomer c = customer();
                if (!feed.metered().customer().equals(c.master)) {
                    c.master = SharedCustomers.shared(feed.metered().customer());
                }
                serve(c, ctx); // the shared record: its area is one copy
                MeterReading r = feed.metered().reading();
                c.latestEventMillis = Math.max(c.latestEventMillis, r.endMillis());
                customerState.update(c);
                onReading(r, ctx, out);
            }
        }
    }

    @Override
    public void processElement2(
            SegmentChange change, Context ctx, Collector<CustomerInterruption> out)
            throws Exception {
        String now =
                change.segment() == null ? ReliabilityLedger.NO_SEGMENT : change.segment().name();
        SupplyCustomer c = customer();
        String before = segmentNow(c);
        if (now.equals(before)) {
            return;
        }
        SegmentHistory earlier =
                earlierSegments.value() == null ? new SegmentHistory() : earlierSegments.value();
        earlier.changed(change.tsMillis(), before);
        long wm = ctx.timerService().currentWatermark();
        if (wm != Long.MIN_VALUE) {
            earlier.forgetEndedBy(segmentsKeptSince(wm));
        }
        keepEarlier(earlier);
        // The segment just ended is forgotten when event time is past its keeping, not only at the
        // customer's next change a month or more later (129 B a customer till then, session 45).
        ctx.timerService()
                .registerEventTimeTimer(
                        change.tsMillis()
                                + allowedLatenessMillis
                                + SEGMENTS_KEPT_PAST_LATENESS_MILLIS);
        c.segment = now;
        customerState.update(c);
        String area = c.servedArea;
        if (area != null) {
            ctx.output(SERVED, new ServedChange(area, before, -1));
            ctx.output(SERVED, new ServedChange(area, now, +1));
        }
    }

    /** The master's record; the customer's area among the served follows its readings. */
    private void onMaster(Customer customer) throws Exception {
        SupplyCustomer c = customer();
        c.master = SharedCustomers.shared(customer);
        customerState.update(c);
    }

    /**
     * A customer is served in the area of its latest admitted reading's master record: it joins the
     * customers served with its first reading (a customer whose meter never reports is one the
     * monitor cannot speak for), moves with the master, and leaves when removed.
     */
    private void serve(SupplyCustomer c, Context ctx) {
        String area = c.servedArea;
        if (c.master.areaId().equals(area)) {
            return;
        }
        if (area != null) {
            ctx.output(SERVED, new ServedChange(area, segmentNow(c), -1));
        }
        ctx.output(SERVED, new ServedChange(c.master.areaId(), segmentNow(c), +1));
        c.servedArea = c.master.areaId();
    }

    /** A customer removed from the master is served no more; what it had is forgotten. */
    private void onRemoval(Context ctx) throws Exception {
        SupplyCustomer c = customer();
        if (c.servedArea != null) {
            ctx.output(SERVED, new ServedChange(c.servedArea, segmentNow(c), -1));
        }
        customerState.clear();
        earlierSegments.clear();
        waiting.clear();
        outages.clear();
        alertCase.clear();
    }

    private void onReading(MeterReading r, Context ctx, Collector<CustomerInterruption> out)
            throws Exception {
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

    /** The earlier segments that ended at or before this are no longer asked for at {@code now}. */
    private long segmentsKeptSince(long now) {
        return now - allowedLatenessMillis - SEGMENTS_KEPT_PAST_LATENESS_MILLIS;
    }

    private void keepEarlier(SegmentHistory earlier) throws Exception {
        if (earlier.isEmpty()) {
            earlierSegments.clear();
        } else {
            earlierSegments.update(earlier);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerInterruption> out)
            throws Exception {
        emitEnded(timestamp, ctx, out);
        SegmentHistory earlier = earlierSegments.value();
        if (earlier != null) {
            earlier.forgetEndedBy(segmentsKeptSince(timestamp));
            keepEarlier(earlier);
        }
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
        if (c != null && timestamp >= c.nextReviewAt(rule)) {
            SupplyCustomer customer = customer();
            if (withinInput(timestamp, customer, ctx)) {
                if (customer.master != null) {
                    Alert closed =
                            c.review(
                                    customer.master,
                                    segmentAt(customer, timestamp),
                                    timestamp,
                                    zone,
                                    rule);
                    if (closed != null) {
                        ctx.output(ALERTS, closed);
                    }
                }
                saveCase(c, ctx);
            }
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
        SupplyCustomer sc = customer();
        Customer customer = sc.master;
        if (customer == null) {
            return;
        }
        String seg = segmentAt(sc, i.endMillis());
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
    private static boolean withinInput(long timestamp, SupplyCustomer customer, Context ctx) {
        return ctx.timerService().currentWatermark() != Long.MAX_VALUE
                || timestamp <= customer.latestEventMillis;
    }

    /** The customer's segment at {@code atMillis} of event time. */
    private String segmentAt(SupplyCustomer c, long atMillis) throws Exception {
        SegmentHistory earlier = earlierSegments.value();
        return earlier == null ? segmentNow(c) : earlier.at(atMillis, segmentNow(c));
    }

    /** The customer's latest segment. */
    private static String segmentNow(SupplyCustomer c) {
        return c.segment == null ? ReliabilityLedger.NO_SEGMENT : c.segment;
    }

    /**
     * The current customer's record, segment, served area and latest event, new and empty if none
     * is kept; a customer of a savepoint that kept them as four states is moved into one first.
     * Changes are kept by {@code customerState.update}.
     */
    private SupplyCustomer customer() throws Exception {
        SupplyCustomer c = customerState.value();
        if (c != null) {
            return c;
        }
        c = legacy == null ? new SupplyCustomer() : legacy.take();
        if (!c.isEmpty()) {
            customerState.update(c);
        }
        return c;
    }

    /**
     * The four states a savepoint of a release before session 45 kept a customer in, read (and
     * cleared) once for each customer it holds, the first time the customer is touched.
     */
    private final class LegacyStates {
        private final ValueState<Customer> master =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("master", Types.POJO(Customer.class)));
        private final ValueState<String> segment =
                getRuntimeContext().getState(new ValueStateDescriptor<>("segment", Types.STRING));
        private final ValueState<String> servedArea =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("served-area", Types.STRING));
        private final ValueState<Long> latestEvent =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("latest-event", Types.LONG));

        SupplyCustomer take() throws Exception {
            SupplyCustomer c = new SupplyCustomer();
            Customer m = master.value();
            c.master = m == null ? null : SharedCustomers.shared(m);
            String named = segment.value();
            c.segment = named == null ? null : named.intern();
            c.servedArea = SharedIds.shared(servedArea.value());
            Long latest = latestEvent.value();
            c.latestEventMillis = latest == null ? SupplyCustomer.NONE : latest;
            if (!c.isEmpty()) {
                master.clear();
                segment.clear();
                servedArea.clear();
                latestEvent.clear();
            }
            return c;
        }
    }
}
