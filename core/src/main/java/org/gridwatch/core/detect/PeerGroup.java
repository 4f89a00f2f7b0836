package org.gridwatch.core.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * One area's judged days, each net of its peers' median: the customers of its class in the area
     * when the class has {@link #MIN_MEMBERS} judged that day, else the whole area. In the order
     * given.
     */
    public static List<double[]> netOfPeers(List<DayReport> areaDays) {
        Map<String, List<double[]>> byClass = new HashMap<>();
        List<double[]> all = new ArrayList<>();
        for (DayReport d : areaDays) {
            if (d.scored()) {
                byClass.computeIfAbsent(d.customerClass(), k -> new ArrayList<>()).add(d.z());
                all.add(d.z());
            }
        }
        double[] areaMedian = medianZ(all);
        Map<String, double[]> classMedian = new HashMap<>();
        byClass.forEach(
                (k, members) ->
                        classMedian.put(
                                k, members.size() >= MIN_MEMBERS ? medianZ(members) : areaMedian));
        List<double[]> out = new ArrayList<>(areaDays.size());
        for (DayReport d : areaDays) {
            out.add(net(d.z(), classMedian.getOrDefault(d.customerClass(), areaMedian)));
        }
        return out;
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
