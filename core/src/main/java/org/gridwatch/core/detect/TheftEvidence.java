package org.gridwatch.core.detect;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.event.CustomerClass;

/**
 * A customer's running case for theft, one day at a time: each {@link Feature}'s deviation (after
 * the peers' common move is taken out) smoothed over the last days, the meter's own evidence, and
 * the theft score they make. A Flink POJO.
 *
 * <p>The score: S = the case's strength ({@link #strength}) + the meter evidence of the last {@link
 * #METER_MEMORY_DAYS} days (or of the day a drop that lasts began, {@link #held}) + the area's loss
 * matched with the customer's drop, day by day ({@link LossMatch}) and hour by hour ({@link
 * LossRegression}); p = 1 / (1 + e^{−k(S − S₀)}). Deviations are in the customer's own spreads, so
 * S means the same for a steady customer and a volatile one.
 */
public final class TheftEvidence {
    /** Weight of a new day in the smoothing: a half-life of about a week. */
    static final double SMOOTHING = 0.1;

    /**
     * A day's deviation counts at most {@link #MAX_Z} spreads (one odd day cannot make a case; a
     * flat top {@link #MAX_FLAT_TOP_Z}) and at least {@link #MIN_Z} (a day above the usual offsets
     * a little of a suspicious one, not a week of it): an honest customer's smoothed deviations
     * stay near 0, a thief's at his drop.
     */
    static final double MAX_Z = 4;

    static final double MIN_Z = -2;

    /**
     * A flat top counts at most this many spreads a day, where the other features count {@link
     * #MAX_Z}: readings tied at the day's highest rate are a limiter's (or a tampered meter's)
     * direct signature, not a statistical drift, and their spread's floor is one reading's share of
     * the day, so a capped day lies tens of spreads out and a cap of 4 spent most of its evidence.
     * One such day still cannot make a case (it moves the smoothed deviation by 0.6; a case needs
     * about four such days with the energy the cap takes). Measured (docs/detection.md, session
     * 31): the cap's and the flat profile's median days to the alert 9 → 5 and 7 → 4 on the
     * simulated fleet, 9–13 → 5–7 on real households, their AUC 0.004–0.008 higher, their false
     * alarms 0.1–0.3 points more (8: a day sooner still, up to 0.6 points more).
     */
    static final double MAX_FLAT_TOP_Z = 6;

    /** Days before a case is scored: the baseline must know the customer first. */
    public static final int MIN_HISTORY_DAYS = 21;

    static final int METER_MEMORY_DAYS = 30;

    /** Where the score is one half, and its steepness. */
    static final double MIDPOINT = 3.0;

    static final double STEEPNESS = 1.5;

    public float[] smoothed = new float[Feature.COUNT];

    /**
     * Each feature's own spread of its deviation net of the peers, in the baseline's spreads: the
     * mean absolute net deviation × √(π/2), averaged as the baseline averages (plainly over the
     * first days, then over about two months, twentyfold slower while the case is suspicious). A
     * day's net deviation is counted in this spread where it is narrower than the baseline's, down
     * to {@link #NET_SPREAD_FLOOR}: what the peers take out (weather, season) was in the baseline's
     * spread, and a floor set for a noisy meter (a flat top's share, say) is too wide for a steady
     * one. Never wider than the baseline's: a customer noisier net of its peers is not excused. A
     * feature whose net deviation has been exactly 0 on every day so far (a meter that never read
     * zero, say) has no spread of its own yet: it counts in the baseline's spread, and its first
     * deviation sets its spread.
     */
    public float[] netSpread = new float[Feature.COUNT];

    /** A net deviation counts at most 1 / this (twice) its deviation in the baseline's spreads. */
    static final double NET_SPREAD_FLOOR = 0.5;

    /**
     * While the case is this strong (without the meter's evidence), the net spread learns slowly.
     */
    static final double NET_SUSPECT = 2;

    /** Spread of a normal distribution from its mean absolute deviation: √(π/2). */
    private static final double MAD_TO_SIGMA = 1.2533;

