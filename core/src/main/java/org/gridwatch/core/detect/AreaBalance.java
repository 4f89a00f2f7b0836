package org.gridwatch.core.detect;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Severity;

/**
 * An area's daily balance (台区线损): energy supplied at the transformer less the energy its customers'
 * meters reported, as a share of the supply. Every area has its own technical loss; theft that no
 * meter shows (a bypass) raises it. The area's usual loss rate and its day-to-day spread are
 * learned from its own days; the excess, in spreads, smoothed over the last days (a sharp rise) and
 * summed while it lasts (a small sustained one, {@link #CUSUM_K}), makes the AREA_LOSS score. One
 * alert is open per area ({@code area-loss:<area>:<yyyyMMdd>}), emitted again when its score moves
 * by {@link TheftCase#MATERIAL} and closed after {@link #QUIET_DAYS} quiet days; it names the
 * area's customers with the highest theft scores. A day on which markedly fewer meters reported
 * than usual is not judged: missing readings are not loss. The area also keeps its last {@link
 * #RECENT_DAYS} days' loss rate and supply, for its customers' theft cases to match their drops
 * with ({@link LossMatch}). A Flink POJO, about 600 bytes.
 */
public final class AreaBalance {
    /**
     * Days of history before an area's loss is judged: a month, {@link #HORIZON_DAYS}, the usual
     * loss's own horizon. Its spread and its day-to-day persistence are learned from these days,
     * and fewer cannot tell them: the persistence needs {@link #PERSISTENCE_LAG_DAYS} days before
     * its first change, and its doubt (1/√n) is still 0.35 after 8 changes, so a young area's days
     * counted as independent. Judged from the 15th day (until session 35), areas whose loss
     * persists raised half of their false alarms in their first two months (docs/detection.md,
     * session 35: 1 in 4,487 area-days at ρ = 0.5, 1 in 2,800 at ρ = 0.8; from the 31st day 1 in
     * 7,767 and 5,567, and the same rises found after).
     */
    public static final int MIN_DAYS = 30;

    static final int HORIZON_DAYS = 30;
    static final double SMOOTHING = 0.3;
    static final double MAX_Z = 6;
    static final double MIN_SPREAD = 0.005;
    static final double MIDPOINT = 3;
    static final double STEEPNESS = 1.5;

    /**
     * The area's score an AREA_LOSS alert opens at, and below which it counts a quiet day: the same
     * as a THEFT alert's by default; the utility's own theft alert score does not move them.
     */
    static final double RAISE = TheftCase.RAISE;

    static final double CLOSE = 0.25;
    static final int QUIET_DAYS = 7;

    /**
     * The sustained rise (a CUSUM, Page 1954): each judged day adds its excess over {@code CUSUM_K}
     * spreads, and the sum never goes below 0; at {@link #CUSUM_H} it counts as {@link #MIDPOINT}
     * spreads of smoothed excess (half the score). k = 0.5 is the textbook choice for a rise of one
     * spread; h = 8 gives, for days at the usual loss with a normal spread, a false alarm once in
     * about 19,000 days an area, and finds a rise of one spread in about 16 days, of two in 6
     * (Siegmund's approximation of the run length for a rise of δ spreads, with Δ = δ − k and b = h
     * + 1.166: (e^(−2Δb) + 2Δb − 1) / 2Δ²; the usual loss's own learning shortens the rise it
     * sees). The smoothed excess alone needs 3 spreads a day: a bypass of a household's load in an
     * area of fifty is one or two, and the area's usual loss learned it within a month.
     */
    static final double CUSUM_K = 0.5;

    static final double CUSUM_H = 8;

    /**
     * An area's loss is not independent from day to day: the lines' loss follows the load and the
     * conductors' temperature, and a warm week is warm for days. The smoothed excess and the CUSUM
     * sum days, and their thresholds assume independent days: with a lag-one autocorrelation ρ of
     * the daily loss about its usual, the sum of n days has the variance of n·(1 + ρ)/(1 − ρ)
     * independent ones, and a false AREA_LOSS comes 13 times as often at ρ = 0.3, 180 times at ρ =
     * 0.8 (docs/detection.md, session 34). So each sum counts its days in its own spread: the CUSUM
     * in the long-run spread σ·√((1 + ρ)/(1 − ρ)), the smoothed excess (weight λ = {@link
     * #SMOOTHING}) in σ·√((1 + ρ(1 − λ))/(1 − ρ(1 − λ))), its variance's factor for an AR(1)
     * series; neither below {@link #MIN_SPREAD}. ρ is learned from the area's own balanced days by
     * their changes ({@link #persistence}) over about {@link #PERSISTENCE_HORIZON_DAYS}, less its
     * standard error at ρ = 0 ({@link #PERSISTENCE_DOUBT}: what noise alone makes does not cost a
     * steady area its sensitivity), at most {@link #MAX_PERSISTENCE}; never below 0 (a day that
     * undoes the last is not made more sensitive).
     */
    static final int PERSISTENCE_HORIZON_DAYS = 120;

