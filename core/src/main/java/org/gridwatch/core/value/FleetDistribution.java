package org.gridwatch.core.value;

import java.util.Arrays;

/**
 * One measure across the fleet (12-month revenue in fen, or kWh), sorted, so that a customer's
 * value can be relative to the others rather than a fixed yuan amount. Computed elsewhere, from the
 * fleet, and handed to the per-customer rules.
 */
public final class FleetDistribution {

    private final long[] sorted;

    private FleetDistribution(long[] sorted) {
        this.sorted = sorted;
    }

    public static FleetDistribution of(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("an empty fleet has no distribution");
        }
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new FleetDistribution(copy);
    }

    public int size() {
        return sorted.length;
    }

    /**
     * The percentile rank 0–1 of {@code value}: the share of the fleet below it, plus half the
     * share equal to it (the mid-rank, so that a fleet of equal customers all sit at 0.5 rather
     * than at the top or bottom).
     */
    public double rank(long value) {
        int below = lowerBound(value);
        int equal = upperBound(value) - below;
        return (below + equal / 2.0) / sorted.length;
    }

    /**
     * The smallest value that puts a customer in the top {@code percent}% of the fleet: the value
     * of the {@code ceil(n × percent / 100)}-th largest customer. Top 20% of 10 customers: the 2nd
     * largest.
     */
    public long topThreshold(int percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 1..100");
        }
        int k = RevenueConcentration.topCount(sorted.length, percent);
        return sorted[sorted.length - k];
    }

    private int lowerBound(long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
