package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.PeerGroup;

/**
 * The customers' judged days, keyed by area, each told its class's median deviation across the
 * fleet ({@link DayReport#withClassMedian}), for the area's theft watch to use where the class is
 * too small in the area ({@link PeerGroup#netOfPeers}). The medians come from the two-phase {@link
 * ClassDeviations} → {@link ClassMedians} as broadcast state; a day waits here until event time
 * reaches its close, by when its class's median has arrived (it is sent before the watermark that
 * closes the day). A day that arrives after its close goes on without one, as does a day of a class
 * with fewer than {@link PeerGroup#MIN_MEMBERS} judged.
 *
 * <p>Keyed by area, so each task holds its areas' open day of reports (about 200 B a customer), and
 * the broadcast state the medians of the days not yet closed here (one or two per class).
 */
public final class ClassPeers
        extends KeyedBroadcastProcessFunction<String, DayReport, ClassMedian, DayReport> {
    private static final long serialVersionUID = 1L;

    /** The classes' medians by {@link ClassMedian#key}. */
    public static final MapStateDescriptor<String, double[]> MEDIANS =
            new MapStateDescriptor<>(
                    "class-medians",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);

    private transient ClosingDays days;

    @Override
    public void open(OpenContext openContext) {
        days = new ClosingDays(getRuntimeContext(), "class-days");
    }

    @Override
    public void processElement(DayReport day, ReadOnlyContext ctx, Collector<DayReport> out)
            throws Exception {
        days.add(day, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(ClassMedian m, Context ctx, Collector<DayReport> out)
            throws Exception {
        BroadcastState<String, double[]> medians = ctx.getBroadcastState(MEDIANS);
        medians.put(m.key(), m.medianZ());
        // A median is needed until event time here passes its close (the days waiting for it go
        // on then; a day arriving later goes on without one), not until some newer median comes:
        // the medians' input can run days ahead of the days' when the days' channel is
        // backpressured, and a median dropped by the newer ones' arrival made a day's peers depend
        // on timing. Which medians each task still holds may differ, but only in ones none of its
        // waiting days can ask for.
        long passed = ctx.currentWatermark();
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, double[]> e : medians.entries()) {
            long closedAt = Long.parseLong(e.getKey().substring(e.getKey().lastIndexOf('@') + 1));
            if (closedAt <= passed) {
                old.add(e.getKey());
            }
        }
        for (String key : old) {
            medians.remove(key);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DayReport> out)
            throws Exception {
        List<DayReport> due = days.take(timestamp);
        if (due == null) {
            return;
        }
        ReadOnlyBroadcastState<String, double[]> medians = ctx.getBroadcastState(MEDIANS);
        for (DayReport d : due) {
            boolean onTime = d.closedAtMillis() == timestamp;
            double[] median =
                    onTime ? medians.get(ClassMedian.key(d.customerClass(), timestamp)) : null;
            out.collect(d.withClassMedian(median));
        }
    }
}
