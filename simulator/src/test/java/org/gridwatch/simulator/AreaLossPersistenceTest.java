package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * An area's day-to-day load-loss factor is a lognormal whose log is an AR(1) series: lag-one
 * autocorrelation ρ as configured and the same σ = {@link AreaSupply#DAY_LOAD_LOSS_SIGMA} whatever
 * ρ. Checked against the definition over 40 areas × 1,000 days: the sample autocorrelation of
 * 40,000 pairs has a standard error of about (1 − ρ²)/√40,000 ≤ 0.005, and the sample σ of 40,000
 * draws about σ/√80,000, so 0.02 and 0.003 are wide margins. The unaccounted loss ({@code
 * --loss-noise}) is the same kind of series, a share of the supply, from a random stream of its
 * own.
 */
class AreaLossPersistenceTest {
    private static final int DAYS = 1_000;

    /** The log load-loss factors, by area then day, less the lognormal's −σ²/2 centring. */
    private static double[][] logFactors(double rho) {
        return factors(rho, 0, false);
    }

    /**
     * By area then day: the log load-loss factors less their centring, or (with {@code
     * unaccounted}) the unaccounted loss's share of the supply, σ·x.
     */
    private static double[][] factors(double rho, double sigma, boolean unaccounted) {
        SimulationConfig config = SimulationConfig.of(4_000, 30, 11).withLossPersistence(rho);
        AreaSupply supply = new AreaSupply(new Fleet(config), 11, 0, 0, rho, sigma);
        int areas = config.areas();
        double s = AreaSupply.DAY_LOAD_LOSS_SIGMA;
        double[][] x = new double[areas][DAYS];
        for (int d = 0; d < DAYS; d++) {
            for (int a = 0; a < areas; a++) {
                x[a][d] =
                        unaccounted
                                ? supply.dayUnaccounted(a) - 1
                                : Math.log(supply.dayLoadLoss(a)) + 0.5 * s * s;
            }
            supply.beginDay();
        }
        return x;
    }

    private static double sigma(double[][] x) {
        double sum = 0;
        long n = 0;
        for (double[] area : x) {
            for (double v : area) {
                sum += v * v;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    private static double lagOne(double[][] x) {
        double products = 0;
        double squares = 0;
        for (double[] area : x) {
            for (int d = 1; d < area.length; d++) {
                products += area[d] * area[d - 1];
                squares += area[d - 1] * area[d - 1];
            }
        }
        return products / squares;
    }

    @Test
    void eachDayIsDrawnAfreshByDefault() {
        double[][] x = logFactors(0);
        assertThat(x.length).isEqualTo(40);
        assertThat(lagOne(x)).isCloseTo(0, within(0.02));
        assertThat(sigma(x)).isCloseTo(AreaSupply.DAY_LOAD_LOSS_SIGMA, within(0.003));
    }

    @Test
    void aPersistentLossKeepsItsAutocorrelationAndItsSpread() {
        for (double rho : new double[] {0.5, 0.8}) {
            double[][] x = logFactors(rho);
            assertThat(lagOne(x)).as("ρ %s", rho).isCloseTo(rho, within(0.02));
            assertThat(sigma(x))
                    .as("σ at ρ %s", rho)
                    .isCloseTo(AreaSupply.DAY_LOAD_LOSS_SIGMA, within(0.003));
        }
    }

    @Test
    void anUnaccountedLossVariesTheSupplyByItsSigmaAndPersistsAlike() {
        double[][] none = factors(0.6, 0, true);
        assertThat(sigma(none)).as("none by default").isZero();
        double[][] x = factors(0.6, 0.01, true);
        assertThat(sigma(x)).isCloseTo(0.01, within(0.0004));
        assertThat(lagOne(x)).isCloseTo(0.6, within(0.02));
        // its own random stream: the technical loss's factors are those of a run without it
        assertThat(factors(0.6, 0.01, false)).isDeepEqualTo(logFactors(0.6));
    }

    @Test
    void aPersistenceOfOneOrMoreIsRefused() {
        assertThatThrownBy(() -> SimulationConfig.of(10, 2, 1).withLossPersistence(0.96))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "loss persistence must be 0..0.95 (a lag-one autocorrelation), got 0.96");
        assertThatThrownBy(() -> SimulationConfig.of(10, 2, 1).withLossPersistence(-0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulationConfig.of(10, 2, 1).withLossNoise(0.06))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss noise must be 0..0.05 (a share of the supply), got 0.06");
    }
}
