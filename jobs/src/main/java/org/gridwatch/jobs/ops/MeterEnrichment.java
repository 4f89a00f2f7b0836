package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.Collector;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.meter.CoveredQuarters;
import org.gridwatch.core.meter.MeterAdmission;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.meter.Refusal;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.state.MeterState;
import org.gridwatch.jobs.state.MeterStateSerializer;
import org.gridwatch.jobs.types.SharedCustomers;

/**
 * Keyed by meter: joins each reading with the customer master and admits it (see {@link
 * MeterAdmission}). A reading whose meter is not in the master yet waits, in state, until the
 * master record arrives or event time passes its interval end plus the grace; then it is rejected
 * UNKNOWN_METER. The master arrives as {@link MeterAssignment}s from {@link MasterTable}: a later
 * record for the meter replaces the earlier one; a release by the customer that holds the meter
 * forgets it (a removed customer's meter history too).
 *
 * <p>Each admitted reading also goes into the customer's open day and billing month, kept here in
 * the meter's state ({@link MeterUsage}), and shipped to the customer's accounts when they close or
 * the meter leaves the customer: the accounts take one record a meter and day, not every reading.
 *
 * <p>Everything goes out on one stream ({@link CustomerFeed}), in the order it happened here: the
 * customer's master record when assigned, each admitted reading (for the load and the supply
 * watch), the customer's closed days and months, and the customer's removal.
 *
 * <p>Whether a late reading still counts for its day is decided by the event time of the readings
 * alone ({@link #readingsWatermark}, which {@link #operator} tells it), not by the join's: that is
 * the least of the readings' and the master's, and the master holds it back until it has been read,
 * so a reading that came while the master was still being read counted for a day the readings had
 * closed, and a replay's THEFT and AREA_LOSS evidence depended on how fast the master was read
 * (docs/architecture.md, "A late reading is judged where its order is fixed"). A reading that waits
 * for its master is judged by the readings' event time when it came, kept beside it.
 *
 * <p>Rejections made here carry the reading re-written by {@link EventJson} as {@code raw}: the
 * text as received is not kept in state (it would double it), and the parsed record is what was
 * judged.
 */
