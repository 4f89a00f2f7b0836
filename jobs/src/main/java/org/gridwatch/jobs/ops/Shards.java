package org.gridwatch.jobs.ops;

/**
 * The first phase of a two-phase aggregation: a key that would be one or a handful of keys (the
 * system, an input source, a customer class) is spread over {@link #COUNT} shards, each summed on
 * its own, so that the work and the state grow with parallelism; a small second phase, keyed by the
 * key itself, adds the shards' partials up.
 */
public final class Shards {
    /**
     * Enough for 32 subtasks per key to share the first phase. Partial sums add exactly, so the
     * count changes the cost only, never an output.
     */
    public static final int COUNT = 32;

    private Shards() {}

    /** The shard of something with an identity (an area × class, a customer). */
    public static int of(String id) {
        return Math.floorMod(id.hashCode(), COUNT);
    }
}
