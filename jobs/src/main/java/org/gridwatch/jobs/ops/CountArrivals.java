package org.gridwatch.jobs.ops;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts each usable record of a stream, right after its watermarks are assigned, and marks those
 * that arrived behind the watermark: late records still count in the results (up to the allowed
 * lateness) but operations want to see how many there are.
 */
public final class CountArrivals<T> extends ProcessFunction<T, IngestCount> {
    private static final long serialVersionUID = 1L;

    private final InputKind<T> kind;

    public CountArrivals(InputKind<T> kind) {
        this.kind = kind;
    }

    @Override
    public void processElement(T value, Context ctx, Collector<IngestCount> out) {
        long t = kind.eventTime().of(value);
        boolean late = t != Long.MIN_VALUE && t < ctx.timerService().currentWatermark();
        out.collect(IngestCount.read(kind.source().topic(), t, late));
    }
}
