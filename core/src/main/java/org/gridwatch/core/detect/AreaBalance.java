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
 * learned from its own days; the excess, in spreads and smoothed over the last days, makes the
 * AREA_LOSS score. One alert is open per area ({@code area-loss:<area>:<yyyyMMdd>}), emitted again
 * when its score moves by {@link TheftCase#MATERIAL} and closed after {@link #QUIET_DAYS} quiet
 * days; it names the area's customers with the highest theft scores. A day on which markedly fewer
 * meters reported than usual is not judged: missing readings are not loss. A Flink POJO.
 */
public final class AreaBalance {
    /** Days of history before an area's loss is judged. */
    public static final int MIN_DAYS = 14;

    static final int HORIZON_DAYS = 30;
    static final double SMOOTHING = 0.3;
    static final double MAX_Z = 6;
    static final double MIN_SPREAD = 0.005;
    static final double MIDPOINT = 3;
    static final double STEEPNESS = 1.5;
    static final double CLOSE = 0.25;
    static final int QUIET_DAYS = 7;

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
    public String alertId;
    public int quietDays;
    public double emittedScore;

    public AreaBalance() {}

    /** A customer named in an AREA_LOSS alert, with its theft score. */
    public record Suspect(String customerId, double theftScore) {}

    /**
     * Takes one day of the area and returns the alert to emit, if any.
     *
     * @param suspects the area's customers by theft score, highest first (at most 5 are named)
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
        double z = 0;
        if (days >= MIN_DAYS) {
            z = (rate - usualLossRate) / Math.max(lossSpread, MIN_SPREAD);
            excess += SMOOTHING * (Math.max(0, Math.min(MAX_Z, z)) - excess);
        }
        learn(rate, metersReporting, z);
        double score = days > MIN_DAYS ? score() : 0;
        AlertStatus status = transition(score);
        if (status == null) {
            return null;
        }
        if (status == AlertStatus.OPEN) {
            alertId =
                    "area-loss:"
                            + areaId
                            + ":"
                            + LocalDate.ofEpochDay(epochDay).toString().replace("-", "");
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

    /** What the day's score does to the area's alert: open, update, close it, or nothing (null). */
    private AlertStatus transition(double score) {
        if (alertId == null) {
            quietDays = 0;
            return score >= TheftCase.RAISE ? AlertStatus.OPEN : null;
        }
        quietDays = score < CLOSE ? quietDays + 1 : 0;
        if (quietDays >= QUIET_DAYS) {
            return AlertStatus.CLOSED;
        }
        return Math.abs(score - emittedScore) >= TheftCase.MATERIAL ? AlertStatus.UPDATED : null;
    }

    /** The AREA_LOSS score in [0, 1]. */
    public double score() {
        return 1 / (1 + Math.exp(-STEEPNESS * (excess - MIDPOINT)));
    }

    /** Learns the day; a day well above the usual loss is learned at a tenth of the weight. */
    private void learn(double rate, int meters, double z) {
        double w = Math.max(1.0 / (days + 1), 1.0 / HORIZON_DAYS);
        if (z > 3 && days >= MIN_DAYS) {
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
        StringBuilder named = new StringBuilder();
        for (int i = 0; i < Math.min(5, suspects.size()); i++) {
            Suspect s = suspects.get(i);
            named.append(i == 0 ? "" : ", ")
                    .append(s.customerId())
                    .append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", s.theftScore()));
        }
        e.put("suspects", named.toString());
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
