package org.gridwatch.jobs.ops;

/**
 * A change of the system's metered energy in one quarter hour, micro-kWh: from one area × class's
 * load bucket, in the {@link Shards shard} of that area × class ({@link SystemLoadPartials} adds
 * each shard's up), or a shard's sum on its way to the system's {@link DailyPeakValley}.
 */
public record QuarterLoad(long bucketStart, long deltaMicroKwh, int shard) {

    /** A change that belongs to no shard in particular. */
    public QuarterLoad(long bucketStart, long deltaMicroKwh) {
        this(bucketStart, deltaMicroKwh, 0);
    }

    /** The first phase's key. */
    public String shardKey() {
        return Integer.toString(shard);
    }
}
