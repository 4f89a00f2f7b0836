package org.gridwatch.core.detect;

import java.util.Arrays;
import java.util.List;

/**
 * The deviations per {@link Feature} of many judged days, counted in bins of {@link #BIN} (a
 * fixed-bin histogram): a summary of a class's day that parts of the fleet build on their own and
 * that adds up ({@link #merge}) to the same histogram however the fleet was split, so the median it
 * gives is the same at every parallelism.
 *
 * <p>The median it gives is within {@link #BIN}/2 = 0.0005 of the exact median of the deviations
 * (for deviations within ±1,000,000): binning to the nearest bin centre keeps the order, so the
 * k-th smallest binned value is the bin of the k-th smallest deviation, at most half a bin away,
 * and the mean of two such values is too. A deviation of 0.0005 in the peers' median is a twentieth
 * of a hundredth of a customer's own spread: nothing the theft cases can tell from the exact
 * median.
 *
 * <p>Its size is the distinct bins taken, at most the members: at most 8 bytes a member and
 * feature, and no more than about 20,000 bins a feature for deviations within ±10 however many
 * members it counts. A Flink POJO: per feature, the bins taken in ascending order and their counts.
 */
public final class DeviationHistogram {
    /** The bin width, in the customers' own spreads. */
    public static final double BIN = 0.001;

    private static final long BINS_PER_UNIT = 1000;
    private static final int LIMIT = 1_000_000_000; // ±1,000,000 in deviations

    public int members;

    /** Per feature: the bins taken, ascending (bin b is centred on b × {@link #BIN}). */
    public int[][] bins;

    /** Per feature: how many members fell in each bin. */
    public int[][] counts;

    public DeviationHistogram() {
        bins = new int[Feature.COUNT][0];
        counts = new int[Feature.COUNT][0];
    }

    /** The histogram of these members' deviations ({@link DayReport#z}). */
    public static DeviationHistogram of(List<double[]> members) {
        DeviationHistogram h = new DeviationHistogram();
        h.members = members.size();
        int[] binned = new int[members.size()];
        for (int f = 0; f < Feature.COUNT; f++) {
            for (int i = 0; i < binned.length; i++) {
                binned[i] = binOf(members.get(i)[f]);
            }
            Arrays.sort(binned);
            int distinct = 0;
            for (int i = 0; i < binned.length; i++) {
                if (i == 0 || binned[i] != binned[i - 1]) {
                    distinct++;
                }
            }
            h.bins[f] = new int[distinct];
            h.counts[f] = new int[distinct];
            int j = -1;
            for (int i = 0; i < binned.length; i++) {
                if (i == 0 || binned[i] != binned[i - 1]) {
                    h.bins[f][++j] = binned[i];
                }
                h.counts[f][j]++;
            }
        }
        return h;
    }

    /** The bin a deviation falls in: the nearest centre, ties upwards; NaN above everything. */
    static int binOf(double z) {
        if (Double.isNaN(z)) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(-LIMIT, Math.min(LIMIT, Math.round(z * BINS_PER_UNIT)));
    }

    private static double centreOf(int bin) {
        return bin == Integer.MAX_VALUE ? Double.NaN : bin / (double) BINS_PER_UNIT;
    }

    /** Both histograms' members together; neither is changed. */
    public DeviationHistogram merge(DeviationHistogram other) {
        DeviationHistogram sum = new DeviationHistogram();
        sum.members = members + other.members;
        for (int f = 0; f < Feature.COUNT; f++) {
            int[] a = bins[f];
            int[] b = other.bins[f];
            int[] mergedBins = new int[a.length + b.length];
            int[] mergedCounts = new int[a.length + b.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < a.length || j < b.length) {
                if (j == b.length || (i < a.length && a[i] < b[j])) {
                    mergedBins[n] = a[i];
                    mergedCounts[n++] = counts[f][i++];
                } else if (i == a.length || b[j] < a[i]) {
                    mergedBins[n] = b[j];
                    mergedCounts[n++] = other.counts[f][j++];
                } else {
                    mergedBins[n] = a[i];
                    mergedCounts[n++] = counts[f][i++] + other.counts[f][j++];
                }
            }
            sum.bins[f] = Arrays.copyOf(mergedBins, n);
            sum.counts[f] = Arrays.copyOf(mergedCounts, n);
        }
        return sum;
    }

    /**
     * The median deviation per feature: the middle member's bin centre, or the mean of the middle
     * two; zeros without members.
     */
    public double[] median() {
        double[] median = new double[Feature.COUNT];
        if (members == 0) {
            return median;
        }
        for (int f = 0; f < Feature.COUNT; f++) {
            double lower = centreOf(binAt(f, (members - 1) / 2));
            double upper = centreOf(binAt(f, members / 2));
            median[f] = members % 2 == 1 ? lower : (lower + upper) / 2;
        }
        return median;
    }

    /** The bin of the {@code k}-th smallest member (from 0) in feature {@code f}. */
    private int binAt(int f, int k) {
        int seen = 0;
        for (int i = 0; i < bins[f].length; i++) {
            seen += counts[f][i];
            if (k < seen) {
                return bins[f][i];
            }
        }
        throw new IllegalStateException("fewer members than " + (k + 1));
    }
}
