package org.gridwatch.core.detect;

import java.util.Arrays;

/** The arithmetic of each {@link Feature} of a day against a usual day. */
final class Features {
    private Features() {}

    /** The standby load is the mean of this many lowest hours of a day. */
    static final int STANDBY_HOURS = 4;

    /**
     * What is added to both sides of a ratio so that near-empty days give finite, modest logs: 5%
     * of the usual day plus 10 Wh for the level, 10% of the usual standby plus 2 Wh for the base,
     * 0.02 for a coefficient of variation. Small beside what an attack moves, large beside a
     * meter's last digit.
     */
    static final double LEVEL_FLOOR_SHARE = 0.05;

    static final double LEVEL_FLOOR_KWH = 0.01;
    static final double BASE_FLOOR_SHARE = 0.1;
    static final double BASE_FLOOR_KWH = 0.002;
    static final double VARIATION_FLOOR = 0.02;

    /**
     * A day's features against the usual day {@code ref}, over the hours the day is judged on
     * ({@link #judgedHours}): where its meter sent energy back, a rooftop array covered the house's
     * use, and the import (zero, or what the array left) says nothing of it. The usual day is read
     * in the same hours, so that the two compare: a sunny day of a household with an array is no
     * drop, no vanished standby and no new shape.
     */
    static double[] of(DayLoad day, float[] ref, boolean[] peakHours) {
        int[] hours = judgedHours(day.exportHours);
        double[] x = pick(doubles(day.hourly), hours);
        double[] r = pick(doubles(ref), hours);
        boolean[] peak = peakHours == null ? null : pick(peakHours, hours);
        double total = sum(x);
        double refTotal = sum(r);
        double[] v = new double[Feature.COUNT];
        v[Feature.LEVEL.ordinal()] =
                logRatio(total, refTotal, LEVEL_FLOOR_SHARE * refTotal + LEVEL_FLOOR_KWH);
        double base = lowest(x, STANDBY_HOURS);
        double refBase = lowest(r, STANDBY_HOURS);
        v[Feature.BASE.ordinal()] =
                logRatio(base, refBase, BASE_FLOOR_SHARE * refBase + BASE_FLOOR_KWH);
        v[Feature.ZEROS.ordinal()] =
                day.readings == 0 ? 0 : (double) day.zeroReadings / day.readings;
        v[Feature.SHAPE.ordinal()] = correlation(x, r);
        v[Feature.PEAK_SHARE.ordinal()] = share(x, peak) - share(r, peak);
        v[Feature.FLATNESS.ordinal()] =
                Math.log((variation(x) + VARIATION_FLOOR) / (variation(r) + VARIATION_FLOOR));
        v[Feature.FLAT_TOP.ordinal()] =
                day.readings == 0 ? 0 : (double) day.tiedAtMax() / day.readings;
        return v;
    }

    /**
     * A day is judged on at least this many hours: twice the {@link #STANDBY_HOURS} its standby is
     * read in, so that the standby is the lower half of what is judged, not all of it. Fewer are
     * left only where the meter ran backwards 17 hours or more, longer than a rooftop array's day.
     */
    static final int MIN_JUDGED_HOURS = 8;

    /**
     * The hours a day is judged on: those in which its meter did not send energy back ({@link
     * DayLoad#exportHours}), or every hour where fewer than {@link #MIN_JUDGED_HOURS} are left (a
     * meter that runs backwards all day is judged whole: its import is what it billed).
     */
    static int[] judgedHours(int exportHours) {
        int n = DayLoad.HOURS - Integer.bitCount(exportHours & ALL_HOURS);
        if (exportHours == 0 || n < MIN_JUDGED_HOURS) {
            n = DayLoad.HOURS;
            exportHours = 0;
        }
        int[] hours = new int[n];
        int k = 0;
        for (int h = 0; h < DayLoad.HOURS; h++) {
            if ((exportHours & 1 << h) == 0) {
                hours[k++] = h;
            }
        }
        return hours;
    }

    private static final int ALL_HOURS = (1 << DayLoad.HOURS) - 1;

    private static double[] pick(double[] values, int[] hours) {
        if (hours.length == values.length) {
            return values;
        }
        double[] out = new double[hours.length];
        for (int i = 0; i < hours.length; i++) {
            out[i] = values[hours[i]];
        }
        return out;
    }

