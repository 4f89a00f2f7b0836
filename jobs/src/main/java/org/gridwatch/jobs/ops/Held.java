package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;

/** Records held in keyed state until the instant they are due at, with a timer there. */
final class Held {
    private Held() {}

    /** Holds {@code item} until {@code atMillis}; the first item of an instant arms its timer. */
    static <T> void until(long atMillis, T item, MapState<Long, List<T>> held, TimerService timers)
            throws Exception {
        List<T> due = held.get(atMillis);
        if (due == null) {
            due = new ArrayList<>();
            timers.registerEventTimeTimer(atMillis);
        }
        due.add(item);
        held.put(atMillis, due);
    }

    /** What was held until {@code atMillis}, no longer held; null if nothing. */
    static <T> List<T> take(long atMillis, MapState<Long, List<T>> held) throws Exception {
        List<T> due = held.get(atMillis);
        if (due != null) {
            held.remove(atMillis);
        }
        return due;
    }
}
