package org.gridwatch.jobs.ops;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.PeerGroup;

/**
 * The customers' judged days of one class across the fleet, keyed by class: the days closing at the
 * same instant are gathered until event time passes it, then each is sent on with the class's
 * median deviation of that day ({@link PeerGroup#withClassMedian}), for the area's theft watch to
 * use where the class is too small in the area ({@link PeerGroup#netOfPeers}).
 *
 * <p>Parallelism is the number of classes (seven), and one task holds a class's day of reports
 * until it closes (about 200 B a customer): fine to a few million customers, a one-key operator to
 * replace with a mergeable median sketch beyond (docs/operations.md).
 */
public final class ClassPeers extends KeyedProcessFunction<String, DayReport, DayReport> {
    private static final long serialVersionUID = 1L;

    private transient ClosingDays days;

    @Override
    public void open(OpenContext openContext) {
        days = new ClosingDays(getRuntimeContext(), "class-days");
    }

    @Override
    public void processElement(DayReport day, Context ctx, Collector<DayReport> out)
            throws Exception {
        days.add(day, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DayReport> out)
            throws Exception {
        List<DayReport> due = days.take(timestamp);
        if (due == null) {
            return;
        }
        for (DayReport d : PeerGroup.withClassMedian(due)) {
            out.collect(d);
        }
    }
}
