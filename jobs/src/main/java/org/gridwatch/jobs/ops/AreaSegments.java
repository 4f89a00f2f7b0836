package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.Concentration;
import org.gridwatch.core.value.FleetFigures;
import org.gridwatch.core.value.FleetMeasure;
import org.gridwatch.core.value.SegmentTally;
import org.gridwatch.core.value.ValueBasis;

/**
 * Segments per area, keyed by area: the area's tally of segments × grades ({@link SegmentTally}),
 * made anew at each billing from its customers' assessments (with its {@code
 * revenue_concentration}, exact: an area's revenues are a few thousand numbers), changed in between
 * as customers move and leave, each change at the end of its quarter hour, in event time. At the
 * end of each quarter hour in which it changed, the area's {@code segments} points, and what it
 * adds to the fleet's to {@link #FLEET}. An area none of whose customers is valued at a billing has
 * no tally from then on (a customer moving in between starts a new one from zero). The billings
 * come broadcast from {@link FleetMonth}.
 */
public final class AreaSegments
        extends KeyedBroadcastProcessFunction<String, TallyChange, FleetFigures, MetricPoint> {
    private static final long serialVersionUID = 1L;

    /** The billings the fleet was valued at; each task has them all. */
    public static final MapStateDescriptor<Long, Boolean> BILLINGS =
            new MapStateDescriptor<>("fleet-valued-at", Types.LONG, Types.BOOLEAN);

    /** What each area adds to the fleet's tally. */
    public static final OutputTag<TallyDelta> FLEET =
            new OutputTag<>("segment-tally-deltas", Types.POJO(TallyDelta.class)) {};

    private final ValueBasis basis;
    private transient ValueState<AreaTally> book;
    private transient MapState<Long, List<TallyChange>> pending;

    public AreaSegments(ValueBasis basis) {
        this.basis = basis;
    }

    @Override
    public void open(OpenContext openContext) {
        book =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "area-tally", Types.POJO(AreaTally.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "tally-changes-by-quarter",
                                        Types.LONG,
                                        Types.LIST(Types.POJO(TallyChange.class))));
    }

    @Override
    public void processElement(TallyChange c, ReadOnlyContext ctx, Collector<MetricPoint> out)
            throws Exception {
        Held.until(c.atMillis(), c, pending, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(
            FleetFigures figures, Context ctx, Collector<MetricPoint> out) throws Exception {
        var billings = ctx.getBroadcastState(BILLINGS);
        billings.put(figures.billedAt(), true);
        Billing.forgetOld(billings, ctx.currentWatermark());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        List<TallyChange> changes = Held.take(timestamp, pending);
        if (changes == null) {
            return;
        }
        if (ctx.getBroadcastState(BILLINGS).contains(timestamp)) {
            valued(changes, timestamp, ctx, out);
        } else {
            moved(changes, timestamp, ctx, out);
        }
    }

    /** A billing: the tally made anew from the customers valued in the area. */
    private void valued(
            List<TallyChange> changes,
            long timestamp,
            OnTimerContext ctx,
            Collector<MetricPoint> out)
            throws Exception {
        SegmentTally tally = new SegmentTally();
        List<Long> revenues = new ArrayList<>();
        List<Long> margins = new ArrayList<>();
        for (TallyChange c : changes) {
            if (c.kind() == TallyChange.Kind.BILLED) {
                tally.add(c.toCell(), c.revenueFen());
                revenues.add(c.revenueFen());
                margins.add(c.marginFen());
            }
        }
        if (revenues.isEmpty()) {
            // Only customers who left: the area has no tally any more.
            book.clear();
            return;
        }
        book.update(new AreaTally(tally, tally.copy(), timestamp));
        String area = ctx.getCurrentKey();
        ValuePoints.segments(area, tally, timestamp).forEach(out::collect);
        out.collect(
                ValuePoints.concentration(
                        area,
                        concentration(revenues),
                        basis.isMargin() ? concentration(margins) : null,
                        timestamp));
        ctx.output(FLEET, new TallyDelta(timestamp, true, tally.copy()));
    }

    /**
     * Between billings: customers removed, out of the tally they were counted in (not out of one
     * made since without them), and customers whose segment or grade changed. Customers removed
     * from an area without a tally change nothing.
     */
    private void moved(
            List<TallyChange> changes,
            long timestamp,
            OnTimerContext ctx,
            Collector<MetricPoint> out)
            throws Exception {
        long billing = latestBilling(ctx.getBroadcastState(BILLINGS), timestamp);
        AreaTally b = current(book.value(), billing);
        boolean changed = false;
        for (TallyChange c : changes) {
            if (c.kind() == TallyChange.Kind.REMOVED && b != null) {
                if (b.asOfMillis == c.valuedAtMillis()) {
                    b.tally.remove(c.fromCell(), c.revenueFen());
                }
                changed = true;
            }
        }
        for (TallyChange c : changes) {
            if (c.kind() == TallyChange.Kind.MOVED) {
                if (b == null) {
                    b = new AreaTally(new SegmentTally(), new SegmentTally(), billing);
                }
                b.tally.remove(c.fromCell(), c.revenueFen());
                b.tally.add(c.toCell(), c.revenueFen());
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        SegmentTally delta = b.tally.minus(b.sent);
        b.sent = b.tally.copy();
        book.update(b);
        ValuePoints.segments(ctx.getCurrentKey(), b.tally, timestamp).forEach(out::collect);
        ctx.output(FLEET, new TallyDelta(timestamp, false, delta));
    }

    /** The area's tally, unless a billing after it valued none of the area's customers. */
    private static AreaTally current(AreaTally b, long latestBilling) {
        return b != null && b.asOfMillis >= latestBilling ? b : null;
    }

    /** The latest billing at or before {@code millis}; {@link Long#MIN_VALUE} if none. */
    private static long latestBilling(ReadOnlyBroadcastState<Long, Boolean> billings, long millis)
            throws Exception {
        long latest = Long.MIN_VALUE;
        for (var b : billings.immutableEntries()) {
            if (b.getKey() <= millis) {
                latest = Math.max(latest, b.getKey());
            }
        }
        return latest;
    }

    private static Concentration concentration(List<Long> amounts) {
        return Concentration.of(
                amounts.stream().mapToLong(Long::longValue).toArray(),
                FleetMeasure.TOP_SHARE_PERCENT);
    }
}
