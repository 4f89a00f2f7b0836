package org.gridwatch.jobs.ops;

/**
 * A class's median deviation across the fleet of the days closing at {@code closedAtMillis} ({@link
 * ClassMedians}); sent only when enough were judged for a median.
 */
public record ClassMedian(String customerClass, long closedAtMillis, double[] medianZ) {

    /** The class's day: how the median is found again ({@link ClassPeers}). */
    public static String key(String customerClass, long closedAtMillis) {
        return customerClass + "@" + closedAtMillis;
    }

    public String key() {
        return key(customerClass, closedAtMillis);
    }
}
