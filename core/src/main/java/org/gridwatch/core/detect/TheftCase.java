package org.gridwatch.core.detect;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.detect.TheftEvidence.Sign;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.Severity;
import org.gridwatch.core.event.TheftScore;

/**
 * A customer's theft case as the area's watch keeps it: the {@link TheftEvidence}, the revenue at
 * risk, and the one THEFT alert it may have open. An alert opens when the score reaches the alert
 * score ({@link #RAISE} unless the utility sets its own, {@link #judge(DayReport, double)}); it is
 * emitted again, with the same id, when its score moves by {@link #MATERIAL} or its severity
 * changes; it closes after {@link #QUIET_DAYS} days in a row below half the alert score ({@link
 * #closeBelow}). Its id is {@code theft:<customer>:<yyyyMMdd of the day it opened>}: the same input
 * opens it on the same day, and a later case of the same customer has a later day.
 *
 * <p>What an inspector finds ends the case: the open alert is closed with the outcome in its
 * evidence, and the evidence starts again from nothing. After CONFIRMED_THEFT a thief who goes on
 * stealing opens a new case (a repeat offence, which the credit record and the strategies count).
 * After NO_FINDING or METER_FAULT the customer's usual day also learns afresh ({@link
 * UsageBaseline#relearn}), so the same deviations, vouched for, do not come back as a new case; a
 * meter fault is the metering team's (a DATA_QUALITY alert, {@link MeterFaultCase}). After
 * NO_FINDING the signs that count whatever the history — the meter's events, a household's flat
 * days — are not counted for {@link TheftEvidence#VOUCHED_DAYS} either, where the case held them
 * ({@link TheftEvidence#afterNoFinding}); an alert of the customer in that time names them ({@code
 * notCounted}). A Flink POJO.
 */
public final class TheftCase {
    /**
     * The score a THEFT alert opens at unless the utility sets its own (the monitor's {@code
     * --theft-alert-score}): where the case's strength is {@link TheftEvidence#MIDPOINT}. The share
     * of customers it flags depends on the fleet (docs/detection.md: 0.04% of the simulated fleet's
     * honest customers, a fifth of real households'); a utility sets it to what its inspectors can
     * visit, measured on its own score history.
     */
    public static final double RAISE = 0.5;

    /** An open alert closes after {@link #QUIET_DAYS} days below this share of the alert score. */
    static final double CLOSE_SHARE = 0.5;

    /** The score below which an open alert counts a quiet day: half the alert score. */
    public static double closeBelow(double raise) {
        return CLOSE_SHARE * raise;
    }

    /**
     * {@code raise} if it can be an alert score, else an error that says why: a score is a
     * probability, and at 0 every customer, at 1 none, would be alerted.
     */
    public static double checkedRaise(double raise) {
        if (!(raise > 0 && raise < 1)) {
            throw new IllegalArgumentException(
                    "the theft alert score is a probability above 0 and below 1, not " + raise);
        }
        return raise;
    }

    static final int QUIET_DAYS = 14;
    static final double MATERIAL = 0.05;

    /** Severity: HIGH from this score with at least {@link #HIGH_CNY} a month at risk. */
    static final double HIGH_SCORE = 0.8;

    static final double HIGH_CNY = 100;

    /**
     * MEDIUM from this expected loss (score × CNY a month at risk), or from {@link #HIGH_SCORE}.
     */
    static final double MEDIUM_EXPECTED_CNY = 20;

    static final int DAYS_A_MONTH = 30;

    public TheftEvidence evidence = new TheftEvidence();

    /** Smoothed revenue at risk a day, CNY (NaN until a priced day). */
    public double lossCnyPerDay = Double.NaN;

    public String alertId;

    /** The score last published ({@link #publish}), NaN before the first. */
    public float publishedScore = Float.NaN;

    public int quietDays;
    public double emittedScore;
    public Severity emittedSeverity;

    public TheftCase() {}

    /**
     * Takes a customer's day, with its deviations net of the peers', and returns the alert to emit,
     * if any.
     */
    public Alert onDay(DayReport r, double[] netZ) {
        return onDay(r, netZ, null);
    }

    /**
     * Takes a customer's day, with its deviations net of the peers' and the area's balance with the
     * day recorded ({@link AreaBalance#record}; null when the area has no supply readings), and
     * returns the alert to emit, if any.
     */
    public Alert onDay(DayReport r, double[] netZ, AreaBalance area) {
        return onDay(r, netZ, area, null);
    }

