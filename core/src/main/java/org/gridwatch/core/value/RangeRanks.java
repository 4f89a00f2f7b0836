package org.gridwatch.core.value;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One range of a distribution, sorted and placed in the fleet by the number of values below it
 * ({@link RangeCounts}): each customer's exact place (the values below it in the whole fleet and
 * those equal to it, all of which share its range), the values at the positions the month's figures
 * read, and the range's part of the concentration sums. Together, the ranges of a distribution give
 * exactly what sorting the whole distribution in one place gives.
 */
public final class RangeRanks {

    private final long below;
    private final long n;
    private final long[] sorted;
    private final String[] ids;

    private RangeRanks(long below, long n, long[] sorted, String[] ids) {
        this.below = below;
        this.n = n;
        this.sorted = sorted;
        this.ids = ids;
    }

    /**
     * @param below how many of the distribution's values lie in lower ranges
     * @param n how many values the distribution has
     * @param keys the range's values ({@link FleetMeasure.Value#key}), in any order
     * @param ids whose value each is (entries may be null where no one is told its rank)
     */
    public static RangeRanks of(long below, long n, long[] keys, String[] ids) {
        if (keys.length != ids.length) {
            throw new IllegalArgumentException("a customer for each value");
        }
        if (below < 0 || below + keys.length > n) {
            throw new IllegalArgumentException(
                    keys.length + " values above " + below + " do not fit in " + n);
        }
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.<Integer>comparingLong(i -> keys[i])
                        .thenComparing(i -> ids[i], Comparator.nullsFirst(String::compareTo)));
        long[] sorted = new long[keys.length];
        String[] sortedIds = new String[keys.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = keys[order[i]];
            sortedIds[i] = ids[order[i]];
        }
        return new RangeRanks(below, n, sorted, sortedIds);
    }

    /** A customer's place in the whole distribution. */
    public interface Rank {
        /**
         * @param below how many values of the distribution are smaller than the customer's
         * @param equal how many are equal to it, its own included
         */
        void of(String customerId, long below, long equal);
    }

    /** Tells each customer of the range (with an id) its place. */
    public void forEachRank(Rank rank) {
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            for (int k = i; k < j; k++) {
                if (ids[k] != null) {
                    rank.of(ids[k], below + i, j - i);
                }
            }
            i = j;
        }
    }

    /**
     * What the range gives the month's figures: the values at {@code positions} that fall in it,
     * and its concentration sums as {@code concentrated} says.
     */
    public RangeFindings findings(
            String distribution, long[] positions, FleetMeasure.Concentrated concentrated) {
        long[] found = Arrays.stream(positions).filter(this::holds).toArray();
        long[] keys = new long[found.length];
        for (int i = 0; i < found.length; i++) {
            keys[i] = sorted[(int) (found[i] - below)];
        }
        ConcentrationSums sums =
                switch (concentrated) {
                    case NO -> ConcentrationSums.NONE;
                    case AS_IS -> sums(false);
                    case FROM_ZERO -> sums(true);
                };
        return new RangeFindings(distribution, n, found, keys, sums);
    }

    private boolean holds(long position) {
        return position >= below && position < below + sorted.length;
    }

    private ConcentrationSums sums(boolean fromZero) {
        long[] amounts = sorted.clone();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] < 0) {
                if (!fromZero) {
                    // A net credit over a year is a refund case, not revenue (as Concentration).
                    throw new IllegalArgumentException(
                            "revenue must not be negative: " + amounts[i]);
                }
                amounts[i] = 0; // clamping keeps the order: the negatives sort first
            }
        }
        return ConcentrationSums.of(amounts, below, n, FleetMeasure.TOP_SHARE_PERCENT);
    }
}
