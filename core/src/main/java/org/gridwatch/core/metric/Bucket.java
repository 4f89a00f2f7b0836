package org.gridwatch.core.metric;

/**
 * The dashboards' time grain: 15-minute event-time buckets, aligned to the epoch (and so to local
 * quarter hours in every zone whose offset is a whole number of quarter hours, China's included). A
 * point carries the START of its bucket.
 */
public final class Bucket {
    public static final long MILLIS = 15 * 60_000L;

    /** Average kW over a bucket from the kWh in it. */
    public static final double HOURS = 0.25;

    private Bucket() {}

    /** A local day in milliseconds: the utility's zone is taken at its fixed offset. */
    public static final long DAY_MILLIS = 86_400_000L;

    /** The quarter hours of a local day. */
    public static final int QUARTERS_A_DAY = (int) (DAY_MILLIS / MILLIS);

    /**
     * The first instant of the local day an instant falls in, the zone at its fixed offset ({@code
     * EventTime.fixedOffset}, in milliseconds): the day the load per area and the system's peak and
     * valley both group by.
     */
    public static long localDayStart(long epochMillis, long offsetMillis) {
        return Math.floorDiv(epochMillis + offsetMillis, DAY_MILLIS) * DAY_MILLIS - offsetMillis;
    }

    /** The start of the bucket an instant falls in. */
    public static long startOf(long epochMillis) {
        return Math.floorDiv(epochMillis, MILLIS) * MILLIS;
    }

    /**
     * The event time at which a bucket closes for good: its end plus the allowed lateness (the last
     * millisecond of the bucket, as watermarks say "nothing at or before this time is still
     * coming"). Everything that must agree on what was too late — the load buckets and the bills —
     * asks here.
     */
    public static long closesAt(long bucketStart, long latenessMillis) {
        return bucketStart + MILLIS - 1 + latenessMillis;
    }

    /**
     * How many quarter hours an interval reading covers; its energy is shared evenly among them. A
     * 60-minute reading of 4 kWh is 1 kWh in each of its four quarter hours: a meter that
     * integrates over an hour says nothing about the shape inside it, so the even split is the
     * honest one, and it keeps the day's total exact.
     */
    public static int quarters(int intervalMinutes) {
        return Math.max(1, intervalMinutes / 15);
    }

    /**
     * Energy as whole micro-kWh for summing. Integer sums do not depend on the order records arrive
     * in, so a Kafka run (partitions interleave) and a file replay give bit-identical points; a
     * micro-kWh (1 mWh / 1000) is far below what any meter resolves.
     */
    public static long microKwh(double kwh) {
        return Math.round(kwh * 1e6);
    }

    public static double kwhOf(long microKwh) {
        return microKwh / 1e6;
    }

    /**
     * Piece {@code i} of {@code n} of a total: equal shares, the remainder going to the first
     * pieces, so the pieces always add up to the total exactly.
     */
    public static long share(long total, int n, int i) {
        if (n == 1) {
            return total; // a quarter-hour reading: no division (two a reading, twice a reading)
        }
        long base = Math.floorDiv(total, n);
        long remainder = Math.floorMod(total, n);
        return base + (i < remainder ? 1 : 0);
    }
}
