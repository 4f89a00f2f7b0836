package org.gridwatch.jobs.ops;

/**
 * What changed in an area's reliability sums in one quarter hour, for one segment slot and month:
 * from {@link AreaReliability} to {@link FleetReliability}, which adds the areas up. Deltas add in
 * any order, so the fleet needs no area's whole state. A POJO for Flink.
 *
 * @param key the fleet key: a segment name, {@code NONE}, or {@code ALL}
 * @param slot the segment slot of the sums ({@code ReliabilityLedger})
 * @param month the month index of the interruptions, or -1 for a change of customers only
 * @param atMillis the area point's time; the fleet writes its points at the same instant
 */
public record ReliabilityDelta(
        String key,
        int slot,
        int month,
        long customers,
        long interruptions,
        double customerMinutes,
        long momentary,
        long atMillis) {}
