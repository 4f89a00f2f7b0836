package org.gridwatch.jobs.ops;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.jobs.io.Arrival;

/**
 * Right after a source: usable records go on, rejected ones (parse errors, {@code
 * FUTURE_TIMESTAMP}) to {@link Rejections#REJECTED} with their reason and text.
 */
public final class SplitArrivals<T> extends ProcessFunction<Arrival<T>, T> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public SplitArrivals(InputKind<T> kind) {
        this.topic = kind.topic();
    }

    @Override
    public void processElement(Arrival<T> a, Context ctx, Collector<T> out) {
        if (a.isUsable()) {
            out.collect(a.value);
        } else {
            ctx.output(
                    Rejections.REJECTED,
                    new Rejected(topic, a.reason, a.detail, a.raw, a.eventMillis));
        }
    }
}