    /**
     * As {@link #onDay(DayReport, double[], AreaBalance)}, with the area's hourly fit of this
     * customer after the day ({@link LossRegression#fit}; null when none is told).
     */
    public Alert onDay(DayReport r, double[] netZ, AreaBalance area, LossRegression.Fit hourly) {
        Alert closed = observe(r, netZ, area, hourly);
        Alert judged = judge(r); // none on an inspection's day, when only closed can be
        return judged != null ? judged : closed;
    }

    /**
     * The first half of {@link #onDay(DayReport, double[], AreaBalance, LossRegression.Fit)}: takes
     * the day's evidence, or an inspection's outcome (then returns the alert it closes, if one was
     * open). An area's watch takes every customer's day so, shares the area's rise among their
     * matches ({@link LossMatch#share}), then {@link #judge}s each.
     */
    public Alert observe(DayReport r, double[] netZ, AreaBalance area, LossRegression.Fit hourly) {
        return observe(r, netZ, r.usualKwh(), area, hourly);
    }

    /**
     * As {@link #observe(DayReport, double[], AreaBalance, LossRegression.Fit)}, with the energy
     * the day would have had honestly, had it moved as its peers did ({@link
     * PeerGroup#usualKwhAsPeersMoved}): a drop below it is what the area's loss would have risen by
     * had the meter been made to read less ({@link LossMatch}, {@link TheftEvidence#addHourlyFit}).
     */
    public Alert observe(
            DayReport r,
            double[] netZ,
            double expectedKwh,
            AreaBalance area,
            LossRegression.Fit hourly) {
        if (r.inspected() != null) {
            Alert closed =
                    alertId == null
                            ? null
                            : emit(
                                    r,
                                    evidence.score(r.epochDay()),
                                    emittedSeverity,
                                    valueAtRiskCny(),
                                    AlertStatus.CLOSED,
                                    evidence(r, r.inspected()));
            evidence =
                    r.inspected() == InspectionOutcome.NO_FINDING
                            ? evidence.afterNoFinding(r.epochDay())
                            : new TheftEvidence();
            lossCnyPerDay = Double.NaN;
            alertId = null;
            quietDays = 0;
            return closed;
        }
        evidence.addMeterEvidence(r.meterEvidence(), r.epochDay());
        evidence.addFlatLined(r.epochDay(), TheftEvidence.readsFlat(r));
        if (r.scored()) {
            evidence.addDay(r.epochDay(), netZ, r.kwh(), r.usualKwh());
            evidence.areaLoss.onDay(
                    r.epochDay(), netZ[Feature.LEVEL.ordinal()], r.kwh(), expectedKwh, area);
            if (hourly != null) {
                evidence.addHourlyFit(hourly, r.epochDay(), expectedKwh);
            }
            if (!Double.isNaN(r.lossCny())) {
                lossCnyPerDay =
                        Double.isNaN(lossCnyPerDay)
                                ? r.lossCny()
                                : lossCnyPerDay
                                        + TheftEvidence.SMOOTHING * (r.lossCny() - lossCnyPerDay);
            }
        }
        return null;
    }

    /**
     * The second half of {@link #onDay(DayReport, double[], AreaBalance, LossRegression.Fit)}: the
     * score after the day {@link #observe}d, and the alert to emit, if any (none on an inspection's
     * day).
     */
    public Alert judge(DayReport r) {
        return judge(r, RAISE);
    }

    /**
     * As {@link #judge(DayReport)}, with the utility's own alert score {@code raise} ({@link
     * #checkedRaise}): an alert opens at it and closes after {@link #QUIET_DAYS} days below {@link
     * #closeBelow half} of it. Not kept in the case: a job restarted with another alert score
     * judges its open alerts by the new one from its next day.
     */
    public Alert judge(DayReport r, double raise) {
        if (r.inspected() != null) {
            return null;
        }
        double score = evidence.score(r.epochDay());
        double atRisk = valueAtRiskCny();
        Severity severity = severity(score, atRisk);
        if (alertId == null) {
            if (score < raise) {
                return null;
            }
            alertId = Alert.idOf("theft", r.customerId(), LocalDate.ofEpochDay(r.epochDay()));
            quietDays = 0;
            return emit(r, score, severity, atRisk, AlertStatus.OPEN, evidence(r, null));
        }
        quietDays = score < closeBelow(raise) ? quietDays + 1 : 0;
        if (quietDays >= QUIET_DAYS) {
            Alert closed = emit(r, score, severity, atRisk, AlertStatus.CLOSED, evidence(r, null));
            alertId = null;
            return closed;
        }
        if (Math.abs(score - emittedScore) >= MATERIAL || severity != emittedSeverity) {
            return emit(r, score, severity, atRisk, AlertStatus.UPDATED, evidence(r, null));
        }
        return null;
    }

