package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossRegressionTest {
    /** A household-like hour: a shape through the day, a factor for the day, some noise. */
    private static float load(double[] shape, double dayFactor, int h, Random r) {
        return (float) (shape[h] * dayFactor * (0.7 + 0.6 * r.nextDouble()));
    }

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

    private static float[][] day(double[][] shapes, Random r) {
        float[][] x = new float[shapes.length][24];
        for (int i = 0; i < shapes.length; i++) {
            double f = 0.5 + r.nextDouble();
            for (int h = 0; h < 24; h++) {
                x[i][h] = load(shapes[i], f, h, r);
            }
        }
        return x;
    }

    /**
     * An area of 33 households, the loss built by hand: a no-load loss of 2 kWh an hour, a load
     * loss of 10⁻³ per kWh² of the hour's metered total, and customer C1 metering 2/3 of its load,
     * so that it takes 0.5 kWh per kWh metered. Without noise NNLS must give back what was built
     * (the ridge of 10⁻³ of a diagonal moves it by less than the tolerance).
     */
    @Test
    void recoversTheStolenShareAndTheTechnicalLossOfAHandBuiltArea() {
        Random r = new Random(1);
        double[][] shapes =
                withNeighbours(shape(0.3, 1.5, 0.6), shape(0.5, 0.8, 1.2), shape(1.0, 0.4, 0.2));
        double[] beta = new double[shapes.length];
        beta[0] = 0.5;
        String[] ids = ids(shapes.length);
        LossRegression fit = new LossRegression();
        for (int d = 0; d < 40; d++) {
            float[][] x = day(shapes, r);
            fit.addDay(supply(x, beta, 2, 1e-3, 0, r), ids, x);
        }
        assertThat(fit.fit("C1").beta()).isCloseTo(0.5, within(0.005));
        for (int i = 1; i < shapes.length; i++) {
            assertThat(fit.fit(ids[i]).beta()).as(ids[i]).isCloseTo(0, within(0.005));
        }
        assertThat(fit.noLoadKwh).isCloseTo(2, within(0.05));
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
            fit.addDay(supply(x, beta, 1, 1e-3, 0.3, r), ids, x);
        }
        LossRegression.Fit thief = fit.fit("C1");
        LossRegression.Fit honest = fit.fit("C2");
        assertThat(thief.t()).as("the thief's β in standard errors").isGreaterThan(5);
        assertThat(thief.beta()).isCloseTo(0.4, within(3 * thief.se()));
        assertThat(honest.t()).as("the honest twin's β in standard errors").isLessThan(2);
    }

    /**
     * The standard error against an independent computation: ridge-weighted least squares on the
     * rows themselves (each day's hours weighted by 2^(−age / 14), 10⁻³ of each customer's diagonal
     * added), solved by Gauss–Jordan in the test, σ² = weighted residual sum of squares / (weight −
     * parameters). Every β is positive here, so NNLS is that fit; the residuals are independent by
     * construction, so the fit's ρ stays near 0 (its inflation is asserted small, then divided
     * out).
     */
    @Test
    void standardErrorsAreThoseOfWeightedLeastSquares() {
        Random r = new Random(3);
        int n = 10;
        double[][] shapes = new double[n][];
        double[] beta = new double[n];
        for (int i = 0; i < n; i++) {
            shapes[i] = shape(0.2 + 0.1 * i, 1.5 - 0.1 * i, 0.1 * i);
            beta[i] = 0.1 + 0.04 * i;
        }
        String[] ids = ids(n);
        int days = 30;
        int p = LossRegression.TECH + n;
        double[][] rows = new double[days * 24][];
        double[] ys = new double[days * 24];
        LossRegression fit = new LossRegression();
        for (int d = 0; d < days; d++) {
            float[][] x = day(shapes, r);
            double[] supply = supply(x, beta, 0.5, 1e-3, 0.05, r);
            for (int h = 0; h < 24; h++) {
                rows[d * 24 + h] = new double[p];
                rows[d * 24 + h][0] = 1;
                ys[d * 24 + h] = supply[h];
                double metered = 0;
                for (int i = 0; i < n; i++) {
                    rows[d * 24 + h][2 + i] = x[i][h];
                    ys[d * 24 + h] -= x[i][h];
                    metered += x[i][h];
                }
                rows[d * 24 + h][1] = metered * metered;
            }
            fit.addDay(supply, ids, x);
        }
        double[][] m = new double[p][p + 1];
        double weight = 0;
        for (int k = 0; k < rows.length; k++) {
            double w = Math.pow(0.5, (days - 1 - k / 24) / 14.0);
            weight += w;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    m[i][j] += w * rows[k][i] * rows[k][j];
                }
                m[i][p] += w * rows[k][i] * ys[k];
            }
        }
        double[][] ridged = new double[p][p];
        for (int i = 0; i < p; i++) {
            ridged[i] = m[i].clone();
            if (i >= 2) {
                ridged[i][i] *= 1 + 1e-4;
            }
        }
        double[][] inv = invert(ridged, p);
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                b[i] += inv[i][j] * m[j][p];
            }
        }
        double rss = 0;
        for (int k = 0; k < rows.length; k++) {
            double w = Math.pow(0.5, (days - 1 - k / 24) / 14.0);
            double e = ys[k];
            for (int i = 0; i < p; i++) {
                e -= b[i] * rows[k][i];
            }
            rss += w * e * e;
        }
        double sigma2 = rss / (weight - p);
        double rho = Math.max(0, fit.rho);
        assertThat(rho).as("independent residuals").isLessThan(0.15);
        double inflation = (1 + rho) / (1 - rho);
        for (int i = 0; i < n; i++) {
            LossRegression.Fit f = fit.fit(ids[i]);
            assertThat(f.beta()).as("β").isPositive().isCloseTo(b[2 + i], within(1e-4));
            double se = Math.sqrt(sigma2 * inv[2 + i][2 + i]);
            assertThat(f.se() / Math.sqrt(inflation)).as("se").isCloseTo(se, within(0.01 * se));
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

    /**
     * By hand: A = [[2, 1], [1, 2]], b = (1, −1). Unconstrained x = A⁻¹b = (1, −1); with x ≥ 0 the
     * second is 0 and the first b₁ / A₁₁ = 0.5, where the second's gradient b₂ − A₂₁·0.5 = −1.5
     * &lt; 0 keeps it at the bound.
     */
    @Test
    void nonNegativeLeastSquaresByHand() {
        double[] x = LossRegression.nnls(new double[][] {{2, 1}, {1, 2}}, new double[] {1, -1}, 0);
        assertThat(x[0]).isCloseTo(0.5, within(1e-12));
        assertThat(x[1]).isEqualTo(0);
        double[] free =
                LossRegression.nnls(new double[][] {{2, 1}, {1, 2}}, new double[] {1, -1}, 1);
        // the first free, the second still ≥ 0: the same answer
        assertThat(free[0]).isCloseTo(0.5, within(1e-12));
        double[] both =
                LossRegression.nnls(new double[][] {{2, 1}, {1, 2}}, new double[] {1, -1}, 2);
        assertThat(both[0]).isCloseTo(1, within(1e-12));
        assertThat(both[1]).isCloseTo(-1, within(1e-12));
    }

    /**
     * Λ = β*·(2·min(β̂, β*) − β*)/(2·se²): β* = 0.5, se = 0.1; β̂ = 0.4 gives 0.5 × 0.3 / 0.02 =
     * 7.5 nats; β̂ = 0.7 counts as 0.5: 12.5; β̂ = 0 gives −12.5. A customer whose day fell from 20
     * to 16 kWh implies 20/16 − 1 = 0.25.
     */
    @Test
    void likelihoodRatioOfTheImpliedShare() {
        assertThat(LossRegression.logLikelihoodRatio(0.4, 0.1, 0.5)).isCloseTo(7.5, within(1e-9));
        assertThat(LossRegression.logLikelihoodRatio(0.7, 0.1, 0.5)).isCloseTo(12.5, within(1e-9));
        assertThat(LossRegression.logLikelihoodRatio(0, 0.1, 0.5)).isCloseTo(-12.5, within(1e-9));
        assertThat(LossRegression.logLikelihoodRatio(0.4, 0.1, 0)).isZero();
        assertThat(LossRegression.impliedShare(20, 16)).isCloseTo(0.25, within(1e-12));
        assertThat(LossRegression.impliedShare(20, 21)).isZero();
    }
}
