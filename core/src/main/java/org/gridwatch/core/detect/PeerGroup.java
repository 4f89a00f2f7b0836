package org.gridwatch.core.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The customers compared with each other on one day: of the same class in the same area; when the
 * class has too few there, the same class across the fleet; when that too has too few, the area.
 * Weather, daylight and holidays move them all; theft moves one. Their median deviation per feature
 * is taken out of each member's.
 *
 * <p>Why the fleet's class before the area: a class small in every area (street and sign lighting,
 * say) moves with its own seasons — lighting falls every spring as the days lengthen — which the
 * area's households do not share. Compared with the area, every lighting customer would look like a
 * thief in March.
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
     * The scored days among {@code days}, counted for the class's median ({@link
     * DeviationHistogram}: built per part of the fleet and merged, where the area's own peers take
     * the exact median).
     */
    public static DeviationHistogram classDeviations(List<DayReport> days) {
        List<double[]> scored = new ArrayList<>();
        for (DayReport d : days) {
            if (d.scored()) {
                scored.add(d.z());
            }
        }
        return DeviationHistogram.of(scored);
    }

    /**
     * The class's median deviation across the fleet from its day's histogram, within {@link
     * DeviationHistogram#BIN}/2 of the exact one; null when fewer than {@link #MIN_MEMBERS} were
     * judged.
     */
    public static double[] classMedian(DeviationHistogram classDay) {
        return classDay.members >= MIN_MEMBERS ? classDay.median() : null;
    }

    /**
     * One class's judged days of one day across the fleet, each told the class's median deviation
     * ({@link #classMedian}). In the order given.
     */
    public static List<DayReport> withClassMedian(List<DayReport> classDay) {
        double[] median = classMedian(classDeviations(classDay));
        List<DayReport> out = new ArrayList<>(classDay.size());
        for (DayReport d : classDay) {
            out.add(d.withClassMedian(median));
        }
        return out;
    }

    /**
     * One area's judged days, each net of its peers' median: the customers of its class in the area
     * when the class has {@link #MIN_MEMBERS} judged that day, else the class across the fleet
     * ({@link DayReport#classMedianZ}) when known, else the whole area. In the order given.
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
                (k, members) -> {
                    if (members.size() >= MIN_MEMBERS) {
                        classMedian.put(k, medianZ(members));
                    }
                });
        List<double[]> out = new ArrayList<>(areaDays.size());
        for (DayReport d : areaDays) {
            double[] peers = classMedian.get(d.customerClass());
            if (peers == null) {
                peers = d.classMedianZ() != null ? d.classMedianZ() : areaMedian;
            }
            out.add(net(d.z(), peers));
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