public final class MeterEnrichment
        extends KeyedCoProcessFunction<String, MeterAssignment, MeterReading, CustomerFeed>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final MonitorSettings settings;
    private transient ValueState<MeterState> meter;
    private transient ListState<MeterReading> waiting;
    // The readings' event time when each waiting reading came, added with it: the last of the
    // waiting readings' times (a release before this one left readings waiting without, first).
    private transient ListState<Long> waitingSince;
    // The watermark of the readings input alone; not checkpointed: after a restore the join's own
    // acted-on event time (eventTime) is the floor until the readings' climbs past it again.
    private transient long readingsWatermark;
    private transient boolean restored;
    // The event time stamped on each admitted reading (CustomerFeed.eventTimeAtJoin), kept across
    // a restore so that a resumed job stamps as the one that never stopped would have.
    private final ActedEventTime eventTime = new ActedEventTime();

    // Releases before 0.2 kept the meter's customer and its covered quarter hours apart; read once
    // per meter after a restore from such a savepoint (see takeOver), registered only then.
    private transient ValueState<Customer> legacyCustomer;
    private transient ValueState<CoveredQuarters> legacyCovered;
    private transient MeterAdmission admission;
    private transient MeterUsage usage;
    private transient EventJson json;

    public MeterEnrichment(MonitorSettings settings) {
        this.settings = settings;
    }

    /**
     * The join as the job runs it: Flink's keyed co-process operator, which also tells the join the
     * watermark of its second input, the readings ({@link #onReadingsWatermark}), and never lets
     * the readings go idle. Run in a plain {@link KeyedCoProcessOperator} the join judges days by
     * its own event time.
     *
     * <p>The readings are the job's clock (docs/reliability.md, "A feed that pauses or lags"): a
     * Kafka partition of them goes idle only before its first reading (so that an empty partition,
     * or a source task without one, holds nothing back while others carry readings; ArrivalTiming),
     * but when every channel of the readings is idle, because no reading has come at all yet (a job
     * started before its head-ends send, or restarted during their outage), the join holds event
     * time where the readings left it. Were it let go idle too, the job's event time would follow
     * whatever else goes on (the payments, the area readings), and the days and months of the
     * readings still to come would be closed, judged and billed without them.
     */
    public static KeyedCoProcessOperator<String, MeterAssignment, MeterReading, CustomerFeed>
            operator(MonitorSettings settings) {
        return new ReadingsClockOperator(new MeterEnrichment(settings));
    }

    private static final class ReadingsClockOperator
            extends KeyedCoProcessOperator<String, MeterAssignment, MeterReading, CustomerFeed> {
        private static final long serialVersionUID = 1L;

        ReadingsClockOperator(MeterEnrichment join) {
            super(join);
        }

        @Override
        public void processWatermark2(Watermark mark) throws Exception {
            ((MeterEnrichment) userFunction).onReadingsWatermark(mark.getTimestamp());
            super.processWatermark2(mark);
        }

        /** Every readings channel idle: held, not passed on (see {@link #operator}). */
        @Override
        protected void processWatermarkStatus(WatermarkStatus status, int inputIndex)
                throws Exception {
            if (inputIndex == READINGS_INPUT && status.isIdle()) {
                return;
            }
            super.processWatermarkStatus(status, inputIndex);
        }

        /** The readings' input: the second, counted from 0 as Flink counts them here. */
        private static final int READINGS_INPUT = 1;
    }

    /** The readings input's watermark (all its channels', as Flink combines them) has advanced. */
    void onReadingsWatermark(long watermark) {
        readingsWatermark = Math.max(readingsWatermark, watermark);
    }

    /** The meter's state: what the join reads and writes for every reading. */
    static ValueStateDescriptor<MeterState> meterState() {
        return new ValueStateDescriptor<>("meter", MeterStateSerializer.INSTANCE);
    }

    @Override
    public void open(OpenContext openContext) {
        meter = getRuntimeContext().getState(meterState());
        if (restored) {
            legacyCustomer =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            "customer", Types.POJO(Customer.class)));
            legacyCovered =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            "covered-quarters", Types.POJO(CoveredQuarters.class)));
        }
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "waiting-for-master", Types.POJO(MeterReading.class)));
        waitingSince =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("waiting-since", Types.LONG));
        readingsWatermark = Long.MIN_VALUE;
        admission = new MeterAdmission(settings.limits());
        usage = new MeterUsage(settings);
        json = new EventJson(settings.zone());
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        restored = context.isRestored();
        eventTime.initialize(context);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        eventTime.snapshot();
    }

    /** The meter's state, or null; a meter still in the old layout is converted first. */
    private MeterState state() throws Exception {
        MeterState state = meter.value();
        if (state == null && legacyCustomer != null) {
            Customer c = legacyCustomer.value();
            CoveredQuarters q = legacyCovered.value();
            if (c != null || q != null) {
                state = new MeterState();
                state.customer = c;
                state.covered = q;
                meter.update(state);
                legacyCustomer.clear();
                legacyCovered.clear();
            }
        }
        return state;
    }

    @Override
    public void processElement1(MeterAssignment change, Context ctx, Collector<CustomerFeed> out)
            throws Exception {
        if (!change.isAssignment()) {
            release(change, out);
            return;
        }
        Customer master = SharedCustomers.shared(change.customer);
        MeterState state = state();
        if (state == null) {
            state = new MeterState();
        }
        if (state.customer != null && !state.customer.customerId().equals(master.customerId())) {
            usage.shipAll(state, out); // assigned to another customer before its release came
        }
        state.customer = master;
        meter.update(state);
        out.collect(CustomerFeed.master(master));
        java.util.List<MeterReading> pending = waitingReadings();
        if (!pending.isEmpty()) {
            java.util.Iterator<Long> since = waitingTimes(pending.size()).iterator();
            for (MeterReading r : pending) {
                // A master record has no event time: each reading that waited for it goes on
                // stamped with its own, as it would have had it come after its master. Without,
                // what counts readings by their record's time downstream (the customers served in
                // an area) found none, and wrote them only at the end of a replay.
                stampedWith(r.endMillis(), out);
                admit(r, since.next(), state, ctx, out);
            }
            stampedWith(ctx.timestamp(), out); // back to the master record's own
            waiting.clear();
            waitingSince.clear();
        }
    }

    /**
     * The customer no longer has this meter: its open days and months go to its accounts. Its
     * history stays with the meter (a re-sent reading is still a duplicate) unless the customer was
     * removed, which clears all it left here.
     */
    private void release(MeterAssignment change, Collector<CustomerFeed> out) throws Exception {
        MeterState state = state();
        Customer holder = state == null ? null : state.customer;
        if (holder != null && holder.customerId().equals(change.customerId)) {
            if (change.customerRemoved) {
                state.clearUsage(); // the accounts forget the customer
            } else {
                usage.shipAll(state, out);
            }
            state.customer = null;
            if (change.customerRemoved) {
                state.covered = null;
            }
            if (state.isEmpty()) {
                meter.clear();
            } else {
                meter.update(state);
            }
        }
        if (change.customerRemoved) {
            out.collect(CustomerFeed.removal(change.customerId));
        }
    }

    @Override
    public void processElement2(MeterReading reading, Context ctx, Collector<CustomerFeed> out)
            throws Exception {
        MeterState state = state();
        if (state != null && state.customer != null) {
            admit(reading, readingsWatermark, state, ctx, out);
        } else {
            waiting.add(reading);
            waitingSince.add(readingsWatermark);
            ctx.timerService()
                    .registerEventTimeTimer(
                            reading.endMillis() + settings.unknownMeterGrace().toMillis());
        }
    }

    /** The readings waiting for the meter's master, in the order they came. */
    private java.util.List<MeterReading> waitingReadings() throws Exception {
        java.util.List<MeterReading> readings = new java.util.ArrayList<>();
        Iterable<MeterReading> kept = waiting.get();
        if (kept != null) {
            kept.forEach(readings::add);
        }
        return readings;
    }

    /**
     * The readings' event time when each of the {@code count} waiting readings came, in order; the
     * least for those a release before {@code waiting-since} left waiting without one, which come
     * first: they are judged by the join's event time, as that release judged them.
     */
    private java.util.List<Long> waitingTimes(int count) throws Exception {
        java.util.List<Long> kept = new java.util.ArrayList<>();
        waitingSince.get().forEach(kept::add);
        java.util.List<Long> times = new java.util.ArrayList<>(count);
        for (int i = kept.size(); i < count; i++) {
            times.add(Long.MIN_VALUE);
        }
        times.addAll(kept);
        return times;
    }

    /**
     * @param readingsMillis the readings' event time when {@code reading} came
     */
    private void admit(
            MeterReading reading,
            long readingsMillis,
            MeterState state,
            Context ctx,
            Collector<CustomerFeed> out)
            throws Exception {
        CoveredQuarters history = state.covered;
        if (history == null) {
            history = CoveredQuarters.covering(settings.allowedLateness().toMillis());
        }
        Refusal refusal = admission.check(reading, state.customer, history);
        if (refusal == null) {
            long now = eventTime.now(ctx.timerService());
            state.covered = history;
            usage.onReading(
                    reading,
                    state.customer,
                    Math.max(readingsMillis, now),
                    now,
                    ctx.timerService(),
                    state);
            meter.update(state);
            out.collect(CustomerFeed.reading(new MeteredReading(state.customer, reading), now));
        } else {
            reject(reading, refusal.reason(), refusal.detail(), ctx);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerFeed> out)
            throws Exception {
        MeterState state = state();
        if (state != null && state.customer != null) {
            // A day's close or a month's billing instant (the master arrived, and the readings
            // that waited for it were admitted then).
            if (usage.shipDue(timestamp, state, ctx.timerService(), out)) {
                meter.update(state);
            }
            return;
        }
        long grace = settings.unknownMeterGrace().toMillis();
        java.util.List<MeterReading> stillWaiting = new java.util.ArrayList<>();
        java.util.List<Long> stillSince = new java.util.ArrayList<>();
        java.util.List<MeterReading> pending = waitingReadings();
        java.util.Iterator<Long> since = waitingTimes(pending.size()).iterator();
        for (MeterReading r : pending) {
            long came = since.next();
            if (r.endMillis() + grace <= timestamp) {
                reject(
                        r,
                        RejectReason.UNKNOWN_METER,
                        "no customer in the master data has meter " + r.meterId(),
                        ctx);
            } else {
                stillWaiting.add(r);
                stillSince.add(came);
            }
        }
        waiting.update(stillWaiting);
        waitingSince.update(stillSince);
    }

    /**
     * Sets the event time of what {@code out} emits next (null: none, as a master record read from
     * a file has). Flink's operator hands a process function a {@link TimestampedCollector}, which
     * stamps with the record being processed unless told otherwise.
     */
    private static void stampedWith(Long eventMillis, Collector<CustomerFeed> out) {
        if (out instanceof TimestampedCollector<CustomerFeed> stamped) {
            if (eventMillis == null) {
                stamped.eraseTimestamp();
            } else {
                stamped.setAbsoluteTimestamp(eventMillis);
            }
        }
    }

    private void reject(MeterReading r, RejectReason reason, String detail, Context ctx) {
        ctx.output(
                Rejections.REJECTED,
                new Rejected(
                        Source.METER_READINGS.topic(),
                        reason,
                        detail,
                        json.reading(r),
                        r.endMillis()));
    }
}
