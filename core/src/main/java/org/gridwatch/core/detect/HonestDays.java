package org.gridwatch.core.detect;

/**
 * A per-customer model after Jokar et al.'s CPBETD (IEEE Trans. Smart Grid 2016), small enough to
 * stream: a few of the customer's own honest days, kept as 24 hourly values (a byte each, on a log
 * scale), and the known attacks applied to them. A suspicious day is compared, on the seven {@link
 * Feature}s in the customer's own spreads, with the nearest of its honest days and with the nearest
 * synthetic attack on them (a one-nearest-neighbour classifier): a day nearer to one of the
 * customer's own honest days than to any attack on them is an odd day this customer has had before,
 * honestly, and its deviations count less ({@link #honestWeight}).
 *
 * <p>Which days are honest: a day is kept only once it has aged {@link #PENDING} days and the
 * customer is not suspect then (its baseline's drift below the gate): an honest odd week ends by
 * itself, a theft does not. An inspection that finds nothing vouches for the pending days too. A
 * Flink POJO: about {@code (KEPT + PENDING) × 24} bytes.
 *
 * <p>An experiment (session 5), reverted in the next commit: docs/detection.md, "Real households",
 * has what it measured. Its knobs are system properties for the trials: {@code honest.gain}, {@code
 * honest.wmax} (the measured variant: 1.5 and 1.25), {@code honest.mode} (ratio, abs, both), {@code
 * honest.d0}, {@code honest.kept}, {@code honest.attacks}, {@code honest.diverse}, and {@code
 * honest.off} (the detector without it).
 */
public final class HonestDays {
    /** Honest days kept, the newest replacing the oldest. */
    static final int KEPT = Integer.getInteger("honest.kept", 16);

    /** Days waiting to be vouched for by the days after them. */
    static final int PENDING = 14;

    /** Kept days needed before the model judges. */
    static final int MIN_KEPT = 8;

    /** A day is judged by the model when one of its deviations reaches this many spreads. */
    static final double JUDGE_Z = 1.5;

    /** Log-scale step of the stored hourly values, and its zero: 1 Wh an hour. */
    static final double STEP = 0.05;

    static final double Q0 = 0.001;

    public byte[] kept = new byte[KEPT * DayLoad.HOURS];
    public int keptCount;
    public int keptNext;

    /** The day each kept day was learned on (a count of days learned), to drop the older of two. */
    public int[] keptAge = new int[KEPT];

    public int learned;
    public byte[] pending = new byte[PENDING * DayLoad.HOURS];
    public int pendingCount;
    public int pendingNext;

    public HonestDays() {}

    /** Takes a learned day; promotes the oldest pending one if the customer is not suspect now. */
    void add(DayLoad day, boolean suspectNow) {
        if (pendingCount == PENDING) {
            if (!suspectNow) {
                keep(pendingNext);
            }
        } else {
            pendingCount++;
        }
        for (int h = 0; h < DayLoad.HOURS; h++) {
            pending[pendingNext * DayLoad.HOURS + h] = encode(day.hourly[h]);
        }
        pendingNext = (pendingNext + 1) % PENDING;
    }

    /** An inspector vouched for the premises: the pending days are honest. */
    void vouch() {
        int oldest = pendingCount == PENDING ? pendingNext : 0;
        for (int k = 0; k < pendingCount; k++) {
            keep((oldest + k) % PENDING);
        }
        pendingCount = 0;
        pendingNext = 0;
    }

    static final boolean DIVERSE =
            Boolean.parseBoolean(System.getProperty("honest.diverse", "true"));

