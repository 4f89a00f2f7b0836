package org.gridwatch.core.detect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The area's loss as evidence in a customer's theft case. A meter made to read less does not make
 * the energy go away: the transformer still supplies it, so the area's loss (supplied less metered,
 * {@link AreaBalance}) rises by what the meter stopped reporting, from the day it stopped. A
 * customer whose metered energy fell from about the day the area's loss rose, by about as many kWh
 * a day, carries evidence that no honest change of habits gives: when a household uses less, the
 * transformer supplies less.
 *
 * <p>How. The customer's drop begins where Page's statistic of its level deviation (net of its
 * peers, in its spreads) last left zero: C ← max(0, C + z − {@link #ALLOWANCE}); while C &gt; 0 the
 * drop goes on, at C = 0 it is over and the match starts again. At the drop's first day the area's
 * loss rate over the {@link #BEFORE_DAYS} days before is taken as its usual, with its day-to-day
 * spread. Over the first {@link #WINDOW_DAYS} balanced days from then on, two means are kept: the
 * customer's drop D (its usual day's kWh, moved as its peers' days moved that day, less the day's
 * metered kWh: a season that takes a fifth off every household is no household's drop, and the
 * area's loss does not rise by it; {@link PeerGroup#usualKwhAsPeersMoved}) and the area's rise R
 * (each day's loss less the usual rate × the day's supply, kWh). Two hypotheses explain them: the
 * drop is stolen energy, and the area's loss rose by D (R ~ N(D, σ²)); or the drop is the
 * customer's own (R ~ N(0, σ²)). σ² is the honest uncertainty of both: the area's loss spread (at
 * least {@link AreaBalance#MIN_SPREAD}) × its mean supply, squared, × (1/n + 1/n_before), plus the
 * customer's own day-to-day variance of its drop / n. The log-likelihood ratio is
 *
 * <pre>  Λ = D · (2·min(R, D) − D) / (2σ²)   (D &gt; 0; else 0)</pre>
 *
 * where R is taken at most D: a loss that rose by more than this customer's drop is explained by it
 * as far as it goes (an area with several thieves splits its loss; a bypass adds loss that no
 * meter's drop explains). Λ nats add Λ / 1.5 spreads to the case's strength S (the score's
 * steepness: e^Λ multiplies the odds), at most {@link #MAX_SPREADS}.
 *
 * <p>Λ is negative where the area's loss rose by less than half the drop: the transformer was
 * supplied less, as it is when a household uses less, and a meter made to read less does not do
 * that. So the match also clears the customer, down to −{@link #MAX_CLEARING_SPREADS}: a household
 * that emptied, gave up a load or changed its habits, whose own history and peers cannot tell it
 * from a scaled meter, is told apart by its area's supply (docs/detection.md, session 35). It
 * clears the drop it matched, over the drop's first {@link #WINDOW_DAYS} days, for as long as the
 * drop lasts.
 *
 * <p>A drop the area's loss fell short of — on any day of the match, R more than {@link #SHORTFALL}
 * σ below D — is not stolen energy, or not all of it: that drop's match adds nothing for theft
 * until it ends and another begins (it may still clear). An area whose loss <em>fell</em> by more
 * than {@link #SHORTFALL} σ fits neither explanation (an honest drop leaves the loss where it was):
 * a supply meter reading low, a feeder switched away; the match then says nothing either way. And
 * the match counts only beside the customer's own evidence ({@link TheftEvidence#AREA_GATE}): it is
 * never the only evidence, an area without supply readings (or a day its meters did not all report)
 * changes nothing, and a bypass, which no meter shows, is the AREA_LOSS alert's and the hourly
 * fit's ({@link TheftEvidence#bypassSpreads}). A Flink POJO, about 60 bytes.
 */
public final class LossMatch {
    /** Page's allowance, spreads a day: drops of a spread or more accumulate. */
    static final double ALLOWANCE = 0.5;

    /** Days of the area before the drop whose loss is its usual: the two weeks just before. */
    static final int BEFORE_DAYS = 14;

    /** Days after the drop's first day matched, balanced days. */
    static final int WINDOW_DAYS = 28;

    /** The least balanced days before the drop for the area's usual loss to count. */
    static final int MIN_BEFORE_DAYS = 7;

    /** A rise this many σ short of the drop explains none of it. */
    static final double SHORTFALL = 2;

    /** The least matched days before the match says anything. */
    static final int MIN_DAYS = 3;

    /** The most the match adds to the case's strength, spreads: below the alert's S₀ = 3. */
    static final double MAX_SPREADS = 2;

    /**
     * The most the area's loss takes off a case where it did not follow the drop, spreads (the
     * daily match's and the hourly fit's, {@link LossRegression}): as much as a normal day's
     * deviation offsets a suspicious one's ({@link TheftEvidence#MIN_Z}).
     */
    static final double MAX_CLEARING_SPREADS = 2;

    /**
     * The least day-to-day spread of a customer's drop: 5% of its usual day plus 0.1 kWh (a meter
     * read steadily is not known to the last Wh).
     */
    static final double MIN_DAY_SPREAD_SHARE = 0.05;

    static final double MIN_DAY_SPREAD_KWH = 0.1;

    /** How many days either side of the drop's first day the area's own rise is looked for. */
    static final int RISE_WITHIN_DAYS = 3;

    static final int NONE = Integer.MIN_VALUE;

    /** Page's statistic of the customer's level deviation, spreads. */
    public float drive;

    /** The drop's first day (epoch day), or {@link #NONE}. */
    public int from = NONE;

    /** The area's loss before the drop: rate, its spread, balanced days. */
    public float beforeLossRate = Float.NaN;

    public float beforeSpread = Float.NaN;
    public int beforeDays;

    /** Matched days since the drop began, at most {@link #WINDOW_DAYS}, and their sums (kWh). */
    public int days;

    public float dropKwh;
    public float dropSquaredKwh;
    public float usualKwh;
    public float riseKwh;
    public float suppliedKwh;

    /** The day the area's loss rose from by its own days (for the inspector), or {@link #NONE}. */
    public int areaFrom = NONE;

    /** The area's rise fell short of this drop on some day of the match: it explains nothing. */
    public boolean shortfall;

    /** What the match adds to the case's strength now, spreads. */
    public float spreads;

    /**
     * What is left of a positive {@link #spreads} once the area's customers with stronger cases
     * have claimed their drops of its rise ({@link #share}); NaN when no share took any of it, and
     * {@link #spreads} stands. Not kept: set again each day, after every case of the area took it.
     */
    public transient float sharedSpreads = Float.NaN;

    public LossMatch() {}

    /** What the match adds to the case's strength today: {@link #spreads}, or its share. */
    public double theftSpreads() {
        return Float.isNaN(sharedSpreads) ? spreads : sharedSpreads;
    }

    /**
     * A customer of an area for {@link #share}: its match, and the strength of its own load's
     * evidence ({@link TheftEvidence#ownStrength}), which orders the claims.
     */
    public record Claimant(String customerId, double ownStrength, LossMatch match) {
        /** The customer's case as it stands after the day ({@link TheftCase#observe}). */
        public static Claimant of(String customerId, TheftEvidence evidence) {
            return new Claimant(customerId, evidence.ownStrength(), evidence.areaLoss);
        }
    }

    /** A drop's claim on the area's rise: the drop's first day and the kWh a day it took. */
    private record Claim(long dropFrom, double kwhADay) {}

    /**
     * Shares the area's rise of loss among the customers whose drops it matched on one day: a rise
     * is one amount of energy, and it cannot be stolen twice. Each customer's match compares the
     * area's rise with its own drop alone, so where several customers' drops overlap (a thief's and
     * an honest household's that happened to fall in the same weeks), each is told that the whole
     * rise may be its own. Here the customers whose match says theft claim their drops of the rise
     * in the order of their own evidence ({@link TheftEvidence#ownStrength}, the strongest first:
     * the likeliest explanation of the rise is the customer whose load alone says most; ties by
     * id), each for as much of its drop as is in the next one's rise ({@link #shareOfRise}); a
     * customer's match is then taken again against what is left. What is left can take a match's
     * theft evidence down to nothing, never below: a rise that others explain says nothing of this
     * customer's supply (its own match, which may clear it, stands where it was negative). Call
     * after every case of the area took the day ({@link #onDay}); the customers with no positive
     * match are untouched.
     */
    public static void share(List<Claimant> area, long epochDay) {
        List<Claimant> matched = new ArrayList<>();
        for (Claimant c : area) {
            LossMatch m = c.match();
            if (m == null) {
                continue;
            }
            m.sharedSpreads = Float.NaN;
            if (m.spreads > 0) { // never before MIN_DAYS matched days
                matched.add(c);
            }
        }
        if (matched.size() < 2) {
            return;
        }
        matched.sort(
                Comparator.comparingDouble((Claimant c) -> -c.ownStrength())
                        .thenComparing(Claimant::customerId));
        List<Claim> claims = new ArrayList<>();
        for (Claimant c : matched) {
            LossMatch m = c.match();
            double rise = m.meanRiseKwh();
            for (Claim claim : claims) {
                rise -= claim.kwhADay() * m.shareOfRise(claim.dropFrom(), epochDay);
            }
            double drop = m.meanDropKwh();
            double left = Math.max(0, spreads(logLikelihoodRatio(drop, rise, m.variance())));
            if (left < m.spreads) {
                m.sharedSpreads = (float) left;
            }
            if (left > 0) {
                claims.add(new Claim(m.from, Math.max(0, Math.min(rise, drop))));
            }
        }
    }

    /**
     * Takes one scored day of the customer.
     *
     * @param netLevelZ the day's level deviation net of the peers, spreads, theft direction
     * @param kwh the day's metered energy
     * @param usualDayKwh the energy the day would have had honestly: the usual day's, moved as its
     *     peers' days moved ({@link PeerGroup#usualKwhAsPeersMoved})
     * @param area the area's balance with the day recorded ({@link AreaBalance#record}), or null
     *     when the area has no supply readings
     */
    public void onDay(
            long epochDay, double netLevelZ, double kwh, double usualDayKwh, AreaBalance area) {
        sharedSpreads = Float.NaN;
        double z = Math.max(TheftEvidence.MIN_Z, Math.min(TheftEvidence.MAX_Z, netLevelZ));
        boolean idle = drive <= 0;
        drive = (float) Math.max(0, drive + z - ALLOWANCE);
        if (drive <= 0) {
            reset();
            return;
        }
        if (idle) {
            start(epochDay, area);
        }
        if (area == null || days >= WINDOW_DAYS || beforeDays < MIN_BEFORE_DAYS) {
            return;
        }
        double rate = area.lossRateOn(epochDay);
        double supplied = area.suppliedOn(epochDay);
        if (Double.isNaN(rate) || Double.isNaN(supplied) || Double.isNaN(usualDayKwh)) {
            return;
        }
        double drop = usualDayKwh - kwh;
        dropKwh += (float) drop;
        dropSquaredKwh += (float) (drop * drop);
        usualKwh += (float) usualDayKwh;
        riseKwh += (float) ((rate - beforeLossRate) * supplied);
        suppliedKwh += (float) supplied;
        days++;
        double matched = 0; // nothing before MIN_DAYS, nor where the area's loss fell
        if (days >= MIN_DAYS) {
            double variance = variance();
            double sigma = Math.sqrt(variance);
            double meanDrop = meanDropKwh();
            double meanRise = meanRiseKwh();
            shortfall |= meanRise < meanDrop - SHORTFALL * sigma;
            if (meanRise >= -SHORTFALL * sigma) {
                matched = spreads(logLikelihoodRatio(meanDrop, meanRise, variance));
            }
        }
        spreads = (float) (shortfall ? Math.min(0, matched) : matched);
        if (spreads > 0) {
            long rose = area.riseFrom(from, RISE_WITHIN_DAYS, BEFORE_DAYS, epochDay);
            areaFrom = rose == Long.MIN_VALUE ? NONE : (int) rose;
        }
    }

    private void start(long epochDay, AreaBalance area) {
        from = (int) epochDay;
        AreaBalance.Before b =
                area == null
                        ? new AreaBalance.Before(Double.NaN, Double.NaN, 0)
                        : area.before(epochDay, BEFORE_DAYS);
        beforeLossRate = (float) b.lossRate();
        beforeSpread = (float) b.spread();
        beforeDays = b.days();
    }

    private void reset() {
        drive = 0;
        from = NONE;
        beforeLossRate = Float.NaN;
        beforeSpread = Float.NaN;
        beforeDays = 0;
        days = 0;
        dropKwh = 0;
        dropSquaredKwh = 0;
        usualKwh = 0;
        riseKwh = 0;
        suppliedKwh = 0;
        areaFrom = NONE;
        shortfall = false;
        spreads = 0;
    }

    /**
     * How much of a drop that began on {@code dropFrom} (and goes on) is in this match's rise, as a
     * share of the drop: the share of the match's days it was on, less the share of the days before
     * the match (whose loss is the usual the rise is counted from) it was on. A drop that began
     * {@link #BEFORE_DAYS} or more before this one is in the usual and none of it in the rise; one
     * that began with it is all in it.
     */
    double shareOfRise(long dropFrom, long epochDay) {
        // the match's days: from its first day, as many as it matched (≤ the window, ≤ today)
        long last = Math.min(epochDay, (long) from + days - 1);
        double span = last - from + 1;
        double during = Math.max(0, Math.min(span, last - Math.max(from, dropFrom) + 1)) / span;
        double before =
                Math.max(0, Math.min(BEFORE_DAYS, from - Math.max(from - BEFORE_DAYS, dropFrom)))
                        / (double) BEFORE_DAYS;
        return during - before;
    }

    /** The customer's mean drop over the matched days, kWh a day (NaN before any). */
    public double meanDropKwh() {
        return days == 0 ? Double.NaN : dropKwh / days;
    }

    /** The area's mean rise of loss over the matched days, kWh a day (NaN before any). */
    public double meanRiseKwh() {
        return days == 0 ? Double.NaN : riseKwh / days;
    }

    /** σ² of the class comment for the days matched so far (from 2 days). */
    double variance() {
        double n = days;
        double drop = dropKwh / n;
        double dropVariance = Math.max(0, (dropSquaredKwh - n * drop * drop) / (n - 1));
        return variance(
                dropVariance, usualKwh / n, suppliedKwh / n, beforeSpread, days, beforeDays);
    }

    /**
     * Λ = D · (2·min(R, D) − D) / (2σ²), 0 unless D &gt; 0.
     *
     * @param drop D, the customer's mean drop, kWh a day
     * @param rise R, the area's mean rise of loss over the same days, kWh a day
     * @param variance σ², kWh² ({@link #variance(double, double, double, double, int, int)})
     */
    static double logLikelihoodRatio(double drop, double rise, double variance) {
        if (!(drop > 0)) {
            return 0;
        }
        return drop * (2 * Math.min(rise, drop) - drop) / (2 * variance);
    }

    /**
     * σ² of the class comment: the customer's and the area's honest uncertainty together.
     *
     * @param dropVariance the customer's day-to-day variance of its drop, kWh² (at least that of
     *     {@link #MIN_DAY_SPREAD_SHARE} of the usual day plus {@link #MIN_DAY_SPREAD_KWH})
     * @param usual the customer's mean usual day, kWh
     * @param supplied the area's mean supply over the matched days, kWh a day
     * @param lossSpread the area's day-to-day spread of its loss rate before the drop (at least
     *     {@link AreaBalance#MIN_SPREAD})
     * @param days n, the days matched
     * @param beforeDays n_before, the area's balanced days before the drop
     */
    static double variance(
            double dropVariance,
            double usual,
            double supplied,
            double lossSpread,
            int days,
            int beforeDays) {
        double minSpread = MIN_DAY_SPREAD_SHARE * Math.max(0, usual) + MIN_DAY_SPREAD_KWH;
        double customer = Math.max(dropVariance, minSpread * minSpread) / days;
        double areaSpread = Math.max(lossSpread, AreaBalance.MIN_SPREAD) * supplied;
        return customer + areaSpread * areaSpread * (1.0 / days + 1.0 / beforeDays);
    }

    /**
     * Λ nats as spreads of the case's strength: Λ / 1.5, within [−{@link #MAX_CLEARING_SPREADS},
     * {@link #MAX_SPREADS}]; the daily match's and the hourly fit's ({@link LossRegression}) alike.
     */
    static double spreads(double logLikelihoodRatio) {
        return Math.max(
                -MAX_CLEARING_SPREADS,
                Math.min(MAX_SPREADS, logLikelihoodRatio / TheftEvidence.STEEPNESS));
    }

    /**
     * The least the match must add for the alert to say it ({@link #describe}): a likelihood ratio
     * of e^0.375 ≈ 1.45; less is no news to an inspector.
     */
    static final double REPORTED_SPREADS = 0.25;

    /**
     * What an inspector reads: "area A012's loss rose 18.4 kWh/day from 2026-02-03; this customer's
     * metered energy fell 17.9 kWh/day below its usual day moved as its peers moved, from
     * 2026-02-02 (14 days)", or where the match clears: "area A012's loss rose 0.3 kWh/day while
     * this customer's metered energy fell 6.1 kWh/day below its usual day moved as its peers moved,
     * from 2026-02-02 (28 days): its supply fell with the meter, as when a household uses less".
     * Null while the match says less than {@link #REPORTED_SPREADS} either way.
     */
    public String describe(String areaId) {
        double said = theftSpreads();
        if (Math.abs(said) < REPORTED_SPREADS || days == 0) {
            return null;
        }
        if (said < 0) {
            return String.format(
                    Locale.ROOT,
                    "area %s's loss rose %.1f kWh/day while this customer's metered energy fell"
                            + " %.1f kWh/day below its usual day moved as its peers moved, from %s"
                            + " (%d days): its supply fell with the meter, as when a household uses"
                            + " less",
                    areaId,
                    meanRiseKwh(),
                    meanDropKwh(),
                    LocalDate.ofEpochDay(from),
                    days);
        }
        return String.format(
                Locale.ROOT,
                "area %s's loss rose %.1f kWh/day from %s; this customer's metered energy fell"
                        + " %.1f kWh/day below its usual day moved as its peers moved, from %s (%d"
                        + " days)",
                areaId,
                meanRiseKwh(),
                LocalDate.ofEpochDay(areaFrom == NONE ? from : areaFrom),
                meanDropKwh(),
                LocalDate.ofEpochDay(from),
                days);
    }
}
