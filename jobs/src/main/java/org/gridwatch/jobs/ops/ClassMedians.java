package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.detect.DeviationHistogram;
import org.gridwatch.core.detect.PeerGroup;

/**
 * The class median's second phase, keyed by the class's day ({@link ClassSketch#dayKey}): the
 * shards' histograms merged as they come, and when event time reaches the day's close, the class's
 * median deviation ({@link PeerGroup#classMedian}) sent to every {@link ClassPeers} task; nothing
 * when too few were judged. Holds one histogram a class while its day is open.
 */
public final class ClassMedians extends KeyedProcessFunction<String, ClassSketch, ClassMedian> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<DeviationHistogram> merged;

    @Override
    public void open(OpenContext openContext) {
        merged =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "merged-deviations", Types.POJO(DeviationHistogram.class)));
    }

    @Override
    public void processElement(ClassSketch s, Context ctx, Collector<ClassMedian> out)
            throws Exception {
        DeviationHistogram before = merged.value();
        merged.update(before == null ? s.days() : before.merge(s.days()));
        ctx.timerService().registerEventTimeTimer(s.closedAtMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClassMedian> out)
            throws Exception {
        DeviationHistogram day = merged.value();
        merged.clear();
        double[] median = day == null ? null : PeerGroup.classMedian(day);
        if (median != null) {
            String key = ctx.getCurrentKey();
            out.collect(new ClassMedian(key.substring(0, key.lastIndexOf('@')), timestamp, median));
        }
    }
}
