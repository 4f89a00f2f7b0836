package org.gridwatch.jobs.io;

import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Helpers for wiring streams. */
public final class Streams {
    private Streams() {}

    /** The streams merged into one; at least one is needed. */
    public static <T> DataStream<T> union(List<DataStream<T>> streams) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("no stream to merge");
        }
        DataStream<T> all = streams.get(0);
        for (int i = 1; i < streams.size(); i++) {
            all = all.union(streams.get(i));
        }
        return all;
    }
}
