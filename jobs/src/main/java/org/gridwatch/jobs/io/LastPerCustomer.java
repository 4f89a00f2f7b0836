package org.gridwatch.jobs.io;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.SegmentChange;

/**
 * Keeps each customer's latest segment record and emits it when the input ends (the watermark
 * reaches its maximum), so that a replay's segments.jsonl holds one line per customer. On an
 * unbounded input nothing is emitted; there every change goes to the topic instead.
 */
final class LastPerCustomer extends KeyedProcessFunction<String, SegmentChange, SegmentChange> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<SegmentChange> last;

    @Override
    public void open(OpenContext openContext) {
        last =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-segment", Types.POJO(SegmentChange.class)));
    }

    @Override
    public void processElement(SegmentChange change, Context ctx, Collector<SegmentChange> out)
            throws Exception {
        if (last.value() == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        last.update(change);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SegmentChange> out)
            throws Exception {
        SegmentChange change = last.value();
        if (change != null) {
            out.collect(change);
        }
    }
}