    /**
     * Keeps a pending day. While there is room it is added; then, of the kept days and the new one,
     * the two most alike (hour by hour, on the log scale) lose their older member: the kept days
     * stay as varied as the customer's honest days have been, and still follow a slow change.
     */
    private void keep(int pendingSlot) {
        learned++;
        int from = pendingSlot * DayLoad.HOURS;
        int slot;
        if (keptCount < KEPT) {
            slot = keptCount++;
        } else if (!DIVERSE) {
            slot = keptNext;
            keptNext = (keptNext + 1) % KEPT;
        } else {
            long best = Long.MAX_VALUE;
            slot = -1;
            for (int i = 0; i <= KEPT; i++) {
                for (int j = i + 1; j <= KEPT; j++) {
                    long d = 0;
                    for (int h = 0; h < DayLoad.HOURS; h++) {
                        int a =
                                i < KEPT
                                        ? kept[i * DayLoad.HOURS + h] & 0xff
                                        : pending[from + h] & 0xff;
                        int b =
                                j < KEPT
                                        ? kept[j * DayLoad.HOURS + h] & 0xff
                                        : pending[from + h] & 0xff;
                        d += (long) (a - b) * (a - b);
                    }
                    if (d < best) {
                        best = d;
                        // the older of the two; the new day (index KEPT) is the newest
                        slot = j == KEPT ? i : keptAge[i] <= keptAge[j] ? i : j;
                    }
                }
            }
        }
        System.arraycopy(pending, from, kept, slot * DayLoad.HOURS, DayLoad.HOURS);
        keptAge[slot] = learned;
    }

    static byte encode(double kwh) {
        if (!(kwh > Q0)) {
            return 0;
        }
        long q = 1 + Math.round(Math.log(kwh / Q0) / STEP);
        return (byte) Math.min(255, q);
    }

    static double decode(byte b) {
        int q = b & 0xff;
        return q == 0 ? 0 : Q0 * Math.exp((q - 1) * STEP);
    }

    /** How strongly the weight falls for a day nearer to honest days than to attacks. */
    static double GAIN = Double.parseDouble(System.getProperty("honest.gain", "1.5"));

    /**
     * The weight of the day's suspicious deviations, in (0, 1]: 1 while fewer than {@link
     * #MIN_KEPT} honest days are kept or no deviation reaches {@link #JUDGE_Z}; otherwise min(1,
     * GAIN × d_honest / (d_honest + d_attack)), d the distance to the nearest honest day and to the
     * nearest attack on one: 1 when the day is at least as near to an attack, falling towards 0 as
     * it comes nearer to an honest day than to any attack.
     */
    double honestWeight(
            double[] z,
            float[] hourly,
            float[] ref,
            boolean[] peakHours,
            float[] usual,
            float[] spread) {
        if (keptCount < MIN_KEPT) {
            return 1;
        }
        boolean suspicious = false;
        for (double v : z) {
            suspicious |= v >= JUDGE_Z;
        }
        return suspicious ? weight(hourly, ref, peakHours, usual, spread) : 1;
    }

    /** The weight (see {@link #honestWeight}) of the day's 24 hourly values. */
    private double weight(
            float[] hourly, float[] ref, boolean[] peakHours, float[] usual, float[] spread) {
        double[] x = zOf(toDouble(hourly), ref, peakHours, usual, spread);
        double dHonest = Double.POSITIVE_INFINITY;
        double dAttack = Double.POSITIVE_INFINITY;
        double[] day = new double[DayLoad.HOURS];
        for (int k = 0; k < keptCount; k++) {
            for (int h = 0; h < DayLoad.HOURS; h++) {
                day[h] = decode(kept[k * DayLoad.HOURS + h]);
            }
            dHonest = Math.min(dHonest, distance(x, zOf(day, ref, peakHours, usual, spread)));
            for (int a = 0; a < ATTACKS; a++) {
                double[] attacked = attack(a, day, peakHours);
                dAttack =
                        Math.min(
                                dAttack, distance(x, zOf(attacked, ref, peakHours, usual, spread)));
            }
        }
        double total = dHonest + dAttack;
        if (MODE.equals("abs")) {
            return Math.min(WMAX, dHonest / D0);
        }
        if (MODE.equals("both")) {
            return Math.min(1, Math.max(dHonest / D0, GAIN * dHonest / total));
        }
        if (debugLabel >= 0) {
            double w = total <= 0 ? 1 : Math.min(1, GAIN * dHonest / total);
            DEBUG[debugLabel][0]++;
            DEBUG[debugLabel][1] += w;
            DEBUG[debugLabel][2] += w < 0.5 ? 1 : 0;
            DEBUG[debugLabel][3] += dHonest;
            DEBUG[debugLabel][4] += dAttack;
            DEBUG[debugLabel][5] += w < 1 ? 1 : 0;
        }
        return total <= 0 ? 1 : Math.min(WMAX, GAIN * dHonest / total);
    }

