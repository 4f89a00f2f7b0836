package org.gridwatch.core.detect;

import java.util.Arrays;
import java.util.Locale;

/**
 * The area's loss hour by hour, against each customer's metered hours (台区线损, interval by interval).
 * A meter made to read a share α of the load under-registers by ((1 − α) / α) × what it meters, in
 * every interval: the energy a thief takes follows its own load through the day, and so does the
 * area's loss. So the area's loss in hour t is regressed on its customers' metered hours:
 *
 * <pre>  loss_t = c₀ + c₁ · m_t² + Σ_i β_i · x_{i,t} + e_t,   β_i ≥ 0</pre>
 *
 * with loss_t the supply at the transformer less the metered total m_t = Σ_i x_{i,t} (kWh in the
 * hour). c₀ is the no-load (iron) loss of the transformer, the same in every hour it is energised;
 * c₁ · m_t² the load (copper) loss of the transformer and the lines, ∝ current², so ∝ the hour's
 * energy squared at a steady voltage. The metered total stands for the load, not the supply: the
 * supply meter's own noise would be on both sides of the regression and bias c₁, and through it
 * every β (measured: 1.5 standard errors low); what the thieves take is a few percent of the load,
 * and its square's share of the copper loss is second order. β_i is the energy lost per kWh
 * customer i's meter reports: 0 for an honest meter, (1 − α) / α for a meter scaled by α. Honest
 * customers with the same daily shape as a thief are not blamed where their day-to-day variations
 * differ: the regression attributes the loss to whose load it follows hour by hour, over weeks.
 *
 * <p>Kept as sufficient statistics with exponential forgetting (a half-life of {@link
 * #HALF_LIFE_DAYS} days): the Gram matrix XᵀX (packed, lower triangle), Xᵀy, yᵀy and the hours'
 * weight; each closed day adds its 24 hours and the fit is solved once a day, by non-negative least
 * squares (Lawson–Hanson, on the Gram matrix) with c₀ and c₁ free, after a ridge of {@link #RIDGE}
 * of each customer's own diagonal (numerical: two customers whose hours are nearly proportional
 * share the loss instead of swinging it between them). The standard error of β_i is σ · √[(XᵀX +
 * ridge)⁻¹]_ii, σ² the residual variance per hour over the hours' weight less the fitted
 * parameters, inflated for the residuals' correlation from hour to hour (ρ, smoothed over the days:
 * an AR(1) error's variance of a mean is (1 + ρ) / (1 − ρ) times an independent one's; the misfit
 * of a technical-loss model runs in hours, not in single readings). It is computed from the full
 * unconstrained inverse: at least as wide as the constrained fit's.
 *
 * <p>State: n customers regressed make (n + 2)(n + 3) / 2 doubles of Gram; at most {@link
 * #MAX_REGRESSED} customers are regressed per area, in the order they first reported (the others'
 * energy stays in the loss, unattributed). A Flink POJO.
 */
public final class LossRegression {
    /** The technical-loss regressors: the no-load loss (a constant) and the load loss (m²). */
    public static final int TECH = 2;

    /**
     * Half-life of a day's hours in the statistics: about three weeks of effective days, so that an
     * area of a hundred customers has ~500 hours for its ~100 coefficients, and a theft that began
     * a fortnight ago weighs half.
     */
    static final double HALF_LIFE_DAYS = 14;

    static final double FORGET = Math.pow(0.5, 1.0 / HALF_LIFE_DAYS);

    /**
     * Customers regressed per area, at most: state grows as n², and a public area's transformer (up
     * to 400 kVA) serves up to a few hundred households. 200 keeps an area's Gram under 165 KB,
     * about 800 B a customer at 200 and 550 B at 300.
     */
    public static final int MAX_REGRESSED = 200;

    /** Ridge on each customer's diagonal, as a share of it. */
    static final double RIDGE = 1e-4;

    /** Days of statistics before a customer's β is told: the fit must see it vary. */
    public static final int MIN_DAYS = 14;

    /** Hours' weight per parameter before any β is told. */
    static final double MIN_HOURS_PER_PARAMETER = 3;

    /** ρ is kept below this: an inflation of at most 19. */
    static final double MAX_RHO = 0.9;

    public String[] ids = new String[0];

    /** XᵀX, packed lower triangle by rows: (i, j ≤ i) at i(i + 1)/2 + j. */
    public double[] gram = new double[TECH * (TECH + 1) / 2];

