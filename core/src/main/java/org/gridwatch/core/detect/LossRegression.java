package org.gridwatch.core.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The area's loss hour by hour, against each customer's metered hours (台区线损, interval by interval).
 * Energy a meter does not report is not gone: the transformer still supplies it, so the area's loss
 * in each hour rises by what the area's thieves took in that hour, and a meter made to read a share
 * α of the load under-registers by ((1 − α) / α) × what it meters, in every hour: the energy a
 * thief takes follows its own load through the day and from day to day. When a household uses less,
 * the transformer supplies less. So the area's loss is regressed on its customers' metered hours,
 * each hour's change from the same hour of the last balanced day (Δ):
 *
 * <pre>  Δloss_t = a + b · Δm_t + c · Δ(m_t²) + Σ_i β_i · Δx_{i,t} + e_t</pre>
 *
 * with loss_t the supply at the transformer less the metered total m_t = Σ_i x_{i,t} (kWh in the
 * hour). β_i is the energy lost per kWh customer i's meter reports, counted from the median
 * customer's (most are honest): 0 for an honest meter, (1 − α) / α for a meter scaled by α. It is
 * told by how the loss follows the customer's hours from day to day, so two customers with the same
 * daily shape are told apart by their different days.
 *
 * <p>Each term, and why (each measured on the simulated fleet, a tenth of whose customers steal in
 * every way, or on a synthetic area; docs/detection.md):
 *
 * <ul>
 *   <li>c · Δ(m²): the load (copper) loss of the transformer and the lines, ∝ current², so ∝ the
 *       hour's energy squared at a steady voltage. The metered total stands for the load, not the
 *       supply: the supply meter's own noise would be on both sides and bias c, and through it
 *       every β (1.5 standard errors low); what thieves take is a few percent of the load, and its
 *       square's share of the copper loss is second order.
 *   <li>b · Δm: a share of the metered total common to every customer: meters that all read a
 *       little low, and the copper loss's own slope about the area's usual load (m² about its mean
 *       is nearly linear in m). Without it the copper loss was shared out among the customers as
 *       small β's, a quarter of the honest ones 2 standard errors above 0. With it b and the β's
 *       are one degree of freedom short (Δm is the sum of the Δx's): the least-squares solution
 *       with a tiny ridge on the β's is taken, every β is then counted from the median customer's
 *       (b takes the median), and each β's standard error is that of its contrast with the
 *       customers' mean, β_i − β̄, which the data determine. No β is held at 0 or above: against a
 *       median a negative β is as possible as a positive one.
 *   <li>The day's change, not the hour's level, and a drift a: the no-load (iron) loss, which is
 *       the same every hour, and any loss that comes back at the same hour every day that no
 *       customer's hours explain (a bypass's appliance, a meter stopped in the same window every
 *       day, a cap on the same peak) fall out of a change from one day to the next. Fitted on the
 *       levels, such loss was given to honest neighbours whose hours happened to match it, and no
 *       scaled meter was found at all.
 *   <li>A customer whose day halved or doubled from the last ({@link #MAX_DAY_STEP}) is left out of
 *       that day: at a meter's first scaled day its metered hours fall as the loss rises, a step
 *       that outweighed weeks of its hours following the loss (a meter at 0.3 was fitted at 0). A
 *       step of level is the daily match's evidence ({@link LossMatch}).
 * </ul>
 *
 * <p>Kept as sufficient statistics with exponential forgetting (a half-life of {@link
 * #HALF_LIFE_DAYS} days): the Gram matrix ZᵀZ (packed, lower triangle), Zᵀy, yᵀy, the hours'
 * weight, and the last balanced day's hours; each closed day adds its 24 hours' changes and the fit
 * is solved once a day (Cholesky, on the Gram matrix scaled to a unit diagonal). σ² is the residual
 * variance per hour over the hours' weight less the fitted parameters, inflated for the residuals'
 * correlation from hour to hour (ρ, smoothed over the days: an AR(1) error's variance of a mean is
 * (1 + ρ) / (1 − ρ) times an independent one's; a technical-loss model's misfit runs in hours).
 *
 * <p>State: n customers regressed make (n + 3)(n + 4) / 2 doubles of Gram and 24 floats of the last
 * day each; at most {@link #MAX_REGRESSED} customers are regressed per area, in the order they
 * first reported (the others' energy stays in the loss, unattributed). A Flink POJO.
 */
public final class LossRegression {
    /**
     * The regressors every area has: a drift (the loss's change from one day to the next at the
     * same hour, common to all hours), the load loss (Δm²), and a share of the metered total (Δm).
     */
    public static final int TECH = 3;

    static final int DRIFT = 0;

    /** The column of the load loss. */
    static final int LOAD_LOSS = 1;

    /** The column of the common share. */
    static final int COMMON = 2;

    /**
     * A customer's day whose energy differs from its last by more than this (ln 2: halved or
     * doubled) is a step, left out of the fit that day.
     */
    static final double MAX_DAY_STEP = Math.log(2);

    /** A day is set against the last balanced day if that is at most this many days before it. */
    static final int MAX_GAP_DAYS = 2;

    /** The last balanced day's metered hours per regressed customer (NaN: it did not report). */
    public float[] previous = new float[0];

    /** The last balanced day's metered total and loss per hour, kWh. */
    public double[] previousMetered = new double[DayLoad.HOURS];

    public double[] previousLoss = new double[DayLoad.HOURS];

    /** The last balanced day (epoch day), {@link Long#MIN_VALUE} before any. */
    public long previousDay = Long.MIN_VALUE;

    /**
     * Half-life of a day's hours in the statistics: about a month of effective days, so that an
     * area of a hundred customers has ~740 hours for its ~103 coefficients, and a theft that began
     * three weeks ago weighs half.
     */
    static final double HALF_LIFE_DAYS = 21;

    static final double FORGET = Math.pow(0.5, 1.0 / HALF_LIFE_DAYS);

    /**
     * Customers regressed per area, at most: state grows as n², and a public area's transformer (up
     * to 400 kVA) serves up to a few hundred households. Measured (DetectorStateSizeTest): 952 B a
     * customer in an area of 200, the most; 555 B in an area of 100, 635 B in one of 300.
     */
    public static final int MAX_REGRESSED = 200;

    /**
     * Ridge on each customer's diagonal, as a share of it: numerical, it picks one solution along
     * the common share's missing degree of freedom (the median then sets it).
     */
    static final double RIDGE = 1e-4;

    /** Days of statistics before a customer's β is told: the fit must see it vary. */
    public static final int MIN_DAYS = 14;

    /** Hours' weight per parameter before any β is told. */
    static final double MIN_HOURS_PER_PARAMETER = 3;

    /** ρ is kept below this: an inflation of at most 19. */
    static final double MAX_RHO = 0.9;

    public String[] ids = new String[0];

    /** ZᵀZ, packed lower triangle by rows: (i, j ≤ i) at i(i + 1)/2 + j. */
    public double[] gram = new double[TECH * (TECH + 1) / 2];

    public double[] xy = new double[TECH];
    public double yy;
    public double hours;
    public int days;
    public float rho = Float.NaN;

    /** The latest fit: β and its standard error (NaN until told), per regressed customer. */
    public float[] beta = new float[0];

    public float[] se = new float[0];

    /** The latest fit's load-loss coefficient c, per kWh², and common share b. */
    public double loadLoss;

    public double commonShare;

    /** The latest fit's residual σ per hour, kWh (before the inflation). */
    public double sigma = Double.NaN;

    public LossRegression() {}

    /**
     * A customer's fit: β (kWh lost per kWh metered), its standard error, the days of statistics.
     */
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

    /** Whether every day of the area carries its hours ({@link DayReport#hourly}). */
    public static boolean hasHours(List<DayReport> days) {
        for (DayReport d : days) {
            if (d.hourly() == null) {
                return false;
            }
        }
        return !days.isEmpty();
    }

    /**
     * Takes one balanced day of the area from its customers' day reports ({@link #hasHours}).
     *
     * @param supplied the area's supply in each of the day's 24 hours, kWh
     */
    public void addDay(long epochDay, double[] supplied, List<DayReport> days) {
        String[] customerIds = new String[days.size()];
        float[][] hours = new float[days.size()][];
        for (int k = 0; k < days.size(); k++) {
            customerIds[k] = days.get(k).customerId();
            hours[k] = days.get(k).hourly();
        }
        addDay(epochDay, supplied, customerIds, hours);
    }

    /**
     * Takes one balanced day of the area and solves the fit. The day is set against the area's last
     * balanced day if that is at most {@link #MAX_GAP_DAYS} days before it; else it only starts the
     * changes again.
     *
     * @param epochDay the day
     * @param supplied the area's supply in each of the day's 24 hours, kWh
     * @param customerIds every customer that reported the day
     * @param hourly their metered energy in each hour, kWh (24 each)
     */
    public void addDay(long epochDay, double[] supplied, String[] customerIds, float[][] hourly) {
        int[] slot = new int[customerIds.length];
        for (int k = 0; k < customerIds.length; k++) {
            slot[k] = indexOf(customerIds[k]);
            if (slot[k] < 0 && ids.length < MAX_REGRESSED) {
                slot[k] = grow(customerIds[k]);
            }
        }
        int n = ids.length;
        int p = TECH + n;
        double[] metered = new double[DayLoad.HOURS];
        float[] today = new float[n * DayLoad.HOURS];
        Arrays.fill(today, Float.NaN);
        for (int k = 0; k < customerIds.length; k++) {
            for (int h = 0; h < DayLoad.HOURS; h++) {
                metered[h] += hourly[k][h];
                if (slot[k] >= 0) {
                    today[slot[k] * DayLoad.HOURS + h] = hourly[k][h];
                }
            }
        }
        boolean follows =
                previousDay != Long.MIN_VALUE
                        && epochDay > previousDay
                        && epochDay - previousDay <= MAX_GAP_DAYS;
        double[][] z = follows ? new double[DayLoad.HOURS][p] : null;
        double[] y = follows ? new double[DayLoad.HOURS] : null;
        if (follows) {
            for (int i = 0; i < gram.length; i++) {
                gram[i] *= FORGET;
            }
            for (int i = 0; i < p; i++) {
                xy[i] *= FORGET;
            }
            yy *= FORGET;
            hours *= FORGET;
            // a customer whose day halved or doubled from the last is left out of this day's
            // change: a step of level is the daily match's evidence, and at a meter's first
            // scaled day the step (metered down, loss up) would outweigh weeks of its hours
            boolean[] stepped = new boolean[n];
            for (int k = 0; k < n; k++) {
                double now = 0;
                double before = 0;
                for (int h = 0; h < DayLoad.HOURS; h++) {
                    now += today[k * DayLoad.HOURS + h];
                    before += previous[k * DayLoad.HOURS + h];
                }
                stepped[k] =
                        !(now > 0 && before > 0) || Math.abs(Math.log(now / before)) > MAX_DAY_STEP;
            }
            for (int h = 0; h < DayLoad.HOURS; h++) {
                double m0 = previousMetered[h];
                double m = metered[h];
                z[h][DRIFT] = 1;
                z[h][COMMON] = m - m0;
                z[h][LOAD_LOSS] = m * m - m0 * m0;
                for (int k = 0; k < n; k++) {
                    float x = today[k * DayLoad.HOURS + h];
                    float x0 = previous[k * DayLoad.HOURS + h];
                    z[h][TECH + k] = stepped[k] || Float.isNaN(x) || Float.isNaN(x0) ? 0 : x - x0;
                }
                double change = (supplied[h] - m) - previousLoss[h];
                y[h] = change;
                for (int i = 0; i < p; i++) {
                    double zi = z[h][i];
                    if (zi == 0) {
                        continue;
                    }
                    xy[i] += zi * change;
                    int row = i * (i + 1) / 2;
                    for (int j = 0; j <= i; j++) {
                        gram[row + j] += zi * z[h][j];
                    }
                }
                yy += change * change;
                hours++;
            }
            days++;
        }
        previous = today;
        for (int h = 0; h < DayLoad.HOURS; h++) {
            previousMetered[h] = metered[h];
            previousLoss[h] = supplied[h] - metered[h];
        }
        previousDay = epochDay;
        if (follows) {
            double[] coef = solve();
            learnRho(z, y, coef);
        }
    }

    /**
     * Forgets a customer that left the area ({@link DayReport#leaving}): its column goes from the
     * statistics, so that its slot (of {@link #MAX_REGRESSED}) is free for a customer the area has.
     * What its hours told the fit of the others stays, fading as every day does. No change if the
     * customer is not regressed.
     */
    public void remove(String customerId) {
        int k = indexOf(customerId);
        if (k < 0) {
            return;
        }
        int n = ids.length;
        int gone = TECH + k;
        int p = TECH + n;
        double[] kept = new double[(p - 1) * p / 2];
        int next = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                if (i != gone && j != gone) {
                    kept[next++] = gram[at(i, j)];
                }
            }
        }
        gram = kept;
        xy = without(xy, gone);
        ids =
                java.util.stream.IntStream.range(0, n)
                        .filter(i -> i != k)
                        .mapToObj(i -> ids[i])
                        .toArray(String[]::new);
        float[] hoursKept = new float[(n - 1) * DayLoad.HOURS];
        System.arraycopy(previous, 0, hoursKept, 0, k * DayLoad.HOURS);
        System.arraycopy(
                previous,
                (k + 1) * DayLoad.HOURS,
                hoursKept,
                k * DayLoad.HOURS,
                (n - k - 1) * DayLoad.HOURS);
        previous = hoursKept;
        beta = without(beta, k);
        se = without(se, k);
    }

    private static double[] without(double[] a, int k) {
        double[] out = new double[a.length - 1];
        System.arraycopy(a, 0, out, 0, k);
        System.arraycopy(a, k + 1, out, k, a.length - k - 1);
        return out;
    }

    private static float[] without(float[] a, int k) {
        float[] out = new float[a.length - 1];
        System.arraycopy(a, 0, out, 0, k);
        System.arraycopy(a, k + 1, out, k, a.length - k - 1);
        return out;
    }

    private int grow(String customerId) {
        int n = ids.length;
        ids = Arrays.copyOf(ids, n + 1);
        ids[n] = customerId;
        int p = TECH + n + 1;
        gram = Arrays.copyOf(gram, p * (p + 1) / 2);
        xy = Arrays.copyOf(xy, p);
        previous = Arrays.copyOf(previous, (n + 1) * DayLoad.HOURS);
        Arrays.fill(previous, n * DayLoad.HOURS, previous.length, Float.NaN);
        beta = Arrays.copyOf(beta, n + 1);
        se = Arrays.copyOf(se, n + 1);
        se[n] = Float.NaN;
        return n;
    }

    /**
     * Solves the fit and the standard errors (NaN while too little is known); returns all
     * coefficients. The common share b and the customers' β are one degree of freedom short (the
     * metered total is the sum of the customers' hours): the least-squares solution with a tiny
     * ridge on the β's is taken, then every β is counted from the median customer's (b takes the
     * median: most customers are honest), and each β's standard error is its contrast's with the
     * customers' mean, β_i − β̄, which the data determine.
     */
    double[] solve() {
        int p = TECH + ids.length;
        int n = ids.length;
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
                a[i][i] = 1; // a column never seen: its coefficient 0
            }
        }
        for (int i = 0; i < p; i++) {
            b[i] /= d[i];
            for (int j = 0; j < p; j++) {
                a[i][j] /= d[i] * d[j];
            }
        }
        double[] x = choleskySolve(a, b);
        double[] coef = new double[p];
        for (int i = 0; i < p; i++) {
            coef[i] = x[i] / d[i];
        }
        if (n > 0) {
            double[] raw = new double[n];
            for (int k = 0; k < n; k++) {
                raw[k] = coef[TECH + k];
            }
            Arrays.sort(raw);
            double median = n % 2 == 1 ? raw[n / 2] : (raw[n / 2 - 1] + raw[n / 2]) / 2;
            for (int k = 0; k < n; k++) {
                coef[TECH + k] -= median;
            }
            coef[COMMON] += median;
        }
        loadLoss = coef[LOAD_LOSS];
        commonShare = coef[COMMON];
        // residual sum of squares from the statistics, unridged: yᵀy − 2βᵀZᵀy + βᵀZᵀZβ
        double rss = yy;
        for (int i = 0; i < p; i++) {
            rss -= 2 * coef[i] * xy[i];
            for (int j = 0; j < p; j++) {
                rss += coef[i] * gram[at(i, j)] * coef[j];
            }
        }
        double dof = hours - (p - 1);
        boolean told = days >= MIN_DAYS && hours >= MIN_HOURS_PER_PARAMETER * p && dof > 0;
        sigma = dof > 0 ? Math.sqrt(Math.max(0, rss) / dof) : Double.NaN;
        double r = Float.isNaN(rho) ? 0 : Math.max(0, rho);
        double scale = sigma * sigma * (1 + r) / (1 - r);
        double[][] linv = told && n > 1 ? inverseFactor(a) : null;
        // g = L⁻¹ · (1/n) Σ_j e_j / d_j: the customers' mean, in scaled coordinates
        double[] g = new double[p];
        if (linv != null) {
            for (int row = 0; row < p; row++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += linv[row][TECH + k] / d[TECH + k];
                }
                g[row] = sum / n;
            }
        }
        for (int k = 0; k < n; k++) {
            int c = TECH + k;
            beta[k] = (float) coef[c];
            if (linv == null) {
                se[k] = Float.NaN;
                continue;
            }
            double v = 0;
            for (int row = 0; row < p; row++) {
                double u = linv[row][c] / d[c] - g[row];
                v += u * u;
            }
            se[k] = (float) Math.sqrt(scale * v);
        }
        return coef;
    }

    /** The day's residuals' correlation from hour to hour, smoothed as the statistics forget. */
    private void learnRho(double[][] z, double[] y, double[] coef) {
        int p = coef.length;
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

    /** L⁻¹ of A's Cholesky factor (lower): A⁻¹ = L⁻ᵀL⁻¹. */
    static double[][] inverseFactor(double[][] a) {
        int n = a.length;
        double[][] l = cholesky(a);
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            // column i of L⁻¹: solve L c = e_i (zero above row i)
            for (int r = i; r < n; r++) {
                double s = r == i ? 1 : 0;
                for (int k = i; k < r; k++) {
                    s -= l[r][k] * inv[k][i];
                }
                inv[r][i] = s / l[r][r];
            }
        }
        return inv;
    }

    /** [A⁻¹]_ij from L⁻¹: Σ_r (L⁻¹)_ri · (L⁻¹)_rj. */
    static double inverseAt(double[][] linv, int i, int j) {
        double s = 0;
        for (int r = Math.max(i, j); r < linv.length; r++) {
            s += linv[r][i] * linv[r][j];
        }
        return s;
    }

    /** The share of the statistics' weight held by the last {@code days} days: 1 − λ^days. */
    static double weightSince(long days) {
        return days <= 0 ? 0 : 1 - Math.pow(FORGET, days);
    }

    /**
     * The log-likelihood ratio of "the customer's drop is stolen energy" against "it is its own":
     * under the first the energy the fit says it took a day is its drop D, under the second 0; Ŝ ~
     * N(S, se²). As {@link LossMatch}'s, an Ŝ above D counts as D (other loss the customer's drop
     * does not explain is not its evidence):
     *
     * <pre>  Λ = D · (2·min(Ŝ, D) − D) / (2·se²)   (D &gt; 0; else 0)</pre>
     *
     * Negative where the loss plainly did not follow the drop.
     */
    static double logLikelihoodRatio(double stolen, double se, double drop) {
        if (!(drop > 0) || !(se > 0)) {
            return 0;
        }
        return drop * (2 * Math.min(stolen, drop) - drop) / (2 * se * se);
    }

    /**
     * What an inspector reads: "area A012's hourly loss follows this customer's metered hours: 0.52
     * ± 0.08 kWh lost per kWh metered (28 days), 8.7 kWh/day; its meter reads 9.1 kWh/day less than
     * its usual day".
     */
    static String describe(
            String areaId, double beta, double se, double meteredKwh, double dropKwh, int days) {
        return String.format(
                Locale.ROOT,
                "area %s's hourly loss follows this customer's metered hours: %.2f ± %.2f kWh lost"
                        + " per kWh metered (%d days), %.1f kWh/day; its meter reads %.1f kWh/day"
                        + " less than its usual day",
                areaId,
                beta,
                se,
                days,
                beta * meteredKwh,
                dropKwh);
    }
}
