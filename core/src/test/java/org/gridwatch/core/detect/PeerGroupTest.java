package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerGroupTest {

    /** Members whose every feature is the given value. */
    private static List<double[]> members(double... values) {
        List<double[]> out = new ArrayList<>();
        for (double v : values) {
            double[] z = new double[Feature.COUNT];
            Arrays.fill(z, v);
            out.add(z);
        }
        return out;
    }

    @Test
    void tooSmallAGroupSaysNothing() {
        assertThat(PeerGroup.MIN_MEMBERS).isEqualTo(8);
        assertThat(PeerGroup.medianZ(members(5, 5, 5, 5, 5, 5, 5))).containsOnly(0.0);
        assertThat(PeerGroup.medianZ(List.of())).containsOnly(0.0);
    }

    @Test
    void anEvenGroupTakesTheMeanOfTheMiddleTwo() {
        // sorted 1 2 3 4 5 6 7 100: (4 + 5) / 2
        assertThat(PeerGroup.medianZ(members(7, 1, 100, 3, 5, 2, 6, 4))).containsOnly(4.5);
    }

    @Test
    void anOddGroupTakesTheMiddleOne() {
        // sorted −9 1 2 3 4 5 6 7 100: 4
        assertThat(PeerGroup.medianZ(members(7, 1, 100, 3, 5, 2, 6, 4, -9))).containsOnly(4.0);
    }

    @Test
    void eachFeatureHasItsOwnMedian() {
        List<double[]> group = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            double[] z = new double[Feature.COUNT];
            z[Feature.LEVEL.ordinal()] = i; // 0..7 → 3.5
            z[Feature.ZEROS.ordinal()] = -i; // −7..0 → −3.5
            group.add(z);
        }
        double[] median = PeerGroup.medianZ(group);
        assertThat(median[Feature.LEVEL.ordinal()]).isEqualTo(3.5);
        assertThat(median[Feature.ZEROS.ordinal()]).isEqualTo(-3.5);
        assertThat(median[Feature.SHAPE.ordinal()]).isZero();
    }

    @Test
    void netTakesThePeersMedianOut() {
        double[] z = {3, 0, -1, 2, 0, 0, 1};
        double[] peers = {1, 1, 1, 0, 0, 0, -1};
        assertThat(PeerGroup.net(z, peers)).containsExactly(2, -1, -2, 2, 0, 0, 2);
        assertThat(z).as("not changed").containsExactly(3, 0, -1, 2, 0, 0, 1);
    }

    private static DayReport day(String customerClass, double levelZ, boolean scored) {
        double[] z = new double[Feature.COUNT];
        z[Feature.LEVEL.ordinal()] = levelZ;
        return new DayReport(
                "C",
                "M",
                "A",
                customerClass,
                1,
                1,
                scored,
                z,
                new double[Feature.COUNT],
                new float[Feature.COUNT],
                1,
                1,
                0,
                false,
                false,
                false,
                false);
    }

    @Test
    void anAreasDaysAreNetOfTheirClassOrOfTheArea() {
        List<DayReport> area = new ArrayList<>();
        // eight residents at LEVEL z 1..8: their class median is 4.5
        for (int i = 1; i <= 8; i++) {
            area.add(day("RESIDENTIAL", i, true));
        }
        // two shops at 10 and 20: too few for a class, so the area's median of the ten judged,
        // {1..8, 10, 20}: (5 + 6) / 2 = 5.5
        area.add(day("COMMERCIAL", 10, true));
        area.add(day("COMMERCIAL", 20, true));
        List<double[]> net = PeerGroup.netOfPeers(area);
        assertThat(net.get(0)[Feature.LEVEL.ordinal()]).isEqualTo(1 - 4.5);
        assertThat(net.get(7)[Feature.LEVEL.ordinal()]).isEqualTo(8 - 4.5);
        assertThat(net.get(8)[Feature.LEVEL.ordinal()]).isEqualTo(10 - 5.5);
        assertThat(net.get(9)[Feature.LEVEL.ordinal()]).isEqualTo(20 - 5.5);
    }

    @Test
    void aClassTooSmallInItsAreaIsNetOfItsClassAcrossTheFleet() {
        // across the fleet, nine lighting customers at LEVEL z 1..9 (one unscored at 100, left
        // out): their median 5 is told to each
        List<DayReport> fleetLighting = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            fleetLighting.add(day("NON_RESIDENTIAL_LIGHTING", i, true));
        }
        fleetLighting.add(day("NON_RESIDENTIAL_LIGHTING", 100, false));
        List<DayReport> told = PeerGroup.withClassMedian(fleetLighting);
        assertThat(told.get(0).classMedianZ()[Feature.LEVEL.ordinal()]).isEqualTo(5.0);
        // seven: too few to say anything, even across the fleet
        assertThat(PeerGroup.withClassMedian(fleetLighting.subList(0, 7)).get(0).classMedianZ())
                .isNull();

        // in an area of eight residents (median 4.5) and two of those lighting customers (z 1
        // and 9): each lighting day is net of its class's 5, not of the area's
        List<DayReport> area = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            area.add(day("RESIDENTIAL", i, true));
        }
        area.add(told.get(0));
        area.add(told.get(8));
        List<double[]> net = PeerGroup.netOfPeers(area);
        assertThat(net.get(0)[Feature.LEVEL.ordinal()]).isEqualTo(1 - 4.5);
        assertThat(net.get(8)[Feature.LEVEL.ordinal()]).isEqualTo(1 - 5.0);
        assertThat(net.get(9)[Feature.LEVEL.ordinal()]).isEqualTo(9 - 5.0);
    }
}