    /**
     * The customer left the area ({@link DayReport#leaving}): the case there is over. Returns the
     * open THEFT alert, closed, with the reason and the case's last numbers as its evidence (an
     * inspector's list must not keep a customer the area no longer has); null when none was open.
     * In a new area the customer's case starts afresh from its next day, its own usual day intact
     * (that is kept with the customer, not the area).
     */
    public Alert onDeparture(DayReport r) {
        if (!r.isDeparture()) {
            throw new IllegalArgumentException("not a departure: a day of " + r.customerId());
        }
        if (alertId == null) {
            return null;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("closedBecause", r.departure());
        putCaseNumbers(e, r.epochDay());
        Alert closed =
                emit(
                        r,
                        evidence.score(r.epochDay()),
                        emittedSeverity,
                        valueAtRiskCny(),
                        AlertStatus.CLOSED,
                        e);
        alertId = null;
        quietDays = 0;
        return closed;
    }

    /**
     * The customer's theft score after {@code r}, its day, to publish: when it has moved from the
     * score last published ({@link TheftScore#moved}), or none was; else null. The score is the one
     * an alert of the day has (rounded to 3 decimals), and the one the area's AREA_LOSS alert ranks
     * its suspects by.
     */
    public TheftScore publish(DayReport r) {
        double score = round(evidence.score(r.epochDay()), 3);
        if (!Float.isNaN(publishedScore) && !TheftScore.moved(publishedScore, score)) {
            return null;
        }
        publishedScore = (float) score;
        return new TheftScore(r.customerId(), r.areaId(), r.closedAtMillis(), score, alertId);
    }

    /** Expected CNY lost a month if the suspicion is right: the smoothed daily loss × 30, ≥ 0. */
    public double valueAtRiskCny() {
        return Double.isNaN(lossCnyPerDay) ? Double.NaN : Math.max(0, lossCnyPerDay) * DAYS_A_MONTH;
    }

    static Severity severity(double score, double atRiskCny) {
        double risk = Double.isNaN(atRiskCny) ? 0 : atRiskCny;
        if (score >= HIGH_SCORE && risk >= HIGH_CNY) {
            return Severity.HIGH;
        }
        if (score >= HIGH_SCORE || score * risk >= MEDIUM_EXPECTED_CNY) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }

    private Alert emit(
            DayReport r,
            double score,
            Severity severity,
            double atRisk,
            AlertStatus status,
            Map<String, Object> evidenceOfDay) {
        emittedScore = score;
        emittedSeverity = severity;
        // the household's flat days lead where there are some and they weigh more than its own
        // load's evidence (which falls below 0 where the customer now reads above its usual day)
        double flatDays = evidence.flatLinedSpreads(r.epochDay());
        String rule =
                flatDays > 0 && flatDays > evidence.ownStrength()
                        ? READS_FLAT
                        : rule(evidence.leading());
        return new Alert(
                alertId,
                r.customerId(),
                r.meterId(),
                r.areaId(),
                AlertType.THEFT,
                rule,
                round(score, 3),
                severity,
                r.closedAtMillis(),
                evidenceOfDay,
                status,
                Double.isNaN(atRisk) ? Double.NaN : round(atRisk, 2),
                Double.NaN,
                List.of(),
                Alert.NONE);
    }

    /**
     * The rule of a case led by a household's days that read flat ({@link
     * TheftEvidence#readsFlat}).
     */
    static final String READS_FLAT = "household-reads-flat";

    /** The rule named in the alert: what leads the case. */
    static String rule(Feature lead) {
        return switch (lead) {
            case LEVEL -> "sustained-drop";
            case BASE -> "standby-load-vanished";
            case ZEROS -> "zero-readings-while-occupied";
            case SHAPE -> "profile-changed";
            case PEAK_SHARE -> "peak-moved-to-valley";
            case FLATNESS -> "flattened-profile";
            case FLAT_TOP -> "capped-at-a-flat-top";
        };
    }

    /** The case's own numbers as of {@code epochDay}: its recent and usual energy, its days. */
    private void putCaseNumbers(Map<String, Object> e, long epochDay) {
        e.put("day", LocalDate.ofEpochDay(epochDay).toString());
        e.put("recentDailyKwh", round(evidence.recentKwh, 3));
        e.put("usualDailyKwh", round(evidence.usualKwh, 3));
        if (evidence.usualKwh > 0) {
            e.put("levelChangePct", round(100 * (evidence.recentKwh / evidence.usualKwh - 1), 1));
        }
        e.put("scoredDays", evidence.scoredDays);
    }

    /** Numbers an inspector can check against the meter's own readings. */
    private Map<String, Object> evidence(DayReport r, InspectionOutcome inspected) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (inspected != null) {
            e.put("inspection", inspected.name());
        }
        putCaseNumbers(e, r.epochDay());
        for (Feature f : Feature.ALL) {
            e.put(f.key() + "Spreads", round(evidence.smoothed[f.ordinal()], 2));
        }
        e.put(
                "standbyChangePct",
                round(100 * (Math.exp(r.value()[Feature.BASE.ordinal()]) - 1), 1));
        e.put("zeroReadingShare", round(r.value()[Feature.ZEROS.ordinal()], 3));
        e.put("peakShareChangePts", round(100 * r.value()[Feature.PEAK_SHARE.ordinal()], 1));
        e.put("profileCorrelation", round(r.value()[Feature.SHAPE.ordinal()], 3));
        e.put("flatTopReadingShare", round(r.value()[Feature.FLAT_TOP.ordinal()], 3));
        putDay(e, Sign.TAMPER.evidenceKey(), evidence.tamperDay);
        putDay(e, Sign.ROLLBACK.evidenceKey(), evidence.rollbackDay);
        putDay(e, Sign.REVERSE.evidenceKey(), evidence.reverseDay);
        putDay(e, Sign.PHASE.evidenceKey(), evidence.phaseDay);
        putDay(e, Sign.MISMATCH.evidenceKey(), evidence.mismatchDay);
        int flat = evidence.flatLinedDays(r.epochDay());
        if (flat > 0) {
            e.put(
                    Sign.FLAT_DAYS.evidenceKey(),
                    flat); // of the last 30: a household that read flat all day
        }
        List<Sign> vouched = evidence.notCounted(r.epochDay());
        if (!vouched.isEmpty()) { // an inspector found nothing behind these: not counted
            putDay(e, "noFindingOn", evidence.vouchedOn);
            putDay(e, "notCountedUntil", evidence.vouchedOn + TheftEvidence.VOUCHED_DAYS - 1);
            e.put("notCounted", String.join(",", vouched.stream().map(Sign::evidenceKey).toList()));
        }
        LossMatch m = evidence.areaLoss;
        String matched = m.describe(r.areaId());
        if (matched != null) {
            e.put("areaBalance", matched);
            e.put("areaLossRiseKwh", round(m.meanRiseKwh(), 1));
            putDay(e, "areaLossRiseFrom", m.areaFrom == LossMatch.NONE ? m.from : m.areaFrom);
            e.put("meteredDropKwh", round(m.meanDropKwh(), 1));
            putDay(e, "meteredDropFrom", m.from);
            e.put("areaBalanceSpreads", round(evidence.areaPart(evidence.ownStrength()), 2));
        }
        // below the area gate the fit counts as a load around the meter, above it against the drop
        boolean bypass = evidence.ownStrength() < TheftEvidence.AREA_GATE;
        double hourlyPart = bypass ? evidence.bypassSpreads() : evidence.hourlySpreads;
        if (Math.abs(hourlyPart) >= LossMatch.REPORTED_SPREADS
                && !Float.isNaN(evidence.hourlyStolenSe)) {
            double drop = Math.max(0, evidence.usualKwh - evidence.recentKwh);
            e.put(
                    "areaHourlyBalance",
                    LossRegression.describe(
                            r.areaId(),
                            evidence.hourlyBeta,
                            evidence.hourlyBetaSe,
                            evidence.recentKwh,
                            drop,
                            evidence.hourlyDays));
            e.put("areaLossPerMeteredKwh", round(evidence.hourlyBeta, 3));
            e.put("areaLossPerMeteredKwhSe", round(evidence.hourlyBetaSe, 3));
            e.put("areaHourlyStolenKwh", round(evidence.hourlyStolenKwh, 1));
            e.put("areaHourlySpreads", round(evidence.hourlySpreads, 2));
            if (bypass) {
                e.put("areaBypassSpreads", round(hourlyPart, 2));
            }
            e.put("areaBalanceSpreads", round(evidence.areaPart(evidence.ownStrength()), 2));
        }
        return e;
    }

    private static void putDay(Map<String, Object> e, String key, long day) {
        if (day != Long.MIN_VALUE) {
            e.put(key, LocalDate.ofEpochDay(day).toString());
        }
    }

    static double round(double v, int decimals) {
        double k = Math.pow(10, decimals);
        return Math.round(v * k) / k;
    }
}
