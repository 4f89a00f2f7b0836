package org.gridwatch.core.detect;

import java.util.Arrays;

/**
 * A customer's usual day, learned from its own history: the hourly profile of a workday and of a
 * rest day, and for each {@link Feature} its usual value and its day-to-day spread. Each day is
 * compared with it before being learned ({@link #compare}, then {@link #learn}). Learning is an
 * exponentially weighted average over two months ({@link #HORIZON_DAYS}), plain averaging while
 * fewer days are known. While the customer's recent days drift from the usual in the theft
 * direction ({@link #drift}), or a day deviates by {@link #SUSPECT_Z} spreads, learning slows to a
 * {@link #SLOW}th once {@link #PROTECTED_FROM_DAYS} days are known: a thief does not become his own
 * baseline, and an honest change of habits is absorbed only slowly (an inspection that finds
 * nothing starts the baseline afresh). A Flink POJO, about 300 bytes.
 */
public final class UsageBaseline {
    /** The averaging horizon, days. */
    public static final int HORIZON_DAYS = 60;

    /** A day with a deviation of this many spreads in the theft direction is learned slowly. */
    static final double SUSPECT_Z = 3.0;

    /** Spread of a normal distribution from its mean absolute deviation: √(π/2). */
    private static final double MAD_TO_SIGMA = 1.2533;

    /** 24 hourly kWh of a workday, then 24 of a rest day. */
    public float[] profile = new float[2 * DayLoad.HOURS];

    /** Days learned, workdays and rest days. */
    public int[] typeDays = new int[2];

    public float[] usual = new float[Feature.COUNT];

    /** Each feature's recent deviation, smoothed: while any is high, learning slows down. */
    public float[] drift = new float[Feature.COUNT];

    /** Weight of a new day in {@link #drift}. */
    static final double DRIFT_W = 0.15;

    /** A drift above this many spreads slows learning by {@link #SLOW}. */
    static final double GATE = 0.7;

    static final double SLOW = 20;
    public float[] spread = new float[Feature.COUNT];

    /** Days whose features were learned (the first day of each type has none). */
    public int featureDays;

    /** The register at the end of the latest complete day, and that day. */
    public double lastRegisterKwh = Double.NaN;

    public long lastRegisterDay = Long.MIN_VALUE;

    public UsageBaseline() {}

    /**
     * The customer's meter was exchanged, or found faulty (and so replaced), on or after {@code
     * epochDay}: the new meter's register counts from its own start, often 0, so its first read is
     * not compared with the old meter's last (a routine exchange is no rollback), and a day of the
     * old meter up to {@code epochDay} that closes after this is not taken as the last read either.
     */
    public void registerReplaced(long epochDay) {
        lastRegisterKwh = Double.NaN;
        lastRegisterDay = Math.max(lastRegisterDay, epochDay);
    }

    /**
     * Whether the meter was replaced during {@code epochDay} ({@link #registerReplaced}), before
     * that day closed: its reads then come from two registers.
     */
    public boolean registerReplacedOn(long epochDay) {
        return lastRegisterDay == epochDay && Double.isNaN(lastRegisterKwh);
    }

    /** Days learned in all. */
    public int days() {
        return typeDays[0] + typeDays[1];
    }

    /**
     * The day against the usual one: feature values, their usual values, and deviations in spreads
     * in the theft direction (positive = suspicious). Null while the day's type has no profile yet.
     * A household's day that looks like an empty house ({@link Features#looksAbsent}) counts only
     * its zeros and its flat top; a business closed is a matter of day types and peers.
     */
    public DayComparison compare(
            DayLoad day,
            boolean restDay,
            boolean household,
            boolean[] peakHours,
            double[] hourPrices) {
        float[] ref = reference(restDay);
        if (ref == null) {
            return null;
        }
        double[] value = Features.of(day, ref, peakHours);
        boolean absent = household && Features.looksAbsent(day, ref);
        double[] z = new double[Feature.COUNT];
        for (Feature f : Feature.ALL) {
            int i = f.ordinal();
            double s = Math.max(spread[i], minSpread(f, day));
            z[i] = featureDays == 0 ? 0 : f.theftDirection() * (value[i] - usual[i]) / s;
            if (absent && f != Feature.ZEROS && f != Feature.FLAT_TOP) {
                z[i] = 0;
            }
        }
        double usualKwh = 0;
        double charge = hourPrices == null ? Double.NaN : 0;
        double usualCharge = charge;
        for (int h = 0; h < DayLoad.HOURS; h++) {
            usualKwh += ref[h];
            if (hourPrices != null) {
                charge += day.hourly[h] * hourPrices[h];
                usualCharge += ref[h] * hourPrices[h];
            }
        }
        return new DayComparison(
                value, usual.clone(), z, day.total(), usualKwh, charge, usualCharge, absent);
    }