    public int scoredDays;
    public long lastDay = Long.MIN_VALUE;

    /**
     * A household's day reads flat when this share of its readings is tied at the day's highest
     * (the flat top, {@link Feature#FLAT_TOP}) and it used at least {@link #FLAT_LINED_MIN_KWH}. An
     * occupied house does not read so: a fridge cycles, a kettle boils. Of 11,393 days of 35 real
     * households (SGSC, with 44 or more readings) none of 0.5 kWh or more had 90% of its readings
     * tied; a meter made to report the day's mean does so every day (Jokar's h5).
     */
    static final double FLAT_LINED_SHARE = 0.9;

    static final double FLAT_LINED_MIN_KWH = 0.5;

    /**
     * What each flat day of a household among the last {@link #METER_MEMORY_DAYS} adds to S, in
     * spreads, up to {@link #FLAT_LINED_MAX}: as much as a tamper event each, so that three alert
     * with nothing else and six make a score of 0.99. It is evidence of its own, like the meter's:
     * a household whose data begin under the attack has no usual day that could tell it.
     */
    static final double FLAT_LINED = 1.0;

    static final double FLAT_LINED_MAX = 6;

    /** Whether {@code r} is a household's day that reads flat ({@link #FLAT_LINED_SHARE}). */
    public static boolean readsFlat(DayReport r) {
        return CustomerClass.RESIDENTIAL.name().equals(r.customerClass())
                && r.kwh() >= FLAT_LINED_MIN_KWH
                && r.value()[Feature.FLAT_TOP.ordinal()] >= FLAT_LINED_SHARE;
    }

    /**
     * Notes whether the customer's day {@code epochDay} read flat ({@link #readsFlat}); a flat day
     * an inspector vouched for ({@link #counts}) is noted as not flat.
     */
    public void addFlatLined(long epochDay, boolean flat) {
        flat &= counts(Sign.FLAT_DAYS, epochDay);
        if (flatLinedTo == Long.MIN_VALUE || epochDay > flatLinedTo) {
            long shift = flatLinedTo == Long.MIN_VALUE ? Long.SIZE : epochDay - flatLinedTo;
            flatDayBits = shift >= Long.SIZE ? 0 : flatDayBits << shift;
            flatLinedTo = epochDay;
        }
        long back = flatLinedTo - epochDay;
        if (flat && back < Long.SIZE) {
            flatDayBits |= 1L << back;
        }
    }

    /** The household's flat days among the {@link #METER_MEMORY_DAYS} up to {@code epochDay}. */
    public int flatLinedDays(long epochDay) {
        if (flatLinedTo == Long.MIN_VALUE || epochDay - flatLinedTo >= METER_MEMORY_DAYS) {
            return 0;
        }
        long age = epochDay - flatLinedTo; // days since the last told, 0 or more
        long window = age <= 0 ? METER_MEMORY_DAYS : METER_MEMORY_DAYS - age;
        long mask = window >= Long.SIZE ? -1L : (1L << window) - 1;
        return Long.bitCount(flatDayBits & mask);
    }

    /** What the household's flat days add to S on {@code epochDay}, spreads. */
    double flatLinedSpreads(long epochDay) {
        return Math.min(FLAT_LINED_MAX, FLAT_LINED * flatLinedDays(epochDay));
    }

    /** The latest day of each kind of meter evidence, or {@link Long#MIN_VALUE}. */
    public long tamperDay = Long.MIN_VALUE;

    public long rollbackDay = Long.MIN_VALUE;
    public long reverseDay = Long.MIN_VALUE;
    public long phaseDay = Long.MIN_VALUE;
    public long mismatchDay = Long.MIN_VALUE;

    /**
     * The household's days that read flat ({@link #readsFlat}): bit {@code i} for the day {@code
     * flatLinedTo − i}, the last {@link Long#SIZE} days; {@code flatLinedTo} is {@link
     * Long#MIN_VALUE} before the first day told.
     */
    public long flatDayBits;

