package org.gridwatch.jobs.io;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.TheftScore;

/**
 * Keeps each customer's latest theft score and emits it when the input ends (the watermark reaches
 * its maximum), so that a replay's {@code theft-scores.jsonl} holds one line per customer, as its
 * {@code segments.jsonl} does ({@link LastPerCustomer}). On an unbounded input nothing is emitted;
 * there every score goes to the topic instead.
 */
final class LastTheftScore extends KeyedProcessFunction<String, TheftScore, TheftScore> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<TheftScore> last;

    @Override
    public void open(OpenContext openContext) {
        last =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-theft-score", Types.POJO(TheftScore.class)));
    }

    @Override
    public void processElement(TheftScore score, Context ctx, Collector<TheftScore> out)
            throws Exception {
        TheftScore before = last.value();
        if (before == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        // A customer who moved area has a score in each, published in turn: the later one is
        // its score now (the old area's case ended when it left). Two at one instant (not seen:
        // an area publishes at the close of a day the customer spent there) are told apart by
        // the area's id, so that every replay writes the same line.
        if (before == null
                || score.tsMillis() > before.tsMillis()
                || (score.tsMillis() == before.tsMillis()
                        && score.areaId().compareTo(before.areaId()) > 0)) {
            last.update(score);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TheftScore> out)
            throws Exception {
        TheftScore score = last.value();
        if (score != null) {
            out.collect(score);
        }
    }
}
