package org.gridwatch.simulator;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.event.Source;

/** Keeps every record in the order the simulator produced it. */
final class RecordingSink implements FleetSink {
    record Input(Source source, String key, long eventMillis, String json) {}

    final List<Input> inputs = new ArrayList<>();
    final List<String> truth = new ArrayList<>();
    boolean closed;

    @Override
    public void input(Source source, String key, long eventMillis, String json) {
        inputs.add(new Input(source, key, eventMillis, json));
    }

    @Override
    public void truth(String json) {
        truth.add(json);
    }

    @Override
    public void close() {
        closed = true;
    }
}
