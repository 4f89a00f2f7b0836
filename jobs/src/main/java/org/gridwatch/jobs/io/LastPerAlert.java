package org.gridwatch.jobs.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the latest version of every alert id and, when the input ends (the watermark reaches its
 * maximum), emits their JSON lines ranked by {@link AlertLine#RANKED}, so that a replay's
 * alerts.jsonl holds one line per alert in the same order every time. All alerts share one key
 * (they are few: one per suspicious customer and type). On an unbounded input nothing is emitted;
 * there every version goes to the topic instead.
 */
final class LastPerAlert extends KeyedProcessFunction<String, AlertLine, String> {
    private static final long serialVersionUID = 1L;

    private transient MapState<String, AlertLine> last;
    private transient ValueState<Boolean> armed;

    @Override
    public void open(OpenContext openContext) {
        last =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "last-alert", Types.STRING, Types.POJO(AlertLine.class)));
        armed =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("end-timer", Types.BOOLEAN));
    }

    @Override
    public void processElement(AlertLine line, Context ctx, Collector<String> out)
            throws Exception {
        if (armed.value() == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            armed.update(true);
        }
        // Versions of one alert come in order; should one overtake another, the later ts wins.
        AlertLine kept = last.get(line.alertId);
        if (kept == null || kept.tsMillis <= line.tsMillis) {
            last.put(line.alertId, line);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out)
            throws Exception {
        List<AlertLine> lines = new ArrayList<>();
        last.values().forEach(lines::add);
        lines.sort(AlertLine.RANKED);
        lines.forEach(line -> out.collect(line.json));
    }
}
