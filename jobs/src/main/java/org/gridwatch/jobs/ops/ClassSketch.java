package org.gridwatch.jobs.ops;

import org.gridwatch.core.detect.DeviationHistogram;

/**
 * The deviations of one shard's judged days of a class, closing at {@code closedAtMillis} ({@link
 * ClassDeviations}), on their way to be merged per class ({@link ClassMedians}).
 */
public record ClassSketch(String customerClass, long closedAtMillis, DeviationHistogram days) {

    /** The second phase's key: the class's day. */
    public String dayKey() {
        return ClassMedian.key(customerClass, closedAtMillis);
    }
}