    static final double MAX_PERSISTENCE = 0.9;

    /**
     * The change over this many days stands for the change between independent days: an AR(1)'s
     * autocorrelation after a week is ρ⁷, 0.08 at ρ = 0.7 (so ρ is learned a little low there:
     * 0.68); a whole week apart, the weekday is the same.
     */
    static final int PERSISTENCE_LAG_DAYS = 7;

    /**
     * How many of its standard errors at ρ = 0 (about 1/√n) the learned ρ is lowered by. The price
     * (docs/detection.md, session 34: 1,000 areas × a year): 1 false alarm in 4,500 area-days at ρ
     * = 0.5; what it buys: an area of independent days keeps its sensitivity (a rise of one spread
     * found 41% of the time, 44% before; at a half, 39%).
     */
    static final double PERSISTENCE_DOUBT = 1;

    /**
     * Severity: HIGH from this many percentage points of loss above the usual (with a score of
     * {@link TheftCase#HIGH_SCORE}), MEDIUM from {@link #MEDIUM_EXCESS_PTS}. A public area's
     * technical loss is a few percent (docs/demo.md); 5 points more is a large unmetered load.
     */
    static final double HIGH_EXCESS_PTS = 5;

    static final double MEDIUM_EXCESS_PTS = 2;

    /** A day with fewer meters reporting than this share of the usual is not judged. */
    static final double MIN_REPORTING = 0.98;

    public double usualLossRate;
    public double lossSpread;
    public double usualMeters;
    public int days;
    public double excess;

    /** The sustained rise since the loss last sat at its usual, spreads ({@link #CUSUM_K}). */
    public double cusum;

    /**
     * The mean square of the loss rate's change from the day before, and from the day a week before
     * ({@link #PERSISTENCE_LAG_DAYS}), over the {@link #changedDays} days that had both balanced
     * ({@link #persistence}).
     */
    public double dayChangeSquared;

    public double weekChangeSquared;
    public int changedDays;

    public String alertId;
    public int quietDays;
    public double emittedScore;

    /**
     * The area's recent days for the theft cases ({@link LossMatch}): each day's loss rate and
     * supply, kWh, in a ring of {@link #RECENT_DAYS} days by epoch day; NaN where the day was not
     * balanced (no supply, too few meters reporting). {@link #recentDay} is the latest recorded.
     */
    public float[] recentLossRate = emptyRing();

    public float[] recentSuppliedKwh = emptyRing();
    public long recentDay = Long.MIN_VALUE;

    /** Days kept in {@link #recentLossRate}: a match's 28 days before and after, and a margin. */
    public static final int RECENT_DAYS = 64;

    public AreaBalance() {}

    private static float[] emptyRing() {
        float[] ring = new float[RECENT_DAYS];
        java.util.Arrays.fill(ring, Float.NaN);
        return ring;
    }

    /**
     * Records the day's balance for the area's theft cases, before they take the day ({@link
     * LossMatch}); {@link #onDay} then judges it for AREA_LOSS. A day is balanced as {@link #onDay}
     * judges one: supply known, and at least {@link #MIN_REPORTING} of the usual meters reporting.
     *
     * @return whether the day was balanced
     */
    public boolean record(
            long epochDay, double suppliedKwh, double meteredKwh, int metersReporting) {
        if (recentDay != Long.MIN_VALUE && epochDay <= recentDay - RECENT_DAYS) {
            return false; // older than the ring
        }
        if (recentDay == Long.MIN_VALUE || epochDay > recentDay) {
            long from =
                    recentDay == Long.MIN_VALUE
                            ? epochDay
                            : Math.max(recentDay + 1, epochDay - RECENT_DAYS + 1);
            for (long d = from; d <= epochDay; d++) {
                recentLossRate[slot(d)] = Float.NaN;
                recentSuppliedKwh[slot(d)] = Float.NaN;
            }
            recentDay = epochDay;
        }
        boolean balanced =
                suppliedKwh > 0 && (days == 0 || metersReporting >= MIN_REPORTING * usualMeters);
        recentLossRate[slot(epochDay)] =
                balanced ? (float) ((suppliedKwh - meteredKwh) / suppliedKwh) : Float.NaN;
        recentSuppliedKwh[slot(epochDay)] = balanced ? (float) suppliedKwh : Float.NaN;
        return balanced;
    }

