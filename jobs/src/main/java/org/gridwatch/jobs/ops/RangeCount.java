package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.state.MapState;

/**
 * How many values of one range a shard of customers gave at a billing: from {@link
 * RangeCountPartials} to {@link RangeStarts}.
 */
public record RangeCount(long atMillis, String distribution, long range, long count) {

    /** The month's key: its billing. */
    public String monthKey() {
        return Long.toString(atMillis);
    }

    /** A range's name in a month's state: distribution and range. */
    private static String name(String distribution, long range) {
        return distribution + "|" + range;
    }

    /** Adds {@code count} to a range's count in a month's state. */
    static void add(MapState<String, Long> counts, String distribution, long range, long count)
            throws Exception {
        String name = name(distribution, range);
        Long before = counts.get(name);
        counts.put(name, before == null ? count : before + count);
    }

    /** The count of the range {@link #name} named. */
    static RangeCount of(long atMillis, String name, long count) {
        int bar = name.lastIndexOf('|');
        return new RangeCount(
                atMillis, name.substring(0, bar), Long.parseLong(name.substring(bar + 1)), count);
    }
}
