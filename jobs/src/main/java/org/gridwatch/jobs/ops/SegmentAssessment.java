package org.gridwatch.jobs.ops;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
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
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.SegmentReasons;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.FleetFigures;
import org.gridwatch.core.value.FleetMeasure;
import org.gridwatch.core.value.SegmentRule;
import org.gridwatch.core.value.SegmentTally;
import org.gridwatch.core.value.ValueModel;
import org.gridwatch.jobs.state.LastAssessment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet value's last step, keyed by customer: its segment record. At a billing the customer's
 * standing ({@link CustomerValue}), its ranks in value and kWh ({@link RangeRanking}) and the
 * month's {@link FleetFigures} (broadcast) are all there when the billing's watermark fires its
 * timer, and the customer is valued against the fleet; between billings a customer whose standing
 * changed (its credit) is re-assessed with the month's rule and values, kept in its last record's
 * reasons. A record goes out when its segment, grade, strategies or inspection date change; each
 * assessment's effect on its area's tally goes to {@link #TALLIES}.
 *
 * <p>State: the customer's last record and the billing it was valued at, one value kept as its
 * compact bytes ({@link LastAssessment}); what came for a billing (or a quarter hour) until its
 * timer.
 */
public final class SegmentAssessment
        extends KeyedBroadcastProcessFunction<String, ValueInput, FleetFigures, SegmentChange>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentAssessment.class);

    /** The month's figures by billing; each task has them all. */
    public static final MapStateDescriptor<Long, FleetFigures> FIGURES =
            new MapStateDescriptor<>("fleet-figures", Types.LONG, Types.POJO(FleetFigures.class));

    /** What each assessment changes in its area's tally. */
    public static final OutputTag<TallyChange> TALLIES =
            new OutputTag<>("segment-tally-changes", Types.POJO(TallyChange.class)) {};

    private final ValueModel model;
    private transient ValueState<byte[]> kept;
    private transient MapState<Long, List<ValueInput>> pending;
    private transient boolean restored;

    /**
     * The record and the billing it was valued at as earlier releases kept them (a POJO and a long,
     * until 87f381f), registered only in a restored operator and moved into {@link #kept} when
     * their customer is next assessed (at the latest at the next billing).
     */
    private transient ValueState<SegmentChange> legacyAssessed;

    private transient ValueState<Long> legacyValuedAt;

    public SegmentAssessment(ValueModel model) {
        this.model = model;
    }

    @Override
    public void open(OpenContext openContext) {
        kept =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-assessment",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (restored) {
            legacyAssessed =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            "assessed", Types.POJO(SegmentChange.class)));
            legacyValuedAt =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>("valued-at", Types.LONG));
        }
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "inputs-by-instant",
                                        Types.LONG,
                                        Types.LIST(Types.POJO(ValueInput.class))));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    /**
     * The current customer's last record and the billing it was valued at (either null if none);
     * what an earlier release kept moved over.
     */
    private LastAssessment last(String customerId) throws Exception {
        byte[] bytes = kept.value();
        if (bytes != null) {
            return LastAssessment.decode(bytes, customerId);
        }
        if (legacyAssessed != null) {
            LastAssessment old = new LastAssessment(legacyAssessed.value(), legacyValuedAt.value());
            legacyAssessed.clear();
            legacyValuedAt.clear();
            if (old.record() != null || old.valuedAt() != null) {
                kept.update(old.encode(customerId));
                return old;
            }
        }
        return NONE;
    }

    private static final LastAssessment NONE = new LastAssessment(null, null);

    private void forget() throws Exception {
        kept.clear();
        if (legacyAssessed != null) {
            legacyAssessed.clear();
            legacyValuedAt.clear();
        }
    }

    private void keep(String customerId, SegmentChange record, Long valuedAt) throws Exception {
        kept.update(new LastAssessment(record, valuedAt).encode(customerId));
    }

    @Override
    public void processElement(ValueInput in, ReadOnlyContext ctx, Collector<SegmentChange> out)
            throws Exception {
        Held.until(in.atMillis(), in, pending, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(
            FleetFigures figures, Context ctx, Collector<SegmentChange> out) throws Exception {
        var all = ctx.getBroadcastState(FIGURES);
        all.put(figures.billedAt(), figures);
        Billing.forgetOld(all, ctx.currentWatermark());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SegmentChange> out)
            throws Exception {
        List<ValueInput> inputs = Held.take(timestamp, pending);
        if (inputs != null) {
            assess(timestamp, inputs, ctx, out);
        }
    }

    private void assess(
            long timestamp,
            List<ValueInput> inputs,
            OnTimerContext ctx,
            Collector<SegmentChange> out)
            throws Exception {
        ValueInput step = null;
        ValueInput valueRank = null;
        ValueInput energyRank = null;
        for (ValueInput in : inputs) {
            if (in.kind() != ValueInput.Kind.RANK) {
                step = in;
            } else if (in.distribution().equals(FleetMeasure.VALUE.name())) {
                valueRank = in;
            } else {
                energyRank = in;
            }
        }
        if (step == null) {
            LOG.warn("ranks of {} at {} without its standing", ctx.getCurrentKey(), timestamp);
            return;
        }
        switch (step.kind()) {
            case BILLED -> {
                FleetFigures figures = ctx.getBroadcastState(FIGURES).get(timestamp);
                if (figures == null || valueRank == null || energyRank == null) {
                    LOG.warn(
                            "{} billed at {} without the fleet's figures",
                            step.customerId(),
                            timestamp);
                    return;
                }
                valued(
                        step.standing(),
                        figures,
                        rank(valueRank),
                        rank(energyRank),
                        timestamp,
                        ctx,
                        out);
            }
            case CHANGED -> reassessed(step.standing(), timestamp, ctx, out);
            case FORGOTTEN -> forget();
            case REMOVED -> removed(step, timestamp, ctx);
            default -> throw new IllegalStateException("not assessed: " + step.kind());
        }
    }

    private static double rank(ValueInput r) {
        return FleetFigures.rank(r.below(), r.equal(), r.n());
    }

    /** A month's bills are in: the customer against the new fleet. */
    private void valued(
            CustomerStanding s,
            FleetFigures figures,
            double valueRank,
            double energyRank,
            long timestamp,
            OnTimerContext ctx,
            Collector<SegmentChange> out)
            throws Exception {
        SegmentChange before = last(ctx.getCurrentKey()).record();
        var valuation = figures.valuation(s, valueRank, energyRank, model);
        SegmentChange now =
                figures.rule(model.segments())
                        .assess(
                                s,
                                valuation,
                                model.strategies(),
                                timestamp, // the billing: the month's end + the allowed lateness
                                before);
        record(now, before, out);
        keep(ctx.getCurrentKey(), now, timestamp);
        ctx.output(
                TALLIES,
                new TallyChange(
                        s.areaId(),
                        timestamp,
                        TallyChange.Kind.BILLED,
                        -1,
                        cell(now),
                        s.revenue12Fen(),
                        // A customer served at a loss brings no profit to share: 0 in the 80/20
                        // and Gini (negative amounts have no share; docs/value.md).
                        Math.max(0, valuation.valueFen()),
                        timestamp));
    }

    /**
     * A credit change between billings: the same rule and values, the new credit. A customer not
     * valued yet waits for the next billing.
     */
    private void reassessed(
            CustomerStanding s, long timestamp, OnTimerContext ctx, Collector<SegmentChange> out)
            throws Exception {
        LastAssessment last = last(ctx.getCurrentKey());
        SegmentChange before = last.record();
        if (s.monthClose() || before == null || before.why() == null) {
            // not valued yet (or valued by a version without the reasons): the next billing will
            return;
        }
        SegmentReasons why = before.why();
        SegmentChange now =
                new SegmentRule(
                                why.highThresholdFen(),
                                why.moderateThresholdFen(),
                                model.segments())
                        .assess(s, why.valuation(), model.strategies(), s.tsMillis(), before);
        record(now, before, out);
        keep(ctx.getCurrentKey(), now, last.valuedAt());
        if (now.segment() != before.segment() || now.creditGrade() != before.creditGrade()) {
            // 12-month revenue only changes with a bill, and bills come with a billing: the
            // revenue counted for this customer is still s.revenue12Fen(). A customer moved to
            // another area since the billing is counted there from now on; its old area keeps it
            // until the next billing makes every tally anew.
            ctx.output(
                    TALLIES,
                    new TallyChange(
                            s.areaId(),
                            timestamp,
                            TallyChange.Kind.MOVED,
                            cell(before),
                            cell(now),
                            s.revenue12Fen(),
                            0,
                            last.valuedAt()));
        }
    }

    /**
     * The customer was removed from the master: it leaves the fleet, and the tally of the area of
     * its last standing, at the end of the removal's quarter hour.
     */
    private void removed(ValueInput removal, long timestamp, OnTimerContext ctx) throws Exception {
        LastAssessment assessed = last(ctx.getCurrentKey());
        SegmentChange before = assessed.record();
        Long valued = assessed.valuedAt();
        forget();
        CustomerStanding last = removal.standing();
        if (last == null || before == null || valued == null) {
            return;
        }
        ctx.output(
                TALLIES,
                new TallyChange(
                        last.areaId(),
                        timestamp,
                        TallyChange.Kind.REMOVED,
                        cell(before),
                        -1,
                        last.revenue12Fen(),
                        0,
                        valued));
    }

    /** Sends the customer's new assessment if it is news against {@code before}. */
    private static void record(
            SegmentChange now, SegmentChange before, Collector<SegmentChange> out) {
        if (now.changesFrom(before)) {
            out.collect(now);
        }
    }

    private static int cell(SegmentChange c) {
        return SegmentTally.cell(c.segment(), c.creditGrade());
    }
}