    private static boolean[] pick(boolean[] values, int[] hours) {
        if (hours.length == values.length) {
            return values;
        }
        boolean[] out = new boolean[hours.length];
        for (int i = 0; i < hours.length; i++) {
            out[i] = values[hours[i]];
        }
        return out;
    }

    /**
     * An empty house, in either of two ways. (1) The standby is kept: the day's mean hour is within
     * 1.5 times the usual standby load (the mean of the usual day's 4 lowest hours) and at least
     * 80% of that standby is still in the day's own 4 lowest hours. (2) The house is switched off:
     * the day's mean hour is as low (within 1.5 times the usual standby, plus 5% of the usual day
     * and 10 Wh, so that a house with no usual standby can be empty too), but its standby fell as
     * well, and the day is flat at its own floor — its mean hour within {@link #ABSENT_FLAT} times
     * its own 4 lowest hours (plus 10 Wh a day), with at most half the usual activity above the
     * standby, in proportion to the standby (mean hour over standby, less one). What an occupied
     * house does beyond its standby is gone.
     *
     * <p>A meter made to read less scales every hour alike: the standby falls with the rest and the
     * day keeps the usual proportion of activity to standby, so it is neither (1) nor (2) (unless
     * the house was empty anyway). {@link #ABSENT_FLAT} is tight because a meter reading random
     * shares of the mean (h4) is flat too: at 1.5, h4 on 15-minute meters passed for absent on the
     * simulated fleet (docs/detection.md, "Real households"). Zeros are no sign of absence either
     * way: they are counted on an absent day ({@link UsageBaseline#compare}). Judged, as the
     * features are, on the hours the meter did not send energy back ({@link #judgedHours}); a day
     * whose meter sent energy back in the dark hours is never an empty house's: nothing of the
     * house makes energy then, and a meter wired to count its use as export reads no import at all.
     */
    static boolean looksAbsent(DayLoad day, float[] ref) {
        if ((day.exportHours & MeterEvidence.DARK_HOURS) != 0) {
            return false; // no empty house sends energy back in the dark: its meter runs backwards
        }
        int[] hours = judgedHours(day.exportHours);
        double[] x = pick(doubles(day.hourly), hours);
        double[] r = pick(doubles(ref), hours);
        double usualBase = lowest(r, STANDBY_HOURS);
        double usualMean = sum(r) / hours.length;
        double meanHour = sum(x) / hours.length;
        double base = lowest(x, STANDBY_HOURS);
        double floor = LEVEL_FLOOR_KWH / DayLoad.HOURS;
        if (meanHour > ABSENT_MEAN * usualBase + LEVEL_FLOOR_SHARE * usualMean + floor) {
            return false;
        }
        if (usualBase > 0
                && meanHour <= ABSENT_MEAN * usualBase
                && base >= ABSENT_STANDBY * usualBase) {
            return true;
        }
        double activity = meanHour / (base + floor) - 1;
        double usualActivity = usualMean / (usualBase + floor) - 1;
        return meanHour <= ABSENT_FLAT * base + floor && activity <= 0.5 * usualActivity;
    }

    static final double ABSENT_MEAN = 1.5;

    /** An absence keeps at least this share of the usual standby load, */
    static final double ABSENT_STANDBY = 0.8;

    /** or is switched off, flat at its own floor: its mean hour within this × its own standby. */
    static final double ABSENT_FLAT = 1.2;

    static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    static double logRatio(double a, double b, double epsilon) {
        return Math.log((a + epsilon) / (b + epsilon));
    }

    /** Mean of the {@code n} lowest values. */
    static double lowest(double[] x, int n) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += sorted[i];
        }
        return s / n;
    }

    /** Pearson correlation; 0 when either series is constant. */
    static double correlation(double[] x, double[] y) {
        int n = x.length;
        double mx = sum(x) / n;
        double my = sum(y) / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx <= 1e-12 || syy <= 1e-12) {
            return 0;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Share of the energy in the marked hours; 0 for an empty day. */
    static double share(double[] x, boolean[] marked) {
        double total = sum(x);
        if (total <= 0 || marked == null) {
            return 0;
        }
        double in = 0;
        for (int h = 0; h < x.length; h++) {
            if (marked[h]) {
                in += x[h];
            }
        }
        return in / total;
    }

    /** Coefficient of variation: standard deviation over mean; 0 for an empty day. */
    static double variation(double[] x) {
        double mean = sum(x) / x.length;
        if (mean <= 0) {
            return 0;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / x.length) / mean;
    }
}