    /**
     * The least spread of a feature: {@link Feature#minSpread}, but a flat top's share is counted
     * in readings, so its floor is one reading's share of the day where that is less (a 15-minute
     * meter's tie counts 1/96, its half-hour neighbour's 1/48): a cap that ties four quarter hours
     * at the top of a day that never ties is as plain as two half hours tied.
     */
    static double minSpread(Feature f, DayLoad day) {
        if (f == Feature.FLAT_TOP && day.readings > 0) {
            return Math.min(f.minSpread(), 1.0 / day.readings);
        }
        return f.minSpread();
    }

    /** Days of history kept by {@link #relearn}: the new days soon outweigh the old. */
    static final int RELEARN_KEEPS_DAYS = 7;

    /**
     * An inspector vouched for the premises as they are now (no finding), or the meter was found
     * faulty (and is replaced): what the customer uses now is its usual. The history counts as
     * {@link #RELEARN_KEEPS_DAYS} days, so the next days weigh as in a new customer's first weeks,
     * and learning is not slowed until {@link #PROTECTED_FROM_DAYS} are known again; the days are
     * scored again once {@link TheftEvidence#MIN_HISTORY_DAYS} are learned. The usual day itself is
     * kept as the starting point.
     */
    public void relearn() {
        for (int t = 0; t < typeDays.length; t++) {
            typeDays[t] = Math.min(typeDays[t], RELEARN_KEEPS_DAYS);
        }
        featureDays = Math.min(featureDays, RELEARN_KEEPS_DAYS);
        Arrays.fill(drift, 0f);
    }

    /** Learns the day, after {@link #compare} (null comparison: only the profile is learned). */
    public void learn(DayLoad day, boolean restDay, DayComparison compared) {
        boolean suspect = false;
        if (compared != null) {
            for (int i = 0; i < Feature.COUNT; i++) {
                double z = Math.max(0, Math.min(4, compared.z()[i]));
                drift[i] += (float) (DRIFT_W * (z - drift[i]));
                suspect |= compared.z()[i] > SUSPECT_Z || drift[i] > GATE;
            }
        }
        int type = restDay ? 1 : 0;
        double w = weight(typeDays[type], suspect);
        for (int h = 0; h < DayLoad.HOURS; h++) {
            int i = type * DayLoad.HOURS + h;
            profile[i] += (float) (w * (day.hourly[h] - profile[i]));
        }
        typeDays[type]++;
        if (compared != null) {
            double wf = weight(featureDays, suspect);
            for (int i = 0; i < Feature.COUNT; i++) {
                double dev = compared.value()[i] - usual[i];
                if (featureDays == 0) {
                    usual[i] = (float) compared.value()[i];
                } else {
                    spread[i] += (float) (wf * (MAD_TO_SIGMA * Math.abs(dev) - spread[i]));
                    usual[i] += (float) (wf * dev);
                }
            }
            featureDays++;
        }
    }

    /**
     * From this many days known (of the day's type for the profile, of all days for the features),
     * a suspect day is learned slowly. Two weeks are enough for a usual day to judge by, and they
     * end a week before the first day is scored ({@link TheftEvidence#MIN_HISTORY_DAYS}): a theft
     * that begins in the third or fourth week is judged against the customer's honest days, not
     * learned into them at full weight (until session 18 the protection began at 30 days, and such
     * a theft was mostly missed: docs/detection.md, "A theft in the customer's first weeks").
     */
    static final int PROTECTED_FROM_DAYS = 14;

    private static double weight(int known, boolean suspect) {
        double w = Math.max(1.0 / (known + 1), 1.0 / HORIZON_DAYS);
        return suspect && known >= PROTECTED_FROM_DAYS ? w / SLOW : w;
    }

    /**
     * The usual energy in each hour of a day of the kind, kWh ({@link #reference}), or null while
     * there is none.
     */
    public float[] usualHours(boolean restDay) {
        return reference(restDay);
    }

    /**
     * The usual day of the type; a type not seen yet borrows the other's profile once the other has
     * a few days.
     */
    private float[] reference(boolean restDay) {
        int type = restDay ? 1 : 0;
        int other = 1 - type;
        int from = typeDays[type] > 0 ? type : typeDays[other] >= 3 ? other : -1;
        if (from < 0) {
            return null;
        }
        return Arrays.copyOfRange(profile, from * DayLoad.HOURS, (from + 1) * DayLoad.HOURS);
    }
}
