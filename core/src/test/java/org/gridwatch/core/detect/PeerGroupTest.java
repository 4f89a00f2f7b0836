package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    /**
     * A scored residential day whose usual day is 10 kWh, its level value ln(day / usual day) and
     * the usual value of it, and its level deviation in spreads; the class's median across the
     * fleet when not null.
     */
    private static DayReport levelDay(
            String customerClass, double usualLevel, double level, double levelZ, double[] fleet) {
        double[] z = new double[Feature.COUNT];
        double[] value = new double[Feature.COUNT];
        float[] usual = new float[Feature.COUNT];
        z[Feature.LEVEL.ordinal()] = levelZ;
        value[Feature.LEVEL.ordinal()] = level;
        usual[Feature.LEVEL.ordinal()] = (float) usualLevel;
        DayReport d =
                new DayReport(
                        "C",
                        "M",
                        "A",
                        customerClass,
                        1,
                        1,
                        true,
                        z,
                        value,
                        usual,
                        3,
                        10,
                        0,
                        false,
                        false,
                        false,
                        false);
        return fleet == null ? d : d.withClassMedian(fleet);
    }

    @Test
    void theUsualDayMovesAsThePeersMoved() {
        assertThat(PeerGroup.SPREAD_FROM_Z).isEqualTo(0.25);
        assertThat(PeerGroup.MAX_PEER_MOVE).isEqualTo(Math.log(4));
        List<DayReport> area = new ArrayList<>();
        // eight residents whose level moved (value less usual value) by −0.1, −0.2, ..., −0.8:
        // their median move is −0.45, so each usual day of 10 kWh moves to 10 e^−0.45 = 6.376282
        for (int i = 1; i <= 8; i++) {
            area.add(levelDay("RESIDENTIAL", 0.05, 0.05 - 0.1 * i, i, null));
        }
        // one street light, too few in the area for a class: its class across the fleet moved by
        // 2.5 spreads (theft direction). Its own day reads ln 0.3 = −1.203973 against a usual
        // value of −0.02, 4 spreads below: its spread is 1.183973 / 4 = 0.295993, the fleet's move
        // 2.5 × 0.295993 = 0.739983 down, and its usual day 10 e^−0.739983 = 4.771220 kWh
        double[] fleet = new double[Feature.COUNT];
        fleet[Feature.LEVEL.ordinal()] = 2.5;
        area.add(levelDay("LIGHTING", -0.02, Math.log(0.3), 4, fleet));
        // another, within a quarter spread of its usual: its spread cannot be read back, so it
        // moves as the area's scored days did (below)
        area.add(levelDay("LIGHTING", 0, -0.01, 0.2, fleet));
        // a lighting customer whose class across the fleet is not known: the area's median too
        area.add(levelDay("LIGHTING", 0, 3, -10, null));
        double[] expected = PeerGroup.usualKwhAsPeersMoved(area);
        for (int i = 0; i < 8; i++) {
            assertThat(expected[i]).as("resident %d", i).isCloseTo(6.376282, within(1e-6));
        }
        assertThat(expected[8]).isCloseTo(4.771220, within(1e-6));
        // the area's eleven scored days moved −1.183973, −0.8 .. −0.1, −0.01, 3: the median (the
        // sixth) is −0.4, and 10 e^−0.4 = 6.703200
        assertThat(expected[9]).isCloseTo(6.703200, within(1e-6));
        assertThat(expected[10]).isCloseTo(6.703200, within(1e-6));
    }

    @Test
    void thePeersMoveTheUsualDayAtMostFourfold() {
        List<DayReport> area = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            area.add(levelDay("RESIDENTIAL", 0, -3, 2, null)); // e^−3: 20 times less
        }
        for (double e : PeerGroup.usualKwhAsPeersMoved(area)) {
            assertThat(e).isCloseTo(2.5, within(1e-9));
        }
        // too few peers anywhere: the usual day
        assertThat(PeerGroup.usualKwhAsPeersMoved(area.subList(0, 7))).containsOnly(10.0);
    }
}
