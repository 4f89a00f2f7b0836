package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TheftAttackTest {

    /** 24 hourly values 1, 2, ..., 24 kWh: total 300, mean 12.5, max 24. */
    private static final double[] DAY = new double[24];

    static {
        for (int t = 0; t < 24; t++) {
            DAY[t] = t + 1;
        }
    }

    private static double sum(double[] x) {
        return Arrays.stream(x).sum();
    }

    @Test
    void scaleMultipliesEveryIntervalByAlpha() {
        double[] out = new TheftAttack(AttackKind.SCALE, 0.5, 0, 1).apply(DAY, 3, null, null, null);
        assertThat(out[0]).isEqualTo(0.5);
        assertThat(out[23]).isEqualTo(12.0);
        assertThat(sum(out)).isCloseTo(150.0, within(1e-9));
        assertThat(DAY[23]).as("the honest series is not changed").isEqualTo(24.0);
    }

    @Test
    void flatMeanAndReversedKeepTheDailyTotal() {
        double[] flat =
                new TheftAttack(AttackKind.FLAT_MEAN, Double.NaN, 0, 1)
                        .apply(DAY, 0, null, null, null);
        assertThat(flat).containsOnly(12.5);
        double[] reversed =
                new TheftAttack(AttackKind.REVERSED, Double.NaN, 0, 1)
                        .apply(DAY, 0, null, null, null);
        assertThat(reversed[0]).isEqualTo(24.0);
        assertThat(reversed[23]).isEqualTo(1.0);
        assertThat(sum(reversed)).isEqualTo(300.0);
    }

    @Test
    void capCutsAtAFractionOfTheDailyMaximum() {
        double[] out = new TheftAttack(AttackKind.CAP, 0.5, 0, 1).apply(DAY, 0, null, null, null);
        // cap 12: 1..12 stay (78 kWh), twelve hours at 12 (144 kWh)
        assertThat(sum(out)).isCloseTo(78 + 144, within(1e-9));
    }

    @Test
    void rampFallsLinearlyToItsLevel() {
        TheftAttack ramp = new TheftAttack(AttackKind.RAMP, 0.2, 20, 1);
        assertThat(sum(ramp.apply(DAY, 0, null, null, null))).isCloseTo(300, within(1e-9));
        assertThat(sum(ramp.apply(DAY, 10, null, null, null)))
                .as("half way: 0.6")
                .isCloseTo(180, within(1e-9));
        assertThat(sum(ramp.apply(DAY, 40, null, null, null))).isCloseTo(60, within(1e-9));
    }

    @Test
    void peakShiftMovesPeakEnergyIntoTheValleyKeepingTheTotal() {
        boolean[] peak = new boolean[24];
        boolean[] valley = new boolean[24];
        peak[18] = peak[19] = true; // 19 + 20 = 39 kWh
        valley[0] = valley[1] = valley[2] = true;
        double[] out =
                new TheftAttack(AttackKind.PEAK_SHIFT, 0.6, 0, 1).apply(DAY, 0, peak, valley, null);
        assertThat(out[18]).isCloseTo(19 * 0.4, within(1e-9));
        assertThat(out[0]).isCloseTo(1 + 39 * 0.6 / 3, within(1e-9));
        assertThat(sum(out)).isCloseTo(300, within(1e-9));
    }

    @Test
    void swapTakesTheDonorsShapeAtAShareOfTheTotal() {
        double[] donor = new double[24];
        donor[5] = 2;
        donor[6] = 6;
        double[] out = new TheftAttack(AttackKind.SWAP, 0.4, 0, 1).apply(DAY, 0, null, null, donor);
        assertThat(out[5]).isCloseTo(120 * 0.25, within(1e-9));
        assertThat(out[6]).isCloseTo(120 * 0.75, within(1e-9));
        assertThat(sum(out)).isCloseTo(120, within(1e-9));
    }

    @Test
    void randomAttacksStayInTheirRangesAndRepeatForTheSameDay() {
        TheftAttack h3 = TheftAttack.draw(AttackKind.RANDOM_SCALE, new SplittableRandom(5));
        double[] a = h3.apply(DAY, 7, null, null, null);
        assertThat(h3.apply(DAY, 7, null, null, null)).isEqualTo(a);
        assertThat(h3.apply(DAY, 8, null, null, null)).isNotEqualTo(a);
        for (int t = 0; t < 24; t++) {
            assertThat(a[t] / DAY[t]).isBetween(0.1, 0.8);
        }
        double[] h4 =
                TheftAttack.draw(AttackKind.RANDOM_OF_MEAN, new SplittableRandom(5))
                        .apply(DAY, 0, null, null, null);
        for (double v : h4) {
            assertThat(v).isBetween(0.1 * 12.5, 0.8 * 12.5);
        }
    }

    @Test
    void zeroWindowBlanksFourToTwelveConsecutiveHours() {
        TheftAttack h2 = TheftAttack.draw(AttackKind.ZERO_WINDOW, new SplittableRandom(9));
        for (int day = 0; day < 50; day++) {
            double[] out = h2.apply(DAY, day, null, null, null);
            int zeros = 0;
            int first = -1;
            int last = -1;
            for (int t = 0; t < 24; t++) {
                if (out[t] == 0) {
                    zeros++;
                    first = first < 0 ? t : first;
                    last = t;
                }
            }
            assertThat(zeros).isBetween(4, 12);
            assertThat(last - first + 1).as("one window").isEqualTo(zeros);
        }
    }

    @Test
    void drawnParametersLieInThePublishedRanges() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            assertThat(TheftAttack.draw(AttackKind.SCALE, r).level()).isBetween(0.1, 0.8);
            TheftAttack ramp = TheftAttack.draw(AttackKind.RAMP, r);
            assertThat(ramp.rampDays()).isBetween(14, 28);
        }
    }

    @Test
    void kindsParseFromTheirLabels() {
        assertThat(AttackKind.parse("zero-window")).isEqualTo(AttackKind.ZERO_WINDOW);
        assertThat(AttackKind.parse("PEAK_SHIFT")).isEqualTo(AttackKind.PEAK_SHIFT);
        assertThatThrownBy(() -> AttackKind.parse("h7"))
                .hasMessageContaining("unknown attack kind 'h7'")
                .hasMessageContaining("zero-window");
    }
}
