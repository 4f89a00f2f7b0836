package org.gridwatch.jobs.ops;

/**
 * Where one range starts in its distribution at a billing: from {@link RangeStarts} to the range's
 * {@link RangeRanking}.
 *
 * @param below how many of the distribution's values lie in lower ranges
 * @param n how many values the distribution has
 */
public record RangeStart(long atMillis, String distribution, long range, long below, long n) {

    public String rangeKey() {
        return rangeKey(distribution, range, atMillis);
    }

    static String rangeKey(String distribution, long range, long atMillis) {
        return distribution + "|" + range + "@" + atMillis;
    }
}
