package org.gridwatch.core.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
        return median(members, Feature.COUNT);
    }

    /** The median of each of {@code width} columns of the members, or zeros for too few. */
    private static double[] median(List<double[]> members, int width) {
        double[] median = new double[width];
        if (members.size() < MIN_MEMBERS) {
            return median;
        }
        double[] column = new double[members.size()];
        for (int f = 0; f < width; f++) {
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
        List<double[]> peers =
                peersMedian(areaDays, Feature.COUNT, DayReport::z, DayReport::classMedianZ);
        List<double[]> out = new ArrayList<>(areaDays.size());
        for (int i = 0; i < areaDays.size(); i++) {
            out.add(net(areaDays.get(i).z(), peers.get(i)));
        }
        return out;
    }

    /**
     * Each day's peers' median of {@code measure}, {@code width} numbers (the peers as {@link
     * #netOfPeers} takes them); {@code acrossFleet} gives a day's class median across the fleet, or
     * null.
     */
    private static List<double[]> peersMedian(
            List<DayReport> areaDays,
            int width,
            Function<DayReport, double[]> measure,
            Function<DayReport, double[]> acrossFleet) {
        Map<String, List<double[]>> byClass = new HashMap<>();
        List<double[]> all = new ArrayList<>();
        for (DayReport d : areaDays) {
            if (d.scored()) {
                double[] m = measure.apply(d);
                byClass.computeIfAbsent(d.customerClass(), k -> new ArrayList<>()).add(m);
                all.add(m);
            }
        }
        double[] areaMedian = median(all, width);
        Map<String, double[]> classMedian = new HashMap<>();
        for (Map.Entry<String, List<double[]>> c : byClass.entrySet()) {
            if (c.getValue().size() >= MIN_MEMBERS) {
                classMedian.put(c.getKey(), median(c.getValue(), width));
            }
        }
        List<double[]> out = new ArrayList<>(areaDays.size());
        for (DayReport d : areaDays) {
            double[] peers = classMedian.get(d.customerClass());
            if (peers == null) {
                double[] fleet = acrossFleet.apply(d);
                peers = fleet != null ? fleet : areaMedian;
            }
            out.add(peers);
        }
        return out;
    }

    /** The most the peers' common move changes a customer's expected day, as a factor: 4×. */
    static final double MAX_PEER_MOVE = Math.log(4);

    /**
     * The least level deviation, in spreads, from which a day's level spread is read back from its
     * deviation ({@link #usualKwhAsPeersMoved}); nearer its usual, the day says too little of it.
     */
    static final double SPREAD_FROM_Z = 0.25;

    /**
     * The energy each of an area's judged days would have had had it moved as its peers did (the
     * peers as {@link #netOfPeers} takes them): its usual day's kWh × e^m, m the peers' median of
     * ln(day / usual day) less its usual value (the level feature's own move, not in spreads), at
     * most {@link #MAX_PEER_MOVE} either way. Where the season took a fifth off every household of
     * the area, a household's usual day is not what its meter would have read honestly; the usual
     * day × 0.8 is, and a meter made to read less took the difference. A class too small in the
     * area moves as its class across the fleet did, whose median is known in spreads only: m is
     * then the fleet's median deviation in the day's own level spread (read back from its
     * deviation, z = (usual − value) / s), or the area's where the day is within {@link
     * #SPREAD_FROM_Z} spreads of its usual. In the order given; NaN where the usual day is.
     */
    public static double[] usualKwhAsPeersMoved(List<DayReport> areaDays) {
        List<double[]> moves =
                peersMedian(areaDays, 1, PeerGroup::levelMove, PeerGroup::levelMoveAcrossFleet);
        double[] out = new double[areaDays.size()];
        for (int i = 0; i < out.length; i++) {
            double m = Math.max(-MAX_PEER_MOVE, Math.min(MAX_PEER_MOVE, moves.get(i)[0]));
            out[i] = areaDays.get(i).usualKwh() * Math.exp(m);
        }
        return out;
    }

    /** ln(day / usual day) less its usual value: the day's own level move, theft down. */
    private static double[] levelMove(DayReport d) {
        int level = Feature.LEVEL.ordinal();
        return new double[] {d.value()[level] - d.usual()[level]};
    }

    /** The class's median level deviation across the fleet in the day's own spread, or null. */
    private static double[] levelMoveAcrossFleet(DayReport d) {
        int level = Feature.LEVEL.ordinal();
        double z = d.z()[level];
        if (d.classMedianZ() == null || Math.abs(z) < SPREAD_FROM_Z) {
            return null;
        }
        // z = theftDirection × (value − usual) / s: the spread, and the median in ln
        double spread = Feature.LEVEL.theftDirection() * (d.value()[level] - d.usual()[level]) / z;
        if (!(spread > 0)) {
            return null;
        }
        return new double[] {Feature.LEVEL.theftDirection() * d.classMedianZ()[level] * spread};
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
