package org.gridwatch.jobs.ops;

import org.apache.flink.util.OutputTag;
import org.gridwatch.core.event.Rejected;

/**
 * The side output every operator puts the records it cannot use on, with their reason: a bad record
 * never throws (which would restart the job) and is never dropped silently.
 */
public final class Rejections {
    private Rejections() {}

    public static final OutputTag<Rejected> REJECTED = new OutputTag<>("rejected") {};

    /** The detail of a reading rejected {@code TOO_LATE} because its quarter hours closed. */
    public static final String QUARTER_CLOSED =
            "its 15 minutes closed: event time passed them by more than the allowed lateness";
}
