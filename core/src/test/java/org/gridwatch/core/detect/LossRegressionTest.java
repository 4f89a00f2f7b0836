package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LossRegressionTest {
    private static double[] shape(double base, double eveningPeak, double morningPeak) {
        double[] s = new double[24];
        for (int h = 0; h < 24; h++) {
            s[h] =
                    base
                            + eveningPeak * Math.exp(-Math.pow(h - 19, 2) / 6)
                            + morningPeak * Math.exp(-Math.pow(h - 7.5, 2) / 3);
        }
        return s;
    }

    /** Thirty honest households of assorted shapes besides the customers a test is about. */
    private static double[][] withNeighbours(double[]... own) {
        double[][] all = new double[own.length + 30][];
        System.arraycopy(own, 0, all, 0, own.length);
        Random r = new Random(99);
        for (int i = own.length; i < all.length; i++) {
            all[i] = shape(0.2 + 0.6 * r.nextDouble(), 2 * r.nextDouble(), r.nextDouble());
        }
        return all;
    }

    private static String[] ids(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "C" + (i + 1);
        }
        return ids;
    }

    /** A day of each customer: its shape, a factor for the day in [0.8, 1.2], each hour ±30%. */
    private static float[][] day(double[][] shapes, Random r) {
        float[][] x = new float[shapes.length][24];
        for (int i = 0; i < shapes.length; i++) {
            double f = 0.8 + 0.4 * r.nextDouble();
            for (int h = 0; h < 24; h++) {
                x[i][h] = (float) (shapes[i][h] * f * (0.7 + 0.6 * r.nextDouble()));
            }
        }
        return x;
    }

    /**
     * An area's day built with the model's own terms: the loss of each hour is c₀ + c₁·m² (m the
     * hour's metered total) + what the thieves take (β × their metered hours), and the supply is
     * the metered total plus the loss, plus a normal noise of {@code noise} kWh an hour.
     */
    private static double[] supply(
            float[][] x, double[] beta, double c0, double c1, double noise, Random r) {
        double[] supply = new double[24];
        for (int h = 0; h < 24; h++) {
            double metered = 0;
            double stolen = 0;
            for (int i = 0; i < x.length; i++) {
                metered += x[i][h];
                stolen += x[i][h] * beta[i];
            }
            supply[h] = metered + c0 + c1 * metered * metered + stolen + noise * r.nextGaussian();
        }
        return supply;
    }

    /**
     * An area of 33 households, the loss built by hand: a no-load loss of 2 kWh an hour, a load
     * loss of 10⁻³ per kWh² of the hour's metered total, and customer C1 metering 2/3 of its load,
     * so that it takes 0.5 kWh per kWh metered. Without noise the fit must give back what was built
     * (the ridge of 10⁻⁴ of a diagonal moves it by less than the tolerance).
     */
    /** The hand-built area's 33 households: three shapes and thirty neighbours. */
    private static double[][] handBuiltArea() {
        return withNeighbours(shape(0.3, 1.5, 0.6), shape(0.5, 0.8, 1.2), shape(1.0, 0.4, 0.2));
    }

    /** Days {@code from} to {@code to} (excluded) of an area built by hand, without noise. */
    private static void feed(
            LossRegression fit, int from, int to, double[][] shapes, double[] beta, Random r) {
        String[] ids = ids(shapes.length);
        for (int d = from; d < to; d++) {
            float[][] x = day(shapes, r);
            fit.addDay(d, supply(x, beta, 2, 1e-3, 0, r), ids, x);
        }
    }

    @Test
    void recoversTheStolenShareAndTheLoadLossOfAHandBuiltArea() {
        Random r = new Random(1);
        double[][] shapes = handBuiltArea();
        double[] beta = new double[shapes.length];
        beta[0] = 0.5;
        String[] ids = ids(shapes.length);
        LossRegression fit = new LossRegression();
        feed(fit, 0, 40, shapes, beta, r);
        assertThat(fit.fit("C1").beta()).isCloseTo(0.5, within(0.005));
        for (int i = 1; i < shapes.length; i++) {
            assertThat(fit.fit(ids[i]).beta()).as(ids[i]).isCloseTo(0, within(0.005));
        }
        assertThat(fit.loadLoss).isCloseTo(1e-3, within(2e-5));
        assertThat(fit.commonShare).isCloseTo(0, within(0.005));
    }

    /**
     * The hand-built area above; after 40 days the honest C5 leaves it (its hours leave the supply
     * and the metered total) and two more days go by. The fit forgets C5 and still gives back what
     * was built for everyone else, C6 (a thief beside it) above all.
     */
    @Test
    void aCustomerWhoLeavesIsForgottenAndTheFitHoldsForTheRest() {
        Random r = new Random(3);
        double[][] shapes = handBuiltArea();
        double[] beta = new double[shapes.length];
        beta[0] = 0.5;
        beta[5] = 0.3; // C6, next to the one who leaves, steals too
        String[] ids = ids(shapes.length);
        LossRegression fit = new LossRegression();
        feed(fit, 0, 40, shapes, beta, r);
        assertThat(fit.fit("C6").beta()).isCloseTo(0.3, within(0.005));
        fit.remove("C5");
        fit.remove("C99"); // never regressed: nothing
        int left = 4; // C5's index
        double[][] stay = new double[shapes.length - 1][];
        String[] stayIds = new String[shapes.length - 1];
        double[] stayBeta = new double[shapes.length - 1];
        for (int i = 0, j = 0; i < shapes.length; i++) {
            if (i != left) {
                stay[j] = shapes[i];
                stayIds[j] = ids[i];
                stayBeta[j] = beta[i];
                j++;
            }
        }
        assertThat(fit.ids).containsExactly(stayIds);
        assertThat(fit.fit("C5")).isNull();
        for (int d = 40; d < 42; d++) {
            float[][] x = day(stay, r);
            fit.addDay(d, supply(x, stayBeta, 2, 1e-3, 0, r), stayIds, x);
        }
        for (int i = 0; i < stayIds.length; i++) {
            assertThat(fit.fit(stayIds[i]).beta())
                    .as(stayIds[i])
                    .isCloseTo(stayBeta[i], within(0.005));
        }
        assertThat(fit.loadLoss).isCloseTo(1e-3, within(2e-5));
    }

    /**
     * A thief (C1, 0.4 kWh lost per kWh metered) and an honest neighbour (C2) with exactly the same
     * daily shape and the same mean: only their day-to-day factors and hourly noise differ. Noise
     * on the supply (0.3 kWh an hour, about 1% of it). The loss follows C1's days, not C2's: C2 is
     * not blamed.
     */
    @Test
    void doesNotBlameAnHonestCustomerWithTheThiefsShapeWhoseDaysDiffer() {
        Random r = new Random(7);
        double[] same = shape(0.3, 1.5, 0.6);
        double[][] shapes = withNeighbours(same, same);
        double[] beta = new double[shapes.length];
        beta[0] = 0.4;
        String[] ids = ids(shapes.length);
        LossRegression fit = new LossRegression();
        for (int d = 0; d < 60; d++) {
            float[][] x = day(shapes, r);
            fit.addDay(d, supply(x, beta, 1, 1e-3, 0.3, r), ids, x);
        }
        LossRegression.Fit thief = fit.fit("C1");
        LossRegression.Fit honest = fit.fit("C2");
        assertThat(thief.t()).as("the thief's β in standard errors").isGreaterThan(3);
        assertThat(thief.beta()).isCloseTo(0.4, within(3 * thief.se()));
        assertThat(honest.t()).as("the honest twin's β in standard errors").isLessThan(2);
    }

    /**
     * The fit and its standard errors against an independent computation: weighted least squares on
     * the day-to-day changes themselves (each day's hours weighted by 2^(−age / 21)), without the
     * common share (the β's then carry it: the same fitted values), solved by Gauss–Jordan in the
     * test; every β then counted from their median; σ² = weighted residual sum of squares / (weight
     * − parameters); a β's standard error that of its contrast with the customers' mean, (e_i −
     * 1/n)ᵀ V (e_i − 1/n). The residuals are independent by construction, so the fit's ρ stays near
     * 0 (its inflation is asserted small, then divided out).
     */
    @Test
    void agreesWithWeightedLeastSquaresOnTheDaysChanges() {
        Random r = new Random(3);
        int n = 10;
        double[][] shapes = new double[n][];
        double[] beta = new double[n];
        for (int i = 0; i < n; i++) {
            shapes[i] = shape(0.2 + 0.1 * i, 1.5 - 0.1 * i, 0.1 * i);
            beta[i] = 0.1 + 0.04 * i;
        }
        String[] ids = ids(n);
        int days = 40;
        int p = 2 + n; // drift, load loss, the customers
        double[][] rows = new double[(days - 1) * 24][];
        double[] ys = new double[(days - 1) * 24];
        LossRegression fit = new LossRegression();
        float[][] last = null;
        double[] lastSupply = null;
        for (int d = 0; d < days; d++) {
            float[][] x = day(shapes, r);
            double[] supply = supply(x, beta, 0.5, 1e-3, 0.05, r);
            if (last != null) {
                for (int h = 0; h < 24; h++) {
                    double[] row = new double[p];
                    double m = 0;
                    double m0 = 0;
                    for (int i = 0; i < n; i++) {
                        row[2 + i] = x[i][h] - last[i][h];
                        m += x[i][h];
                        m0 += last[i][h];
                    }
                    row[0] = 1;
                    row[1] = m * m - m0 * m0;
                    rows[(d - 1) * 24 + h] = row;
                    ys[(d - 1) * 24 + h] = (supply[h] - m) - (lastSupply[h] - m0);
                }
            }
            last = x;
            lastSupply = supply;
            fit.addDay(d, supply, ids, x);
        }
        double[][] m = new double[p][p + 1];
        double weight = 0;
        for (int k = 0; k < rows.length; k++) {
            double w = Math.pow(0.5, (days - 2 - k / 24) / 21.0);
            weight += w;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    m[i][j] += w * rows[k][i] * rows[k][j];
                }
                m[i][p] += w * rows[k][i] * ys[k];
            }
        }
        double[][] inv = invert(m, p);
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                b[i] += inv[i][j] * m[j][p];
            }
        }
        double rss = 0;
        for (int k = 0; k < rows.length; k++) {
            double w = Math.pow(0.5, (days - 2 - k / 24) / 21.0);
            double e = ys[k];
            for (int i = 0; i < p; i++) {
                e -= b[i] * rows[k][i];
            }
            rss += w * e * e;
        }
        double sigma2 = rss / (weight - p);
        double[] raw = Arrays.copyOfRange(b, 2, p);
        double[] sorted = raw.clone();
        Arrays.sort(sorted);
        double median = (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double rho = Math.max(0, fit.rho);
        assertThat(rho).as("independent residuals").isLessThan(0.15);
        double inflation = (1 + rho) / (1 - rho);
        assertThat(fit.commonShare).isCloseTo(median, within(1e-3));
        for (int i = 0; i < n; i++) {
            LossRegression.Fit f = fit.fit(ids[i]);
            assertThat(f.beta()).as("β").isCloseTo(raw[i] - median, within(1e-3));
            double v = 0;
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < n; c++) {
                    double ca = (a == i ? 1 : 0) - 1.0 / n;
                    double cc = (c == i ? 1 : 0) - 1.0 / n;
                    v += ca * inv[2 + a][2 + c] * cc;
                }
            }
            double se = Math.sqrt(sigma2 * v);
            assertThat(f.se() / Math.sqrt(inflation)).as("se").isCloseTo(se, within(0.02 * se));
        }
    }

    private static double[][] invert(double[][] m, int p) {
        double[][] a = new double[p][2 * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                a[i][j] = m[i][j];
            }
            a[i][p + i] = 1;
        }
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int i = c + 1; i < p; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) {
                    piv = i;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            double v = a[c][c];
            for (int j = 0; j < 2 * p; j++) {
                a[c][j] /= v;
            }
            for (int i = 0; i < p; i++) {
                if (i != c) {
                    double f = a[i][c];
                    for (int j = 0; j < 2 * p; j++) {
                        a[i][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(a[i], p, inv[i], 0, p);
        }
        return inv;
    }

    /** A day more than two days after the last balanced one starts again: nothing is added. */
    @Test
    void aLongGapStartsTheChangesAgain() {
        Random r = new Random(5);
        double[][] shapes = withNeighbours();
        String[] ids = ids(shapes.length);
        double[] beta = new double[shapes.length];
        LossRegression fit = new LossRegression();
        float[][] x = day(shapes, r);
        fit.addDay(0, supply(x, beta, 1, 1e-3, 0.1, r), ids, x);
        x = day(shapes, r);
        fit.addDay(1, supply(x, beta, 1, 1e-3, 0.1, r), ids, x);
        assertThat(fit.days).isEqualTo(1);
        x = day(shapes, r);
        fit.addDay(4, supply(x, beta, 1, 1e-3, 0.1, r), ids, x);
        assertThat(fit.days).as("three days after: not a change").isEqualTo(1);
        x = day(shapes, r);
        fit.addDay(6, supply(x, beta, 1, 1e-3, 0.1, r), ids, x);
        assertThat(fit.days).isEqualTo(2);
    }

    /**
     * Λ = E·(2·min(Ŝ, E) − E)/(2·se²): E = 5, se = 1; Ŝ = 4 gives 5 × 3 / 2 = 7.5 nats; Ŝ = 7
     * counts as 5: 12.5; Ŝ = 0 gives −12.5. The half-life is 21 days: 21 days hold half the weight.
     */
    @Test
    void likelihoodRatioOfTheDrop() {
        assertThat(LossRegression.logLikelihoodRatio(4, 1, 5)).isCloseTo(7.5, within(1e-9));
        assertThat(LossRegression.logLikelihoodRatio(7, 1, 5)).isCloseTo(12.5, within(1e-9));
        assertThat(LossRegression.logLikelihoodRatio(0, 1, 5)).isCloseTo(-12.5, within(1e-9));
        assertThat(LossRegression.logLikelihoodRatio(4, 1, 0)).isZero();
        assertThat(LossRegression.weightSince(21)).isCloseTo(0.5, within(1e-12));
    }

    /**
     * The case's use of it, by hand: usual 12 kWh a day, recent 8 (a drop D of 4) from 20 days ago,
     * so 21 days of the fit's weight: w = 0.5, and a stolen drop predicts Ŝ = 2. A fit of β = 0.25
     * ± 0.05 says Ŝ = 0.25 × 8 = 2 ± 0.4: Λ = 2 × (4 − 2) / (2 × 0.16) = 12.5 nats, more than the 2
     * spreads it may add. β = 0 ± 0.05: Λ = −12.5, clearing by the most, 2 spreads, while the day
     * keeps its shape; with the shape changed (1.5 spreads), nothing.
     */
    @Test
    void aCaseWeighsTheFitAgainstItsDrop() {
        TheftEvidence e = new TheftEvidence();
        e.usualKwh = 12;
        e.recentKwh = 8;
        e.areaLoss.from = 1000;
        e.addHourlyFit(new LossRegression.Fit(0.25, 0.05, 30), 1020, e.usualKwh);
        assertThat(e.hourlyStolenKwh).isCloseTo(2f, within(1e-5f));
        assertThat(e.hourlySpreads).isCloseTo(2f, within(1e-6f));
        e.addHourlyFit(new LossRegression.Fit(0, 0.05, 30), 1020, e.usualKwh);
        assertThat(e.hourlySpreads).isCloseTo(-2f, within(1e-6f));
        e.smoothed[Feature.SHAPE.ordinal()] = 1.5f;
        e.addHourlyFit(new LossRegression.Fit(0, 0.05, 30), 1020, e.usualKwh);
        assertThat(e.hourlySpreads).isZero();
        e.areaLoss.from = LossMatch.NONE;
        e.addHourlyFit(new LossRegression.Fit(0.25, 0.05, 30), 1020, e.usualKwh);
        assertThat(e.hourlySpreads).as("no drop, no evidence").isZero();
    }
}
