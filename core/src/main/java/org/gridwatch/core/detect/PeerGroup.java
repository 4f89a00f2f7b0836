package org.gridwatch.core.detect;

import java.util.Arrays;
import java.util.List;

/**
 * The customers compared with each other on one day: of the same class in the same area, or the
 * area when a class has too few. Weather and holidays move them all; theft moves one. Their median
 * deviation per feature is taken out of each member's.
 */
public final class PeerGroup {
    /** Fewer members than this say nothing about a common move. */
    public static final int MIN_MEMBERS = 8;

    private PeerGroup() {}

    /** The median deviation per feature of the members, or zeros for too small a group. */
    public static double[] medianZ(List<double[]> members) {
        double[] median = new double[Feature.COUNT];
        if (members.size() < MIN_MEMBERS) {
            return median;
        }
        double[] column = new double[members.size()];
        for (int f = 0; f < Feature.COUNT; f++) {
            for (int i = 0; i < column.length; i++) {
                column[i] = members.get(i)[f];
            }
            Arrays.sort(column);
            int n = column.length;
            median[f] = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
        }
        return median;
    }

    /** {@code z} less the peers' median. */
    public static double[] net(double[] z, double[] peerMedian) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] - peerMedian[i];
        }
        return out;
    }
}