    public long flatLinedTo = Long.MIN_VALUE;

    /** Smoothed energy of the recent days and of the usual days, kWh a day. */
    public float recentKwh = Float.NaN;

    public float usualKwh = Float.NaN;

    /** The area's loss matched with this customer's drop ({@link LossMatch}). */
    public LossMatch areaLoss = new LossMatch();

    /**
     * The area's hourly loss against this customer's hours ({@link LossRegression}): the energy it
     * says the customer took a day, kWh (Ŝ), its standard error (NaN until told), β (kWh lost per
     * kWh metered) and its standard error, the days of statistics behind it, and what it adds to S
     * ({@link #addHourlyFit}).
     */
    public float hourlyStolenKwh = Float.NaN;

    public float hourlyStolenSe = Float.NaN;
    public float hourlyBeta = Float.NaN;
    public float hourlyBetaSe = Float.NaN;
    public int hourlyDays;
    public float hourlySpreads;

    public TheftEvidence() {}

    /**
     * Takes one scored day's deviations (already net of the peers' median) into the case.
     *
     * @param z deviations in spreads, theft direction positive, by {@link Feature} ordinal
     */
    public void addDay(long epochDay, double[] z, double kwh, double usualDayKwh) {
        boolean suspect = ownStrength() > NET_SUSPECT;
        for (double zi : z) {
            suspect |= zi > UsageBaseline.SUSPECT_Z;
        }
        double w = Math.max(1.0 / (scoredDays + 1), 1.0 / UsageBaseline.HORIZON_DAYS);
        if (suspect && scoredDays >= UsageBaseline.HORIZON_DAYS / 2) {
            w /= UsageBaseline.SLOW;
        }
        for (int i = 0; i < Feature.COUNT; i++) {
            boolean known = netSpread[i] > 0;
            double own = known ? Math.max(NET_SPREAD_FLOOR, Math.min(1, netSpread[i])) : 1;
            double max = i == Feature.FLAT_TOP.ordinal() ? MAX_FLAT_TOP_Z : MAX_Z;
            double clipped = Math.max(MIN_Z, Math.min(max, z[i] / own));
            smoothed[i] += (float) (SMOOTHING * (clipped - smoothed[i]));
            netSpread[i] +=
                    (float) ((known ? w : 1) * (MAD_TO_SIGMA * Math.abs(z[i]) - netSpread[i]));
        }
        recentKwh =
                Float.isNaN(recentKwh)
                        ? (float) kwh
                        : (float) (recentKwh + SMOOTHING * (kwh - recentKwh));
        usualKwh = (float) usualDayKwh;
        scoredDays++;
        lastDay = epochDay;
    }

    /**
     * Takes the area's hourly fit of this customer for the day ({@link LossRegression}): the energy
     * the fit says it took a day, Ŝ = β̂·X (X its recent metered kWh a day), against what its drop
     * D below {@code expectedKwh} predicts (the usual day moved as its peers moved, {@link
     * PeerGroup#usualKwhAsPeersMoved}, or the usual day itself): the fit's statistics forget, so a
     * drop that began k days ago (its first day as {@link LossMatch} finds it) holds a share w_k =
     * 1 − λ^k of their weight, and if the drop is stolen energy Ŝ is about w_k·D. Λ =
     * w_k·D·(2·min(Ŝ, w_k·D) − w_k·D) / (2·se²) nats of "the drop is stolen energy" against "it is
     * the customer's own" add Λ / 1.5 spreads, at most {@link LossMatch#MAX_SPREADS}. No drop, no
     * evidence either way.
     *
     * <p>A loss that plainly did not follow the drop clears the customer (down to −{@link
     * LossMatch#MAX_CLEARING_SPREADS}) only where the day's shape was kept ({@link #shapeKept}): a
     * lower level with the day's shape kept is a scaled meter or an honest change of habits, and β
     * tells them apart; a meter stopped in a window, capped or swapped takes energy that does not
     * follow its metered hours, so β says nothing for it.
     */
    public void addHourlyFit(LossRegression.Fit fit, long epochDay, double expectedKwh) {
        double metered = Float.isNaN(recentKwh) ? 0 : recentKwh;
        double drop = Double.isNaN(expectedKwh) ? 0 : Math.max(0, expectedKwh - metered);
        hourlyStolenKwh = (float) (fit.beta() * metered);
        hourlyStolenSe = (float) (fit.se() * metered);
        hourlyBeta = (float) fit.beta();
        hourlyBetaSe = (float) fit.se();
        hourlyDays = fit.days();
        if (areaLoss.from == LossMatch.NONE) {
            hourlySpreads = 0; // no drop: no evidence either way
            return;
        }
        double expected = drop * LossRegression.weightSince(epochDay - areaLoss.from + 1);
        double spreads =
                LossMatch.spreads(
                        LossRegression.logLikelihoodRatio(
                                hourlyStolenKwh, hourlyStolenSe, expected));
        hourlySpreads = (float) (shapeKept() ? spreads : Math.max(0, spreads));
    }