    static final String MODE = System.getProperty("honest.mode", "ratio");
    static final double D0 = Double.parseDouble(System.getProperty("honest.d0", "3"));
    static final double WMAX = Double.parseDouble(System.getProperty("honest.wmax", "1.25"));
    public static int debugLabel = -1;
    public static final double[][] DEBUG = new double[3][6];

    static final int ATTACKS = Integer.getInteger("honest.attacks", 10);

    /** The known attacks with fixed parameters (h1 at two levels, h2..h6, cap, peak shift). */
    static double[] attack(int a, double[] x, boolean[] peak) {
        int n = x.length;
        double[] out = x.clone();
        double total = 0;
        double max = 0;
        for (double v : x) {
            total += v;
            max = Math.max(max, v);
        }
        double mean = total / n;
        switch (a) {
            case 0 -> scale(out, 0.3);
            case 1 -> scale(out, 0.6);
            case 10 -> scale(out, 0.15);
            case 11 -> scale(out, 0.45);
            case 12 -> scale(out, 0.8);
            case 2 -> {
                for (int t = 8; t < 16; t++) {
                    out[t] = 0;
                }
            }
            case 3 -> {
                for (int t = 0; t < n; t++) {
                    out[t] *= GAMMA[t];
                }
            }
            case 4 -> {
                for (int t = 0; t < n; t++) {
                    out[t] = GAMMA[t] * mean;
                }
            }
            case 5 -> java.util.Arrays.fill(out, mean);
            case 6 -> {
                for (int t = 0; t < n; t++) {
                    out[t] = x[n - 1 - t];
                }
            }
            case 7 -> {
                for (int t = 0; t < n; t++) {
                    out[t] = Math.min(x[t], 0.5 * max);
                }
            }
            case 8 -> {
                double moved = 0;
                int valleys = 0;
                for (int t = 0; t < n; t++) {
                    if (peak != null && peak[t]) {
                        moved += 0.5 * x[t];
                        out[t] *= 0.5;
                    } else {
                        valleys++;
                    }
                }
                for (int t = 0; t < n; t++) {
                    if (peak == null || !peak[t]) {
                        out[t] += moved / Math.max(1, valleys);
                    }
                }
            }
            case 9 -> {
                for (int t = 16; t < 24; t++) {
                    out[t] = 0;
                }
            }
            default -> throw new IllegalArgumentException("attack " + a);
        }
        return out;
    }

    /** Fixed draws in [0.1, 0.8] for h3 and h4. */
    private static final double[] GAMMA = new double[DayLoad.HOURS];

    static {
        java.util.SplittableRandom r = new java.util.SplittableRandom(8);
        for (int t = 0; t < GAMMA.length; t++) {
            GAMMA[t] = 0.1 + 0.7 * r.nextDouble();
        }
    }

    private static void scale(double[] x, double k) {
        for (int t = 0; t < x.length; t++) {
            x[t] *= k;
        }
    }

    /** Euclidean distance of two deviation vectors, each deviation clipped to ±4 spreads. */
    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = clip(a[i]) - clip(b[i]);
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double clip(double v) {
        return Math.max(-4, Math.min(4, v));
    }

    /** A day's deviations from the usual, in spreads, from its 24 hourly values alone. */
    static double[] zOf(
            double[] hourly, float[] ref, boolean[] peakHours, float[] usual, float[] spread) {
        DayLoad day = new DayLoad(0, 0);
        day.readings = DayLoad.SLOTS;
        day.minutes = 24 * 60;
        day.intervalMinutes = 15;
        for (int h = 0; h < DayLoad.HOURS; h++) {
            day.hourly[h] = (float) hourly[h];
            if (hourly[h] < DayLoad.ZERO_KWH_PER_HOUR) {
                day.zeroReadings += 4;
            }
            for (int q = 0; q < 4; q++) {
                day.rates[h * 4 + q] = (float) hourly[h];
            }
        }
        double[] v = Features.of(day, ref, peakHours);
        double[] z = new double[Feature.COUNT];
        for (Feature f : Feature.ALL) {
            int i = f.ordinal();
            double s = Math.max(spread[i], f.minSpread());
            z[i] = f.theftDirection() * (v[i] - usual[i]) / s;
        }
        return z;
    }

    private static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
