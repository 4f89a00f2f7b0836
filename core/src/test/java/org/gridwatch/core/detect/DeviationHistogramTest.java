package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeviationHistogramTest {
    private static final int LEVEL = Feature.LEVEL.ordinal();

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
    void anOddCountTakesTheMiddleMembersBinAndAnEvenOneTheMeanOfTheMiddleTwo() {
        // sorted −9 1 2 3 4 5 6 7 100: 4
        assertThat(DeviationHistogram.of(members(7, 1, 100, 3, 5, 2, 6, 4, -9)).median())
                .containsOnly(4.0);
        // sorted 1 2 3 4 5 6 7 100: (4 + 5) / 2
        assertThat(DeviationHistogram.of(members(7, 1, 100, 3, 5, 2, 6, 4)).median())
                .containsOnly(4.5);
        assertThat(new DeviationHistogram().median()).containsOnly(0.0);
    }

    @Test
    void deviationsCountInTheNearestThousandth() {
        // 0.1 → bin 100; 0.1004 → 100.4 → 100; 0.1005 → 100.5 → 101 (ties upwards); 0.2 → 200
        DeviationHistogram h = DeviationHistogram.of(members(0.1, 0.2, 0.1004, 0.1, 0.1005));

        assertThat(h.members).isEqualTo(5);
        assertThat(h.bins[LEVEL]).containsExactly(100, 101, 200);
        assertThat(h.counts[LEVEL]).containsExactly(3, 1, 1);
        // sorted 0.1 0.1 0.1004 0.1005 0.2: exact median 0.1004, from the bins 0.100
        assertThat(h.median()[LEVEL]).isEqualTo(0.1);
    }

    @Test
    void partsMergedInAnyOrderMakeTheHistogramOfTheWhole() {
        DeviationHistogram a = DeviationHistogram.of(members(7, 1, 100));
        DeviationHistogram b = DeviationHistogram.of(members(3, 5, 2, 6, 7));
        DeviationHistogram c = DeviationHistogram.of(members(4, -9));

        DeviationHistogram abc = a.merge(b).merge(c);
        DeviationHistogram cba = c.merge(b.merge(a));

        assertThat(abc.members).isEqualTo(10);
        assertThat(abc.bins[LEVEL])
                .containsExactly(-9000, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 100000);
        assertThat(abc.counts[LEVEL]).containsExactly(1, 1, 1, 1, 1, 1, 1, 2, 1);
        assertThat(cba.bins).isDeepEqualTo(abc.bins);
        assertThat(cba.counts).isDeepEqualTo(abc.counts);
        // sorted −9 1 2 3 4 5 6 7 7 100: (4 + 5) / 2
        assertThat(abc.median()).containsOnly(4.5);
        assertThat(a.members).as("the parts are left as they were").isEqualTo(3);
    }

    @Test
    void theMedianIsWithinHalfABinOfTheExactOneHoweverTheMembersAreSplit() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 8 + random.nextInt(300);
            List<double[]> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] z = new double[Feature.COUNT];
                for (int f = 0; f < z.length; f++) {
                    z[f] = random.nextGaussian() * (1 + f);
                }
                all.add(z);
            }
            DeviationHistogram merged = new DeviationHistogram();
            int from = 0;
            while (from < n) {
                int to = Math.min(n, from + 1 + random.nextInt(40));
                merged = merged.merge(DeviationHistogram.of(all.subList(from, to)));
                from = to;
            }
            double[] exact = PeerGroup.medianZ(all);
            double[] sketched = merged.median();
            for (int f = 0; f < Feature.COUNT; f++) {
                assertThat(sketched[f])
                        .isCloseTo(exact[f], within(DeviationHistogram.BIN / 2 + 1e-12));
            }
            assertThat(merged.median()).containsExactly(DeviationHistogram.of(all).median());
        }
    }

    @Test
    void anUnknownDeviationSortsAboveEverything() {
        // sorted 1 2 NaN: 2, as a sort puts NaN last
        assertThat(DeviationHistogram.of(members(Double.NaN, 2, 1)).median()[LEVEL]).isEqualTo(2.0);
    }
}
