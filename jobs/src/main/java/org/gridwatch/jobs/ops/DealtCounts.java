package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Counts each record of a stream for the ingest metrics and deals the counts round-robin over the
 * source's {@link Shards}, so that no one subtask adds up all the readings ({@link
 * IngestPartials}). Which shard a count lands in changes nothing in the sums.
 */
public final class DealtCounts<T> implements MapFunction<T, IngestCount> {
    private static final long serialVersionUID = 1L;

    private final SerializableFunction<T, IngestCount> count;
    private int next;

    public DealtCounts(SerializableFunction<T, IngestCount> count) {
        this.count = count;
    }

    @Override
    public IngestCount map(T record) {
        next = (next + 1) % Shards.COUNT;
        return count.apply(record).inShard(next);
    }
}
