package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.billing.BillingSchedule;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.FleetMeasure;
import org.gridwatch.core.value.ValueModel;
import org.gridwatch.jobs.state.FleetValueCodec;

/**
 * The fleet value's first step, keyed by customer: the customer's latest {@link CustomerStanding},
 * taken at the end of its quarter hour (a customer operator ahead of the others may send one from
 * after a billing the fleet has not reached, and the billing must value the customer as it stood
 * then). At a billing ({@link Billing}, broadcast) the customer takes part whether billed this
 * month or not: its standing goes to {@link SegmentAssessment}, and its value in each distribution
 * of the fleet ({@link FleetMeasure}) to {@link #RANGES}, for the counts and the ranks by range. A
 * customer without a bill for a year leaves the fleet there. Between billings, a standing that
 * changed goes on to be re-assessed. A removal from the master takes the customer out of the fleet
 * at the end of its quarter hour (a billing in that quarter hour no longer counts it).
 *
 * <p>A customer billed once keeps a timer at the next billing ({@link BillingSchedule}) as long as
 * it is in the fleet; the state is its standing, kept as its compact bytes ({@link
 * FleetValueCodec}: read at a timer, written when a new one is taken), and the standings of quarter
 * hours not closed yet.
 */
public final class CustomerValue
        extends KeyedBroadcastProcessFunction<String, CustomerStanding, Billing, ValueInput>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** The billings, by their instant; each customer task has them all. */
    public static final MapStateDescriptor<Long, Integer> BILLINGS =
            new MapStateDescriptor<>("billings", Types.LONG, Types.INT);

    /** Each billed customer's values at a billing, one per distribution. */
    public static final OutputTag<RangeValue> RANGES =
            new OutputTag<>("fleet-range-values", Types.POJO(RangeValue.class)) {};

    private final ValueModel model;
    private final BillingSchedule schedule;
    private transient ValueState<byte[]> standingBytes;
    private transient MapState<Long, CustomerStanding> arriving;
    private transient boolean restored;

    /**
     * The standing as earlier releases kept it (a POJO, until 87f381f), registered only in a
     * restored operator and moved into {@link #standingBytes} when its customer is next touched (at
     * the latest at the next billing's timer).
     */
    private transient ValueState<CustomerStanding> legacyStanding;

    public CustomerValue(ValueModel model, BillingSchedule schedule) {
        this.model = model;
        this.schedule = schedule;
    }

    @Override
    public void open(OpenContext openContext) {
        standingBytes =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "standing-bytes",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (restored) {
            legacyStanding =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            "standing", Types.POJO(CustomerStanding.class)));
        }
        arriving =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "standing-by-quarter",
                                        Types.LONG,
                                        Types.POJO(CustomerStanding.class)));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    /** The current customer's standing, or null; one kept by an earlier release moved over. */
    private CustomerStanding standing(String customerId) throws Exception {
        byte[] bytes = standingBytes.value();
        if (bytes != null) {
            return FleetValueCodec.standingOf(bytes, customerId);
        }
        CustomerStanding old = legacyStanding == null ? null : legacyStanding.value();
        if (old != null) {
            legacyStanding.clear();
            standingBytes.update(FleetValueCodec.standingBytes(old, customerId));
        }
        return old;
    }

    private void forgetStanding() throws Exception {
        standingBytes.clear();
        if (legacyStanding != null) {
            legacyStanding.clear();
        }
    }

    @Override
    public void processElement(CustomerStanding s, ReadOnlyContext ctx, Collector<ValueInput> out)
            throws Exception {
        long at = s.removed() ? removedAt(s, ctx) : ctx.timestamp();
        if (at == Long.MIN_VALUE) {
            // Removed before event time began: nothing was valued, nothing to wait for.
            forgetStanding();
            arriving.clear();
            return;
        }
        long quarterEnd = Bucket.startOf(at) + Bucket.MILLIS;
        arriving.put(quarterEnd, s); // the latest of a quarter hour is the one that counts
        ctx.timerService().registerEventTimeTimer(quarterEnd);
    }

    /**
     * When a removal takes effect: at its own time, or event time as this task has it if that is
     * later. In event time, not on arrival, so that standings from before it are taken first
     * whatever the order they arrive in among the customer operators' watermarks.
     */
    private static long removedAt(CustomerStanding removal, ReadOnlyContext ctx) {
        return Math.max(removal.tsMillis(), ctx.timerService().currentWatermark());
    }

    @Override
    public void processBroadcastElement(Billing b, Context ctx, Collector<ValueInput> out)
            throws Exception {
        BroadcastState<Long, Integer> billings = ctx.getBroadcastState(BILLINGS);
        Integer month = billings.get(b.atMillis());
        billings.put(b.atMillis(), month == null ? b.month() : Math.max(month, b.month()));
        Billing.forgetOld(billings, ctx.currentWatermark());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ValueInput> out)
            throws Exception {
        String customerId = ctx.getCurrentKey();
        CustomerStanding fresh = arriving.get(timestamp);
        if (fresh != null && fresh.removed()) {
            out.collect(ValueInput.removed(timestamp, fresh, standing(customerId)));
            forgetStanding();
            arriving.clear();
            return;
        }
        CustomerStanding s;
        if (fresh != null) {
            arriving.remove(timestamp);
            s = fresh;
            standingBytes.update(FleetValueCodec.standingBytes(fresh, customerId));
            if (legacyStanding != null) {
                legacyStanding.clear();
            }
        } else {
            s = standing(customerId);
        }
        if (s == null) {
            return; // removed, forgotten, or never billed
        }
        Integer billedMonth = ctx.getBroadcastState(BILLINGS).get(timestamp);
        if (billedMonth != null) {
            if (s.billedMonth() <= billedMonth - 100) { // yyyymm: no bill since a year ago
                forgetStanding();
                out.collect(ValueInput.forgotten(timestamp, s));
                return;
            }
            out.collect(ValueInput.billed(timestamp, s));
            for (FleetMeasure.Value v : FleetMeasure.valuesOf(s, model.basis())) {
                ctx.output(
                        RANGES,
                        new RangeValue(
                                timestamp, v.distribution(), v.range(), s.customerId(), v.key()));
            }
        } else if (fresh != null) {
            out.collect(ValueInput.changed(timestamp, fresh));
        } else if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // The input has ended and no bills came at this month's billing: none will come later.
            return;
        }
        ctx.timerService().registerEventTimeTimer(schedule.nextValuationAfter(timestamp));
    }
}
