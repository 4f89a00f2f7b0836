package org.gridwatch.core.metric;

/**
 * A day's system peak and valley load and the peak-valley difference rate (峰谷差率): (peak − valley) /
 * peak over the day's 15-minute average loads. The rate is what the NDRC 2021 rule on time-of-use
 * price ratios keys on (a gap above 40% asks for a peak/valley price ratio of at least 4:1), so
 * planners watch it daily.
 */
public record PeakValley(double peakKw, double valleyKw, int quarters) {

    /** From the day's quarter-hour energies in micro-kWh; quarters without data are left out. */
    public static PeakValley of(long[] quarterMicroKwh, int count) {
        if (count == 0) {
            throw new IllegalArgumentException("a day without load has no peak");
        }
        long max = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, quarterMicroKwh[i]);
            min = Math.min(min, quarterMicroKwh[i]);
        }
        return new PeakValley(
                Bucket.kwhOf(max) / Bucket.HOURS, Bucket.kwhOf(min) / Bucket.HOURS, count);
    }

    /** (peak − valley) / peak, 0 when there is no load at all. */
    public double rate() {
        return peakKw <= 0 ? 0.0 : (peakKw - valleyKw) / peakKw;
    }
}
