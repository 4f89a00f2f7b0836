package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.DeviationHistogram;

/**
 * The class median's first phase, keyed by class × {@link Shards shard} of the customer × the
 * instant the day closes ({@link #key}): the deviations of the shard's scored days, kept until
 * event time reaches the close, then sent on as one {@link DeviationHistogram} to {@link
 * ClassMedians}. A day that arrives after its close counts in no class median. Each task holds its
 * shards' deviations of the open day (about 70 bytes a judged customer).
 */
public final class ClassDeviations extends KeyedProcessFunction<String, DayReport, ClassSketch> {
    private static final long serialVersionUID = 1L;

    private transient ListState<double[]> deviations;

    /** The first phase's key: class, shard, the day's close. */
    public static String key(DayReport d) {
        return d.customerClass() + "#" + Shards.of(d.customerId()) + "@" + d.closedAtMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        deviations =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "deviations",
                                        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(DayReport day, Context ctx, Collector<ClassSketch> out)
            throws Exception {
        // only the scored days count, as in PeerGroup.classDeviations
        if (!day.scored() || day.closedAtMillis() <= ctx.timerService().currentWatermark()) {
            return;
        }
        deviations.add(day.z());
        ctx.timerService().registerEventTimeTimer(day.closedAtMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClassSketch> out)
            throws Exception {
        List<double[]> members = new ArrayList<>();
        for (double[] z : deviations.get()) {
            members.add(z);
        }
        deviations.clear();
        String key = ctx.getCurrentKey();
        out.collect(
                new ClassSketch(
                        key.substring(0, key.indexOf('#')),
                        timestamp,
                        DeviationHistogram.of(members)));
    }
}
