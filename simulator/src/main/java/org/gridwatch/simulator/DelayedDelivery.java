package org.gridwatch.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.event.Source;

/**
 * Readings held back by the head-end (late readings, second copies of duplicates, energy sent again
 * in other intervals; of meters or areas), released at the end of a later quarter hour. A ring of
 * one list per quarter hour: holding and releasing cost nothing for the 99% of readings that are
 * delivered on time.
 */
final class DelayedDelivery {

    private record Held(Source source, String key, long eventMillis, String json) {}

    private final List<List<Held>> ring;
    private long held;

    /**
     * @param maxDelayQuarters the longest delay that will be asked for, in quarter hours
     */
    DelayedDelivery(int maxDelayQuarters) {
        int size = maxDelayQuarters + 1;
        ring = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ring.add(new ArrayList<>());
        }
    }

    /** Holds a reading until the end of quarter {@code releaseQuarter} (at most the max ahead). */
    void hold(long releaseQuarter, Source source, String key, long eventMillis, String json) {
        ring.get(slot(releaseQuarter)).add(new Held(source, key, eventMillis, json));
        held++;
    }

    /** Sends what is due at the end of {@code quarter}, in the order it was held. */
    long release(long quarter, FleetSink sink) throws IOException {
        List<Held> due = ring.get(slot(quarter));
        if (due.isEmpty()) {
            return 0;
        }
        for (Held h : due) {
            sink.input(h.source(), h.key(), h.eventMillis(), h.json());
        }
        long n = due.size();
        held -= n;
        due.clear();
        return n;
    }

    /** At the end of the simulation: sends all that is still held, in release order. */
    long releaseAll(long fromQuarter, FleetSink sink) throws IOException {
        long n = 0;
        for (long q = fromQuarter; held > 0; q++) {
            n += release(q, sink);
        }
        return n;
    }

    private int slot(long quarter) {
        return (int) Math.floorMod(quarter, (long) ring.size());
    }
}
