package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.gridwatch.core.detect.DayReport;

/**
 * Judged days gathered by the instant they close (all of a key's days of one date close at the same
 * instant), until event time passes it: one event-time timer per instant. A day arriving behind
 * event time waits for the next millisecond. Keyed state of the operator that holds it ({@link
 * ClassPeers}, {@link AreaWatch}).
 */
final class ClosingDays {
    private final MapState<Long, List<DayReport>> waiting;

    /**
     * @param stateName the state's name in the operator (kept across versions for savepoints)
     */
    ClosingDays(RuntimeContext ctx, String stateName) {
        waiting =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                stateName, Types.LONG, Types.LIST(Types.POJO(DayReport.class))));
    }

    /** Keeps {@code day} until event time passes its closing instant. */
    void add(DayReport day, TimerService timers) throws Exception {
        long at = Math.max(day.closedAtMillis(), timers.currentWatermark() + 1);
        List<DayReport> due = waiting.get(at);
        if (due == null) {
            due = new ArrayList<>();
            timers.registerEventTimeTimer(at);
        }
        due.add(day);
        waiting.put(at, due);
    }

    /**
     * The days that waited for {@code timestamp}, in customer order (a replay's order, whatever
     * order they came in), and forgets them; null if none did.
     */
    List<DayReport> take(long timestamp) throws Exception {
        List<DayReport> due = waiting.get(timestamp);
        if (due == null) {
            return null;
        }
        waiting.remove(timestamp);
        due.sort(Comparator.comparing(DayReport::customerId));
        return due;
    }
}