    /** The recorded loss rate of {@code epochDay}, or NaN (not balanced, or not in the ring). */
    public double lossRateOn(long epochDay) {
        return inRing(epochDay) ? recentLossRate[slot(epochDay)] : Double.NaN;
    }

    /** The recorded supply of {@code epochDay}, kWh, or NaN. */
    public double suppliedOn(long epochDay) {
        return inRing(epochDay) ? recentSuppliedKwh[slot(epochDay)] : Double.NaN;
    }

    private boolean inRing(long epochDay) {
        return recentDay != Long.MIN_VALUE
                && epochDay <= recentDay
                && epochDay > recentDay - RECENT_DAYS;
    }

    private static int slot(long epochDay) {
        return (int) Math.floorMod(epochDay, (long) RECENT_DAYS);
    }

    /**
     * The area's loss over the {@code window} days before {@code epochDay} (not including it): the
     * mean rate, its day-to-day spread (1.2533 × the mean absolute deviation: σ of a normal
     * distribution) and the number of balanced days; {@code days} 0 when none.
     */
    public record Before(double lossRate, double spread, int days) {}

    public Before before(long epochDay, int window) {
        double sum = 0;
        int n = 0;
        for (long d = epochDay - window; d < epochDay; d++) {
            double r = lossRateOn(d);
            if (!Double.isNaN(r)) {
                sum += r;
                n++;
            }
        }
        if (n == 0) {
            return new Before(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        double mad = 0;
        for (long d = epochDay - window; d < epochDay; d++) {
            double r = lossRateOn(d);
            if (!Double.isNaN(r)) {
                mad += Math.abs(r - mean);
            }
        }
        return new Before(mean, 1.2533 * mad / n, n);
    }

    /**
     * A customer of the area, with its theft score and whether it has a THEFT alert open: the
     * AREA_LOSS alert names the highest scores without one as its {@code suspects} (the leads the
     * inspectors' THEFT list does not give them) and those with one apart ({@code
     * alertedCustomers}: they may be what raised the area's loss).
     */
    public record Suspect(String customerId, double theftScore, boolean alerted) {
        /** A customer without an open THEFT alert. */
        public Suspect(String customerId, double theftScore) {
            this(customerId, theftScore, false);
        }
    }

    /** Customers named in each of an AREA_LOSS alert's lists. */
    static final int NAMED = 5;

    /**
     * One side of an area's day, supplied or metered, completed where readings are missing: a meter
     * whose readings miss part of its day (lost by the head-end, never re-collected), or a
     * transformer whose supply readings do, counts its energy over the share of the day its
     * readings cover, as a bill estimates the quarter hours without a reading from the rest. Left
     * as read, a head-end that lost a third of a day's readings made a third of the metered energy
     * look stolen in every area it serves, and a gap in the supply made the loss negative and the
     * area's usual loss wrong for a month.
     *
     * @param kwh the side's energy, completed
     * @param coverage the share of {@code kwh} that readings measured, 0..1 (1 when no energy):
     *     below {@link DayJudge#MIN_COVERAGE}, as for a customer's day, the area's day is not
     *     balanced, for what is estimated could hide or fake a loss
     */
    public record Measured(double kwh, double coverage) {

        /** The metered side: the area's customers' days that closed together (departures none). */
        public static Measured meters(List<DayReport> days) {
            double read = 0;
            double completed = 0;
            for (DayReport d : days) {
                if (d.isDeparture()) {
                    continue;
                }
                double covered = 1 - d.uncovered();
                read += d.kwh();
                completed += covered > 0 ? d.kwh() / covered : 0;
            }
            return new Measured(completed, completed > 0 ? read / completed : 1);
        }

        /**
         * The supplied side: {@code readKwh} over the {@code coveredMinutes} of a day of {@code
         * dayMinutes} that the transformer's readings cover.
         */
        public static Measured supply(double readKwh, double coveredMinutes, double dayMinutes) {
            double covered = Math.min(1, coveredMinutes / dayMinutes);
            return new Measured(covered > 0 ? readKwh / covered : 0, readKwh > 0 ? covered : 1);
        }

        /** Whether readings measured enough of the energy for the day to be balanced. */
        public boolean complete() {
            return coverage >= DayJudge.MIN_COVERAGE;
        }
    }

    /**
     * Takes one day of the area and returns the alert to emit, if any.
     *
     * @param suspects the area's customers by theft score, highest first (at most 5 of those
     *     without an open THEFT alert, and 5 with one, are named)
     */
    public Alert onDay(
            String areaId,
            long epochDay,
            long tsMillis,
            double suppliedKwh,
            double meteredKwh,
            int metersReporting,
            List<Suspect> suspects) {
        if (suppliedKwh <= 0) {
            return null;
        }
        if (days > 0 && metersReporting < MIN_REPORTING * usualMeters) {
            return null;
        }
        double rate = (suppliedKwh - meteredKwh) / suppliedKwh;
        double deviation = rate - usualLossRate;
        double z = 0;
        if (days >= MIN_DAYS) {
            z = deviation / Math.max(lossSpread, MIN_SPREAD);
            double rho = persistence();
            double smoothed =
                    deviation / Math.max(lossSpread * ar1(rho * (1 - SMOOTHING)), MIN_SPREAD);
            double summed = deviation / Math.max(lossSpread * ar1(rho), MIN_SPREAD);
            excess += SMOOTHING * (Math.max(0, Math.min(MAX_Z, smoothed)) - excess);
            cusum = Math.max(0, cusum + Math.min(MAX_Z, summed) - CUSUM_K);
        }
        double dayBefore = lossRateOn(epochDay - 1);
        double weekBefore = lossRateOn(epochDay - PERSISTENCE_LAG_DAYS);
        if (!Double.isNaN(dayBefore) && !Double.isNaN(weekBefore)) {
            changedDays++;
            double w = Math.max(1.0 / (changedDays + 1), 1.0 / PERSISTENCE_HORIZON_DAYS);
            double day = rate - dayBefore;
            double week = rate - weekBefore;
            dayChangeSquared += w * (day * day - dayChangeSquared);
            weekChangeSquared += w * (week * week - weekChangeSquared);
        }
        learn(rate, metersReporting, z);
        double score = days > MIN_DAYS ? score() : 0;
        AlertStatus status = transition(score);
        if (status == null) {
            return null;
        }
        if (status == AlertStatus.OPEN) {
            alertId = Alert.idOf("area-loss", areaId, LocalDate.ofEpochDay(epochDay));
        }
        Alert alert =
                emit(
                        areaId,
                        epochDay,
                        tsMillis,
                        score,
                        suppliedKwh,
                        meteredKwh,
                        rate,
                        suspects,
                        status);
        if (status == AlertStatus.CLOSED) {
            alertId = null;
        }
        return alert;
    }

    /**
     * The day within {@code within} days of {@code near} from which the area's loss rose most
     * plainly: the split whose {@code window} days before and days after (up to {@code lastDay}, at
     * most {@code window}) differ most in mean loss rate, in units of the difference's own
     * uncertainty (√(1/n_before + 1/n_after)); {@link Long#MIN_VALUE} when no split has days on
     * both sides. For the inspector: when the area's loss rose, by its own days.
     */
    public long riseFrom(long near, int within, int window, long lastDay) {
        long best = Long.MIN_VALUE;
        double bestT = Double.NEGATIVE_INFINITY;
        for (long s = near - within; s <= Math.min(near + within, lastDay); s++) {
            Before b = before(s, window);
            double sum = 0;
            int n = 0;
            for (long d = s; d <= lastDay && d < s + window; d++) {
                double r = lossRateOn(d);
                if (!Double.isNaN(r)) {
                    sum += r;
                    n++;
                }
            }
            if (b.days() == 0 || n == 0) {
                continue;
            }
            double t = (sum / n - b.lossRate()) / Math.sqrt(1.0 / n + 1.0 / b.days());
            if (t > bestT || (t == bestT && Math.abs(s - near) < Math.abs(best - near))) {
                bestT = t;
                best = s;
            }
        }
        return best;
    }

    /** What the day's score does to the area's alert: open, update, close it, or nothing (null). */
    private AlertStatus transition(double score) {
        if (alertId == null) {
            quietDays = 0;
            return score >= RAISE ? AlertStatus.OPEN : null;
        }
        quietDays = score < CLOSE ? quietDays + 1 : 0;
        if (quietDays >= QUIET_DAYS) {
            return AlertStatus.CLOSED;
        }
        return Math.abs(score - emittedScore) >= TheftCase.MATERIAL ? AlertStatus.UPDATED : null;
    }

    /**
     * The AREA_LOSS score in [0, 1], from the smoothed excess (a sharp rise) or the sustained rise
     * (a small one that lasts), whichever is the stronger, as spreads of smoothed excess.
     */
    public double score() {
        double spreads = Math.max(excess, MIDPOINT * cusum / CUSUM_H);
        return 1 / (1 + Math.exp(-STEEPNESS * (spreads - MIDPOINT)));
    }

    /**
     * The lag-one autocorrelation ρ of the area's daily loss, as counted: for a stationary series
     * the mean square change from one day to the next is 2σ²(1 − ρ), and over a week 2σ²(1 − ρ⁷) ≈
     * 2σ², so ρ ≈ 1 − E[Δ₁²] / E[Δ₇²]; less {@link #PERSISTENCE_DOUBT} of its standard error at ρ =
     * 0, in [0, {@link #MAX_PERSISTENCE}]. Changes, not products of deviations from the usual: a
     * theft's rise is a lasting deviation, which products would read as persistence for as long as
     * it lasts (the simulated fleet's bypass areas learned a median 0.48, the areas without a thief
     * 0), while it is in the changes for a week at most.
     */
    public double persistence() {
        if (!(weekChangeSquared > 0)) {
            return 0;
        }
        double n = Math.max(1, Math.min(changedDays, PERSISTENCE_HORIZON_DAYS));
        double rho = 1 - dayChangeSquared / weekChangeSquared - PERSISTENCE_DOUBT / Math.sqrt(n);
        return Math.max(0, Math.min(MAX_PERSISTENCE, rho));
    }

    /**
     * How much wider a sum of days of an AR(1) series with autocorrelation ρ spreads:
     * √((1+ρ)/(1−ρ)).
     */
    static double ar1(double rho) {
        return Math.sqrt((1 + rho) / (1 - rho));
    }

    /** A day this many spreads above the usual loss is learned slowly. */
    static final double SLOW_Z = 3;

    /** Learns the day; a day well above the usual loss is learned at a tenth of the weight. */
    private void learn(double rate, int meters, double z) {
        double w = Math.max(1.0 / (days + 1), 1.0 / HORIZON_DAYS);
        if (z > SLOW_Z && days >= MIN_DAYS) {
            w /= 10;
        }
        if (days == 0) {
            usualLossRate = rate;
            usualMeters = meters;
        } else {
            lossSpread += w * (1.2533 * Math.abs(rate - usualLossRate) - lossSpread);
            usualLossRate += w * (rate - usualLossRate);
            usualMeters += w * (meters - usualMeters);
        }
        days++;
    }

    /**
     * The first {@link #NAMED} of {@code suspects} (highest score first) with or without an open
     * THEFT alert, as {@code "C1 0.70, C2 0.06"}.
     */
    private static String named(List<Suspect> suspects, boolean alerted) {
        StringBuilder named = new StringBuilder();
        int n = 0;
        for (Suspect s : suspects) {
            if (s.alerted() != alerted) {
                continue;
            }
            named.append(n == 0 ? "" : ", ")
                    .append(s.customerId())
                    .append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", s.theftScore()));
            if (++n == NAMED) {
                break;
            }
        }
        return named.toString();
    }

    private Alert emit(
            String areaId,
            long epochDay,
            long tsMillis,
            double score,
            double supplied,
            double metered,
            double rate,
            List<Suspect> suspects,
            AlertStatus status) {
        emittedScore = score;
        double excessKwh = supplied * (rate - usualLossRate);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("day", LocalDate.ofEpochDay(epochDay).toString());
        e.put("suppliedKwh", TheftCase.round(supplied, 3));
        e.put("meteredKwh", TheftCase.round(metered, 3));
        e.put("lossPct", TheftCase.round(100 * rate, 2));
        e.put("usualLossPct", TheftCase.round(100 * usualLossRate, 2));
        e.put("excessKwh", TheftCase.round(excessKwh, 3));
        e.put("excessSpreads", TheftCase.round(excess, 2));
        e.put("sustainedSpreads", TheftCase.round(cusum, 2));
        e.put("lossPersistence", TheftCase.round(persistence(), 2)); // day-to-day, as counted
        e.put("suspects", named(suspects, false));
        String alerted = named(suspects, true);
        if (!alerted.isEmpty()) {
            e.put("alertedCustomers", alerted);
        }
        double pts = 100 * (rate - usualLossRate);
        Severity severity =
                score >= TheftCase.HIGH_SCORE && pts >= HIGH_EXCESS_PTS
                        ? Severity.HIGH
                        : pts >= MEDIUM_EXCESS_PTS ? Severity.MEDIUM : Severity.LOW;
        return new Alert(
                alertId,
                null,
                null,
                areaId,
                AlertType.AREA_LOSS,
                "area-loss-above-usual",
                TheftCase.round(score, 3),
                severity,
                tsMillis,
                e,
                status,
                Double.NaN,
                Double.NaN,
                List.of(),
                Alert.NONE);
    }
}
