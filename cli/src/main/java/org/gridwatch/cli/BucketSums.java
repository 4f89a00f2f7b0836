package org.gridwatch.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals of counting series (records per source, rejections per reason) over all their 15-minute
 * buckets. The job emits a bucket again when a late record changes it; the new point replaces the
 * old one, as in InfluxDB, so a total is the sum of each bucket's latest point, not of every point.
 * Not thread-safe.
 */
final class BucketSums {

    private final String[] fields;
    private final Map<String, Map<Long, double[]>> latest = new HashMap<>();
    private final Map<String, double[]> sums = new TreeMap<>();

    BucketSums(String... fields) {
        this.fields = fields;
    }

    /** The point of {@code series} for the bucket at {@code bucketStart}, replacing any earlier. */
    void put(String series, long bucketStart, double... values) {
        double[] previous =
                latest.computeIfAbsent(series, s -> new HashMap<>()).put(bucketStart, values);
        double[] sum = sums.computeIfAbsent(series, s -> new double[fields.length]);
        for (int i = 0; i < fields.length; i++) {
            sum[i] += values[i] - (previous == null ? 0 : previous[i]);
        }
    }

    /** The field names, in the order of {@link #put}'s values. */
    String[] fields() {
        return fields.clone();
    }

    /** Each series' totals, in the order of {@link #fields()}. */
    Map<String, double[]> totals() {
        Map<String, double[]> copy = new TreeMap<>();
        sums.forEach((series, sum) -> copy.put(series, sum.clone()));
        return copy;
    }

    /**
     * Forgets the points of buckets before {@code bucketStart}, keeping them in the totals: the job
     * no longer changes a bucket once its allowed lateness has passed.
     */
    void settleBefore(long bucketStart) {
        for (Map<Long, double[]> buckets : latest.values()) {
            buckets.keySet().removeIf(start -> start < bucketStart);
        }
    }
}
