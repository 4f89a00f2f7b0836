package org.gridwatch.core.detect;

import java.util.SplittableRandom;

/**
 * One thief's attack: its kind and the parameters fixed for the thief, drawn once from a seed. It
 * turns each day's honest series into the series the meter reports ({@link #apply}); per-day and
 * per-interval draws come from the seed and the day, so the same attack on the same day gives the
 * same series, in the simulator and in a test.
 *
 * @param kind the attack
 * @param level α of SCALE and RAMP, c of CAP, f of PEAK_SHIFT, β of SWAP; unused otherwise
 * @param rampDays RAMP's days from full to α
 * @param seed the seed of the per-day draws
 */
public record TheftAttack(AttackKind kind, double level, int rampDays, long seed) {

    /** Draws the thief's parameters for {@code kind} from {@code r}. */
    public static TheftAttack draw(AttackKind kind, SplittableRandom r) {
        double level =
                switch (kind) {
                    case SCALE -> uniform(r, 0.1, 0.8);
                    case RAMP -> uniform(r, 0.1, 0.6);
                    case CAP -> uniform(r, 0.3, 0.7);
                    case PEAK_SHIFT -> uniform(r, 0.3, 0.8);
                    case SWAP -> uniform(r, 0.2, 0.6);
                    default -> Double.NaN;
                };
        int rampDays = kind == AttackKind.RAMP ? 14 + r.nextInt(15) : 0;
        return new TheftAttack(kind, level, rampDays, r.nextLong());
    }

    /**
     * The series the meter reports on the {@code day}-th day of the attack (0 = its first day).
     *
     * @param honest the day's honest energy per interval, from 00:00 (24, 48 or 96 values)
     * @param peak which intervals are peak-priced (PEAK_SHIFT only; may be null otherwise)
     * @param valley which intervals are valley-priced (PEAK_SHIFT only; may be null otherwise)
     * @param donor another, smaller user's series of the same length (SWAP only; else may be null)
     * @return a new array; {@code honest} is not changed
     */
    public double[] apply(
            double[] honest, int day, boolean[] peak, boolean[] valley, double[] donor) {
        int n = honest.length;
        double[] x = honest.clone();
        SplittableRandom r = new SplittableRandom(seed * 31 + day);
        double total = 0;
        double max = 0;
        for (double v : x) {
            total += v;
            max = Math.max(max, v);
        }
        double mean = total / n;
        switch (kind) {
            case SCALE -> scale(x, level);
            case ZERO_WINDOW -> {
                int hours = 4 + r.nextInt(9);
                int len = Math.min(n, hours * n / 24);
                int start = r.nextInt(n - len + 1);
                for (int t = start; t < start + len; t++) {
                    x[t] = 0;
                }
            }
            case RANDOM_SCALE -> {
                for (int t = 0; t < n; t++) {
                    x[t] *= uniform(r, 0.1, 0.8);
                }
            }
            case RANDOM_OF_MEAN -> {
                for (int t = 0; t < n; t++) {
                    x[t] = uniform(r, 0.1, 0.8) * mean;
                }
            }
            case FLAT_MEAN -> java.util.Arrays.fill(x, mean);
            case REVERSED -> {
                for (int t = 0; t < n; t++) {
                    x[t] = honest[n - 1 - t];
                }
            }
            case CAP -> {
                double cap = level * max;
                for (int t = 0; t < n; t++) {
                    x[t] = Math.min(x[t], cap);
                }
            }
            case RAMP -> {
                double progress = Math.min(1.0, (double) day / rampDays);
                scale(x, 1 - progress * (1 - level));
            }
            case PEAK_SHIFT -> peakShift(x, peak, valley);
            case SWAP -> {
                double donorTotal = 0;
                for (double v : donor) {
                    donorTotal += v;
                }
                for (int t = 0; t < n; t++) {
                    x[t] = donorTotal > 0 ? donor[t] / donorTotal * level * total : 0;
                }
            }
            case ON_OFF -> {
                int t = 0;
                while (t < n) {
                    int run = 1 + r.nextInt(8);
                    boolean off = r.nextBoolean();
                    for (int k = t; k < Math.min(n, t + run); k++) {
                        if (off) {
                            x[k] = 0;
                        }
                    }
                    t += run;
                }
            }
            case BYPASS -> {
                // the meter sees the honest series; the area supply carries the stolen load
            }
        }
        return x;
    }

    private void peakShift(double[] x, boolean[] peak, boolean[] valley) {
        int valleys = 0;
        for (boolean v : valley) {
            valleys += v ? 1 : 0;
        }
        if (valleys == 0) {
            return;
        }
        double moved = 0;
        for (int t = 0; t < x.length; t++) {
            if (peak[t]) {
                moved += level * x[t];
                x[t] *= 1 - level;
            }
        }
        for (int t = 0; t < x.length; t++) {
            if (valley[t]) {
                x[t] += moved / valleys;
            }
        }
    }

    private static void scale(double[] x, double factor) {
        for (int t = 0; t < x.length; t++) {
            x[t] *= factor;
        }
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