    public double[] xy = new double[TECH];
    public double yy;
    public double hours;
    public int days;
    public float rho = Float.NaN;

    /** The latest fit: β, its standard error (NaN until told), per regressed customer. */
    public float[] beta = new float[0];

    public float[] se = new float[0];

    /** The latest fit's technical loss: c₀ (kWh an hour) and c₁ (per kWh). */
    public double noLoadKwh;

    public double loadLoss;

    /** The latest fit's residual σ per hour, kWh (before the inflation). */
    public double sigma = Double.NaN;

    public LossRegression() {}

    /** A customer's fit: β (kWh lost per kWh metered), its standard error, days of statistics. */
    public record Fit(double beta, double se, int days) {
        /** β in its standard errors. */
        public double t() {
            return beta / se;
        }
    }

    /** The customer's latest fit, or null (not regressed, or not told yet). */
    public Fit fit(String customerId) {
        int i = indexOf(customerId);
        if (i < 0 || Float.isNaN(se[i])) {
            return null;
        }
        return new Fit(beta[i], se[i], days);
    }

    private int indexOf(String customerId) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(customerId)) {
                return i;
            }
        }
        return -1;
    }

    private static int at(int i, int j) {
        return i >= j ? i * (i + 1) / 2 + j : j * (j + 1) / 2 + i;
    }

    /**
     * Takes one balanced day of the area and solves the fit.
     *
     * @param supplied the area's supply in each of the day's 24 hours, kWh
     * @param customerIds every customer that reported the day
     * @param hourly their metered energy in each hour, kWh (24 each)
     */
    public void addDay(double[] supplied, String[] customerIds, float[][] hourly) {
        int[] slot = new int[customerIds.length];
        for (int k = 0; k < customerIds.length; k++) {
            slot[k] = indexOf(customerIds[k]);
            if (slot[k] < 0 && ids.length < MAX_REGRESSED) {
                slot[k] = grow(customerIds[k]);
            }
        }
        int p = TECH + ids.length;
        for (int i = 0; i < gram.length; i++) {
            gram[i] *= FORGET;
        }
        for (int i = 0; i < p; i++) {
            xy[i] *= FORGET;
        }
        yy *= FORGET;
        hours *= FORGET;
        double[][] z = new double[DayLoad.HOURS][p];
        double[] y = new double[DayLoad.HOURS];
        for (int h = 0; h < DayLoad.HOURS; h++) {
            double metered = 0;
            z[h][0] = 1;
            for (int k = 0; k < customerIds.length; k++) {
                double x = hourly[k][h];
                metered += x;
                if (slot[k] >= 0) {
                    z[h][TECH + slot[k]] = x;
                }
            }
            z[h][1] = metered * metered;
            double loss = supplied[h] - metered;
            y[h] = loss;
            for (int i = 0; i < p; i++) {
                double zi = z[h][i];
                if (zi == 0) {
                    continue;
                }
                xy[i] += zi * loss;
                int row = i * (i + 1) / 2;
                for (int j = 0; j <= i; j++) {
                    gram[row + j] += zi * z[h][j];
                }
            }
            yy += loss * loss;
            hours++;
        }
        days++;
        solve();
        learnRho(z, y);
    }

    private int grow(String customerId) {
        int n = ids.length;
        ids = Arrays.copyOf(ids, n + 1);
        ids[n] = customerId;
        int p = TECH + n + 1;
        gram = Arrays.copyOf(gram, p * (p + 1) / 2);
        xy = Arrays.copyOf(xy, p);
        beta = Arrays.copyOf(beta, n + 1);
        se = Arrays.copyOf(se, n + 1);
        se[n] = Float.NaN;
        return n;
    }

    /** Solves β by NNLS and their standard errors; NaN errors while too little is known. */
    void solve() {
        int p = TECH + ids.length;
        double[][] a = new double[p][p];
        double[] b = xy.clone();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = gram[at(i, j)];
            }
        }
        for (int i = TECH; i < p; i++) {
            a[i][i] += RIDGE * a[i][i];
        }
        // Jacobi scaling: m² is ~10⁴ kWh², a household's hour ~1 kWh
        double[] d = new double[p];
        for (int i = 0; i < p; i++) {
            d[i] = a[i][i] > 0 ? Math.sqrt(a[i][i]) : 1;
            if (a[i][i] <= 0) {
                a[i][i] = 1; // a customer that never consumed: β 0
            }
        }
        for (int i = 0; i < p; i++) {
            b[i] /= d[i];
            for (int j = 0; j < p; j++) {
                a[i][j] /= d[i] * d[j];
            }
        }
        double[] x = nnls(a, b, TECH);
        double[] coef = new double[p];
        int active = 0;
        for (int i = 0; i < p; i++) {
            coef[i] = x[i] / d[i];
            active += i < TECH || x[i] > 0 ? 1 : 0;
        }
        noLoadKwh = coef[0];
        loadLoss = coef[1];
        // residual sum of squares from the statistics, unridged: yᵀy − 2βᵀXᵀy + βᵀXᵀXβ
        double rss = yy;
        for (int i = 0; i < p; i++) {
            rss -= 2 * coef[i] * xy[i];
            for (int j = 0; j < p; j++) {
                rss += coef[i] * gram[at(i, j)] * coef[j];
            }
        }
        double dof = hours - active;
        boolean told = days >= MIN_DAYS && hours >= MIN_HOURS_PER_PARAMETER * p && dof > 0;
        sigma = dof > 0 ? Math.sqrt(Math.max(0, rss) / dof) : Double.NaN;
        double[] inv = told ? inverseDiagonal(a) : null;
        double r = Float.isNaN(rho) ? 0 : Math.max(0, rho);
        double inflation = (1 + r) / (1 - r);
        for (int i = 0; i < ids.length; i++) {
            beta[i] = (float) coef[TECH + i];
            se[i] =
                    inv == null || Double.isNaN(inv[TECH + i])
                            ? Float.NaN
                            : (float) (sigma * Math.sqrt(inflation * inv[TECH + i]) / d[TECH + i]);
        }
    }

    /** The day's residuals' correlation from hour to hour, smoothed as the statistics forget. */
    private void learnRho(double[][] z, double[] y) {
        int p = TECH + ids.length;
        double[] coef = new double[p];
        coef[0] = noLoadKwh;
        coef[1] = loadLoss;
        for (int i = 0; i < ids.length; i++) {
            coef[TECH + i] = beta[i];
        }
        double[] e = new double[y.length];
        for (int h = 0; h < y.length; h++) {
            double fit = 0;
            for (int i = 0; i < p; i++) {
                fit += coef[i] * z[h][i];
            }
            e[h] = y[h] - fit;
        }
        double lag = 0;
        double sq = 0;
        for (int h = 0; h < e.length; h++) {
            sq += e[h] * e[h];
            if (h + 1 < e.length) {
                lag += e[h] * e[h + 1];
            }
        }
        if (sq <= 0) {
            return;
        }
        double today = Math.max(-MAX_RHO, Math.min(MAX_RHO, lag / sq));
        rho = Float.isNaN(rho) ? (float) today : (float) (rho + (1 - FORGET) * (today - rho));
    }

    /**
     * Non-negative least squares on a Gram matrix (Lawson and Hanson, 1974, in normal-equation
     * form): minimises ½ xᵀAx − bᵀx with x_i ≥ 0 for i ≥ {@code free}, the first {@code free}
     * unconstrained.
     */
    static double[] nnls(double[][] a, double[] b, int free) {
        int p = b.length;
        boolean[] passive = new boolean[p];
        boolean[] excluded = new boolean[p];
        for (int i = 0; i < free; i++) {
            passive[i] = true;
        }
        double[] x = solvePassive(a, b, passive);
        for (int iter = 0; iter < 3 * p + 10; iter++) {
            int j = -1;
            double best = 1e-12;
            for (int i = free; i < p; i++) {
                if (passive[i] || excluded[i]) {
                    continue;
                }
                double w = b[i];
                for (int k = 0; k < p; k++) {
                    w -= a[i][k] * x[k];
                }
                if (w > best) {
                    best = w;
                    j = i;
                }
            }
            if (j < 0) {
                break;
            }
            passive[j] = true;
            while (true) {
                double[] s = solvePassive(a, b, passive);
                if (s[j] <= 0 && x[j] == 0) {
                    passive[j] = false; // numerically degenerate: leave it out
                    excluded[j] = true;
                    break;
                }
                double alpha = 1;
                for (int i = free; i < p; i++) {
                    if (passive[i] && s[i] <= 0) {
                        alpha = Math.min(alpha, x[i] / (x[i] - s[i]));
                    }
                }
                if (alpha >= 1) {
                    x = s;
                    break;
                }
                for (int i = 0; i < p; i++) {
                    x[i] += alpha * (s[i] - x[i]);
                }
                for (int i = free; i < p; i++) {
                    if (passive[i] && x[i] <= 1e-15) {
                        passive[i] = false;
                        x[i] = 0;
                    }
                }
            }
        }
        return x;
    }

    /** Solves A_PP x_P = b_P, x zero elsewhere. */
    private static double[] solvePassive(double[][] a, double[] b, boolean[] passive) {
        int p = b.length;
        int[] idx = new int[p];
        int m = 0;
        for (int i = 0; i < p; i++) {
            if (passive[i]) {
                idx[m++] = i;
            }
        }
        double[][] sub = new double[m][m];
        double[] rhs = new double[m];
        for (int i = 0; i < m; i++) {
            rhs[i] = b[idx[i]];
            for (int j = 0; j < m; j++) {
                sub[i][j] = a[idx[i]][idx[j]];
            }
        }
        double[] sol = choleskySolve(sub, rhs);
        double[] x = new double[p];
        for (int i = 0; i < m; i++) {
            x[idx[i]] = sol[i];
        }
        return x;
    }

    /** Cholesky factor of a symmetric matrix, lower; a pivot ≤ 0 is lifted to a tiny one. */
    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-12));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    static double[] choleskySolve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = cholesky(a);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** The diagonal of A⁻¹, from its Cholesky factor: [A⁻¹]_ii = Σ_k (L⁻¹)_ki². */
    static double[] inverseDiagonal(double[][] a) {
        int n = a.length;
        double[][] l = cholesky(a);
        double[] diag = new double[n];
        double[] col = new double[n];
        for (int i = 0; i < n; i++) {
            // column i of L⁻¹: solve L c = e_i
            Arrays.fill(col, 0);
            for (int r = i; r < n; r++) {
                double s = r == i ? 1 : 0;
                for (int k = i; k < r; k++) {
                    s -= l[r][k] * col[k];
                }
                col[r] = s / l[r][r];
                diag[i] += col[r] * col[r];
            }
        }
        return diag;
    }

    /**
     * The log-likelihood ratio of "the customer's drop is stolen energy" against "it is its own",
     * from its β: under the first, β = β* (the share the drop implies: the usual day over the
     * recent one, less 1, a meter scaled by α = recent / usual), under the second β = 0; β̂ ~ N(β,
     * se²). As {@link LossMatch}'s, a β̂ above β* counts as β* (other loss the customer's drop does
     * not explain is not its evidence):
     *
     * <pre>  Λ = β* · (2·min(β̂, β*) − β*) / (2·se²)   (β* &gt; 0; else 0)</pre>
     */
    static double logLikelihoodRatio(double betaHat, double se, double betaStar) {
        if (!(betaStar > 0) || !(se > 0)) {
            return 0;
        }
        return betaStar * (2 * Math.min(betaHat, betaStar) - betaStar) / (2 * se * se);
    }

    /**
     * The stolen share a drop implies: usual / recent − 1 (a meter reading a share α of the load
     * under-registers by (1 − α) / α of what it meters); 0 without a drop.
     */
    static double impliedShare(double usualKwh, double recentKwh) {
        if (!(usualKwh > 0) || !(recentKwh > 0) || recentKwh >= usualKwh) {
            return 0;
        }
        return usualKwh / recentKwh - 1;
    }

    /**
     * Λ nats as spreads of the case's strength: Λ / 1.5, within [0, {@link LossMatch#MAX_SPREADS}].
     */
    static double spreads(double logLikelihoodRatio) {
        return LossMatch.spreads(logLikelihoodRatio);
    }

    /** What an inspector reads, e.g. "area A012's hourly loss follows this customer's load: …". */
    static String describe(String areaId, double beta, double se, double meteredKwh, int days) {
        return String.format(
                Locale.ROOT,
                "area %s's hourly loss follows this customer's metered hours: %.2f kWh lost per"
                        + " kWh metered (± %.2f), about %.1f kWh/day (%d days)",
                areaId,
                beta,
                se,
                beta * meteredKwh,
                days);
    }
}
