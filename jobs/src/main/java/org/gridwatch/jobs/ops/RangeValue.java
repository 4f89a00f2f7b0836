package org.gridwatch.jobs.ops;

/**
 * One billed customer's value in one of the fleet's distributions at a billing ({@code
 * FleetMeasure.Value}), from {@link CustomerValue} to the counts per range and to its range.
 *
 * @param atMillis the billing
 * @param customerId whose value it is
 * @param key the value, compared as a long
 */
public record RangeValue(
        long atMillis, String distribution, long range, String customerId, long key) {

    /** The range's key in the month: distribution, range and billing. */
    public String rangeKey() {
        return RangeStart.rangeKey(distribution, range, atMillis);
    }

    /** The counts' key: a shard of customers and the billing. */
    public String shardKey() {
        return Shards.of(customerId) + "@" + atMillis;
    }
}
