package org.gridwatch.simulator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gridwatch.core.event.Source;

/** Keeps every record in the order the simulator produced it (or every one not skipped). */
final class RecordingSink implements FleetSink {
    record Input(Source source, String key, long eventMillis, String json) {}

    final List<Input> inputs = new ArrayList<>();
    final List<String> truth = new ArrayList<>();
    private final Set<Source> skipped;
    boolean closed;

    RecordingSink() {
        this.skipped = EnumSet.noneOf(Source.class);
    }

    /** Keeps nothing of {@code skipped}: for big fleets whose readings would not fit in memory. */
    RecordingSink(Set<Source> skipped) {
        this.skipped = EnumSet.copyOf(skipped);
    }

    @Override
    public void input(Source source, String key, long eventMillis, String json) {
        if (!skipped.contains(source)) {
            inputs.add(new Input(source, key, eventMillis, json));
        }
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