    /** A shape feature whose smoothed deviation is below this many spreads is kept. */
    static final double SHAPE_KEPT = 1;

    /** The features that say whether the day kept its shape ({@link #shapeKept}). */
    private static final Feature[] SHAPE_FEATURES = {
        Feature.SHAPE, Feature.FLATNESS, Feature.FLAT_TOP, Feature.ZEROS, Feature.PEAK_SHARE
    };

    /**
     * Whether the case's day keeps its shape: no smoothed deviation of the shape, its flatness, a
     * flat top, zeros or the peak share of {@link #SHAPE_KEPT} spreads or more.
     */
    boolean shapeKept() {
        for (Feature f : SHAPE_FEATURES) {
            if (smoothed[f.ordinal()] >= SHAPE_KEPT) {
                return false;
            }
        }
        return true;
    }

    /**
     * Notes what the meter itself said on a day; a kind an inspector vouched for ({@link #counts})
     * is not noted.
     */
    public void addMeterEvidence(MeterEvidence m, long epochDay) {
        if (m.tamper() && counts(Sign.TAMPER, epochDay)) {
            tamperDay = epochDay;
        }
        if (m.registerRollback() && counts(Sign.ROLLBACK, epochDay)) {
            rollbackDay = epochDay;
        }
        if (m.reverseWithoutGeneration() && counts(Sign.REVERSE, epochDay)) {
            reverseDay = epochDay;
        }
        if (m.phaseFault() && counts(Sign.PHASE, epochDay)) {
            phaseDay = epochDay;
        }
        if (m.registerMismatch() && counts(Sign.MISMATCH, epochDay)) {
            mismatchDay = epochDay;
        }
    }

    /**
     * The signs that count whatever the customer's history (the meter's own evidence, a household's
     * flat days), by the key an alert's evidence names them with. An inspector's NO_FINDING vouches
     * for those the case held ({@link #afterNoFinding}). Kept as bits by ordinal: only appended to.
     */
    public enum Sign {
        TAMPER("tamperEventOn"),
        ROLLBACK("registerRollbackOn"),
        REVERSE("reverseEnergyOn"),
        PHASE("phaseFaultOn"),
        MISMATCH("registerMismatchOn"),
        FLAT_DAYS("flatDays");

        private final String evidenceKey;

        Sign(String evidenceKey) {
            this.evidenceKey = evidenceKey;
        }

        /** The key of the alert's evidence that shows this sign. */
        public String evidenceKey() {
            return evidenceKey;
        }

        int bit() {
            return 1 << ordinal();
        }
    }

    /**
     * Days a sign an inspector found nothing behind is not counted: a quarter, the interval of the
     * periodic inspection that follows a confirmed theft (value.md). The customer's own load needs
     * no such window: after NO_FINDING its usual day learns the vouched level afresh ({@link
     * UsageBaseline#relearn}). But a sign that counts whatever the history — a cover sensor that
     * keeps reporting, a household that truly reads flat — would open the same case again days
     * after the visit.
     */
    public static final int VOUCHED_DAYS = 90;

