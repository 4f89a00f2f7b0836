package org.gridwatch.core.value;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many of a month's values fell in each range of each distribution: the counts of every part of
 * the fleet added up (they add in any order), then read in ascending order to tell each range how
 * many values lie below it. A few thousand numbers, whatever the size of the fleet.
 */
public final class RangeCounts {

    private final Map<String, TreeMap<Long, Long>> counts = new TreeMap<>();

    public void add(String distribution, long range, long count) {
        counts.computeIfAbsent(distribution, d -> new TreeMap<>()).merge(range, count, Long::sum);
    }

    /** What a range needs to place its values in the fleet. */
    public interface Start {
        /**
         * @param below how many of the distribution's values lie in lower ranges
         * @param n how many values the distribution has
         */
        void range(String distribution, long range, long below, long n);
    }

    /** Each range with a value, ascending within each distribution. */
    public void forEachRange(Start start) {
        counts.forEach(
                (distribution, ranges) -> {
                    long n = 0;
                    for (long c : ranges.values()) {
                        n += c;
                    }
                    long below = 0;
                    for (Map.Entry<Long, Long> r : ranges.entrySet()) {
                        start.range(distribution, r.getKey(), below, n);
                        below += r.getValue();
                    }
                });
    }
}