    /**
     * The signs ({@link Sign}, as bits) an inspector's NO_FINDING vouched for on {@link #vouchedOn}
     * ({@link Long#MIN_VALUE}: never): not counted for {@link #VOUCHED_DAYS} from that day.
     */
    public int vouchedSigns;

    public long vouchedOn = Long.MIN_VALUE;

    /** Whether {@code sign} counts on {@code epochDay}: not while an inspector's word holds. */
    boolean counts(Sign sign, long epochDay) {
        return (vouchedSigns & sign.bit()) == 0 || !vouching(epochDay);
    }

    /** Whether an inspector's NO_FINDING still holds on {@code epochDay}. */
    boolean vouching(long epochDay) {
        return vouchedOn != Long.MIN_VALUE && epochDay - vouchedOn < VOUCHED_DAYS;
    }

    /** The signs vouched for that are not counted on {@code epochDay}, none when none is. */
    public List<Sign> notCounted(long epochDay) {
        List<Sign> out = new ArrayList<>();
        if (vouching(epochDay)) {
            for (Sign s : Sign.values()) {
                if ((vouchedSigns & s.bit()) != 0) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The signs this case holds on {@code epochDay}, as bits: those that add to its S. */
    int heldSigns(long epochDay) {
        return (held(tamperDay, epochDay) ? Sign.TAMPER.bit() : 0)
                | (held(rollbackDay, epochDay) ? Sign.ROLLBACK.bit() : 0)
                | (held(reverseDay, epochDay) ? Sign.REVERSE.bit() : 0)
                | (held(phaseDay, epochDay) ? Sign.PHASE.bit() : 0)
                | (held(mismatchDay, epochDay) ? Sign.MISMATCH.bit() : 0)
                | (flatLinedDays(epochDay) > 0 ? Sign.FLAT_DAYS.bit() : 0);
    }

    /**
     * The evidence a case starts afresh with after an inspector found nothing on {@code epochDay}:
     * none, but the signs this case held, and those still vouched for, are not counted for {@link
     * #VOUCHED_DAYS} from that day. The same sign after that counts again, and any other sign at
     * once.
     */
    public TheftEvidence afterNoFinding(long epochDay) {
        TheftEvidence fresh = new TheftEvidence();
        int signs = (vouching(epochDay) ? vouchedSigns : 0) | heldSigns(epochDay);
        if (signs != 0) {
            fresh.vouchedSigns = signs;
            fresh.vouchedOn = epochDay;
        }
        return fresh;
    }

    /**
     * What each kind of meter evidence adds to S, in spreads: a register running backwards is
     * deliberate (1.5); a tamper event is strong but honest meters raise one now and then (1.0);
     * reverse energy without generation can be a wiring fault (0.5); a lost phase or unbalanced
     * currents are mostly faults (0.3); a register that disagrees with the intervals means one of
     * them was altered, or a faulty meter, as strong as a tamper event (1.0). Judgement, not
     * fitted: none alone opens an alert (S₀ = 3).
     */
    static final double ROLLBACK = 1.5;

    static final double TAMPER = 1.0;
    static final double REVERSE = 0.5;
    static final double PHASE = 0.3;
    static final double MISMATCH = 1.0;

    /** The meter evidence's part of S on {@code epochDay}. */
    public double meterPart(long epochDay) {
        return recent(tamperDay, epochDay, TAMPER)
                + recent(rollbackDay, epochDay, ROLLBACK)
                + recent(reverseDay, epochDay, REVERSE)
                + recent(phaseDay, epochDay, PHASE)
                + recent(mismatchDay, epochDay, MISMATCH)
                + flatLinedSpreads(epochDay);
    }

    private double recent(long day, long now, double weight) {
        return held(day, now) ? weight : 0;
    }

    /**
     * How long after the day a drop began (by its Page statistic) a sign of the meter may come and
     * still be the act the drop follows, days: the statistic's day is not the act's to the day.
     */
    static final int SIGN_BEGAN_DROP_DAYS = 3;

    /**
     * How long before the day a drop began a sign of the meter may come and still be the act the
     * drop follows, days: a meter wound down by degrees (a ramp) reads less than its spread allows
     * for days after the act, before the statistic leaves zero.
     */
    static final int SIGN_BEFORE_DROP_DAYS = 14;

    /**
     * Whether meter evidence of {@code day} counts on {@code now}: within {@link
     * #METER_MEMORY_DAYS} of it, or for as long as a drop of the customer's lasts ({@link
     * LossMatch#from}, net of its peers) that began from {@link #SIGN_BEGAN_DROP_DAYS} days before
     * the sign to {@link #SIGN_BEFORE_DROP_DAYS} days after it. A cover opened, a magnet held to
     * the meter or a register wound back as the meter began to read less is the act the drop
     * follows; it does not grow stale while the drop goes on (a thief's alert used to lose a third
     * of its strength on the 30th day of the theft). A sign with no drop after it, or far from the
     * drop's beginning, is forgotten after {@link #METER_MEMORY_DAYS} as before.
     */
    private boolean held(long day, long now) {
        if (day == Long.MIN_VALUE) {
            return false;
        }
        if (now - day < METER_MEMORY_DAYS) {
            return true;
        }
        return areaLoss.from != LossMatch.NONE
                && areaLoss.from - day <= SIGN_BEFORE_DROP_DAYS
                && day - areaLoss.from <= SIGN_BEGAN_DROP_DAYS;
    }

    /** Backing evidence counts at most this many spreads above the lead. */
    static final double LEAD = 2;

    static final double BACKING = 0.5;

    /**
     * S: see the class comment. Evidence counts where it costs revenue: the case is led by the
     * level (less energy billed) or by the peak share (energy billed at cheaper hours), and the
     * other features back the lead up, by at most {@link #LEAD} spreads more than the lead itself.
     * A standby load that fell while the daily energy stayed (a new fridge) is no case. Zeros and a
     * flat top lead a case of their own: an occupied house does not read so.
     */
    public double strength(long epochDay) {
        double own = ownStrength();
        return own + meterPart(epochDay) + areaPart(own);
    }

    /** The strength of the customer's own load: the leads and their backing, no other evidence. */
    double ownStrength() {
        double level =
                lead(
                        Feature.LEVEL,
                        Feature.BASE,
                        Feature.ZEROS,
                        Feature.FLAT_TOP,
                        Feature.SHAPE,
                        Feature.FLATNESS);
        double shape = lead(Feature.PEAK_SHARE, Feature.SHAPE, Feature.FLATNESS, Feature.FLAT_TOP);
        double zeros = lead(Feature.ZEROS, Feature.LEVEL, Feature.BASE);
        double flatTop =
                lead(Feature.FLAT_TOP, Feature.FLATNESS, Feature.LEVEL, Feature.PEAK_SHARE);
        return Math.max(Math.max(level, shape), Math.max(zeros, flatTop));
    }

    /**
     * The area's loss matched with the customer's drop ({@link LossMatch}) counts only where the
     * customer's own load makes at least this strength, half the alert's: never the only evidence,
     * and a customer with no case of its own is not made one by its area. Below it only a load
     * around the meter counts ({@link #bypassSpreads}), at most a third of the alert's strength.
     */
    public static final double AREA_GATE = 1.5;

    /**
     * The area's loss matched with the customer's drop, day by day ({@link LossMatch}) or hour by
     * hour ({@link LossRegression}), counted beside the case's own evidence. Both weigh the same
     * stolen energy, so where they agree they are not added: the stronger of the two for theft, or
     * the stronger clearing. Where they disagree, the daily match for theft stands (the area's
     * energy rose by the drop; the hourly fit then only says how the stolen hours lie), and a daily
     * clearing is offset by the fit's evidence for theft. Where the daily match says nothing, the
     * fit's. Below {@link #AREA_GATE} — no case of the customer's own, where a drop's match would
     * be an honest drop's — only a load around the meter counts ({@link #bypassSpreads}).
     */
    double areaPart(double own) {
        if (own < AREA_GATE) {
            return bypassSpreads();
        }
        if (Float.isNaN(hourlyStolenSe)) {
            return areaLoss.theftSpreads();
        }
        double daily = areaLoss.theftSpreads();
        double hourly = hourlySpreads;
        if (daily > 0) {
            return Math.max(daily, hourly);
        }
        // the daily match clears or says nothing (0): offset by the fit's theft, or the stronger
        return hourly > 0 ? daily + hourly : Math.min(daily, hourly);
    }

    /**
     * A load around the meter (a bypass) is stolen energy that no meter shows: the customer's own
     * load looks as it always did, and only the area's loss rose. But the appliances on the bypass
     * run when the household is in, so the area's loss follows the customer's metered hours: the
     * hourly fit's β (kWh lost per kWh metered, {@link LossRegression}) is above 0. Two hypotheses
     * for the fitted β̂ with its standard error se: an honest meter (β = 0), or a load around it of
     * up to {@link #BYPASS_MAX_SHARE} of the metered load (β uniform in [0, 1]). The log of their
     * likelihood ratio, the Bayes factor
     *
     * <pre>  Λ = ln( (Φ((1 − β̂)/se) − Φ(−β̂/se)) / 1 ) − ln( φ(β̂/se) / se )</pre>
     *
     * adds Λ / 1.5 spreads (as every other likelihood ratio here: e^Λ multiplies the odds), never
     * less than 0 and at most {@link #BYPASS_MAX_SPREADS}: a third of the alert's S₀, so it ranks
     * the customer among those with no case of their own (the AREA_LOSS alert's suspects, the theft
     * scores' worklist) but never opens an alert alone. No fit (an area without supply readings):
     * nothing.
     */
    double bypassSpreads() {
        double se = hourlyBetaSe;
        if (!(se > 0)) {
            return 0;
        }
        double b = hourlyBeta;
        double alternative =
                (Normal.cdf((BYPASS_MAX_SHARE - b) / se) - Normal.cdf(-b / se)) / BYPASS_MAX_SHARE;
        if (!(alternative > 0)) {
            // both tails underflowed: β̂ hundreds of standard errors from [0, 1], above it or below
            return b > BYPASS_MAX_SHARE ? BYPASS_MAX_SPREADS : 0;
        }
        double nats = Math.log(alternative) - (Normal.logDensity(b / se) - Math.log(se));
        return Math.max(0, Math.min(BYPASS_MAX_SPREADS, nats / STEEPNESS));
    }

    /**
     * The largest load around the meter the bypass hypothesis allows, as a share of the metered
     * load: as much again. (On the simulated fleet, whose bypasses take 0.3–0.8: AUC 0.977 at 1,
     * 0.972 at 2; docs/detection.md.)
     */
    static final double BYPASS_MAX_SHARE = 1;

    /** The most a bypass's hourly evidence adds to a case, spreads: a third of the alert's S₀. */
    static final double BYPASS_MAX_SPREADS = 1;

    private double lead(Feature lead, Feature... backing) {
        double s = smoothed[lead.ordinal()];
        double back = 0;
        for (Feature f : backing) {
            back = Math.max(back, smoothed[f.ordinal()]);
        }
        return s + BACKING * Math.min(back, s + LEAD);
    }

    /** The theft score in [0, 1]; 0 before the case has a scored day. */
    public double score(long epochDay) {
        if (scoredDays == 0 && meterPart(epochDay) == 0) {
            return 0;
        }
        return 1 / (1 + Math.exp(-STEEPNESS * (strength(epochDay) - MIDPOINT)));
    }

    /** The feature that weighs most in the case now. */
    public Feature leading() {
        Feature lead = Feature.LEVEL;
        for (Feature f : Feature.ALL) {
            if (smoothed[f.ordinal()] > smoothed[lead.ordinal()]) {
                lead = f;
            }
        }
        return lead;
    }
}
