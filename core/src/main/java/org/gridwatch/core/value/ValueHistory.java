package org.gridwatch.core.value;

import java.time.YearMonth;
import java.util.Arrays;
import org.gridwatch.core.billing.MonthlyUsage;

/**
 * One customer's billed months, the last {@link #MONTHS}, from which the value model reads its
 * measures: 12-month revenue and energy (current value) and the trend, load factor and peak share
 * (potential value). Flink state next to the ledger: public no-arg constructor, public fields,
 * fixed arrays used as a ring indexed by month.
 *
 * <p>The trend is year on year once 24 months are billed. Before that it is the least-squares slope
 * of the average quarter-hour energy of each billed month of the last 12 (at least {@link
 * #MIN_TREND_MONTHS}), as a share of their mean, times 12: a yearly rate. Such a short-run slope
 * also carries the season; the fleet takes that out by comparing each customer with its class (see
 * {@link FleetValuation}).
 */
public final class ValueHistory {

    /** Months remembered: two years, for the year-on-year trend. */
    public static final int MONTHS = 24;

    /** Billed months needed before a trend is read from the slope. */
    public static final int MIN_TREND_MONTHS = 3;

    /** A trend beyond ±100% a year is noise of a short history or a new connection. */
    public static final double MAX_TREND = 1.0;

    private static final int YEAR = 12;

    /** The month index (year × 12 + month − 1) each slot holds, or −1 when empty. */
    public int[] monthIndex = filledEmpty();

    public long[] revenueFen = new long[MONTHS];
    public long[] microKwh = new long[MONTHS];
    public long[] peakMicroKwh = new long[MONTHS];
    public long[] maxQuarterMicroKwh = new long[MONTHS];
    public int[] quarters = new int[MONTHS];

    /** The month index of the first bill seen; −1 before any. */
    public int firstMonthIndex = -1;

    /** The month index of the latest bill; −1 before any. */
    public int latestMonthIndex = -1;

    public ValueHistory() {}

    private static int[] filledEmpty() {
        int[] a = new int[MONTHS];
        Arrays.fill(a, -1);
        return a;
    }

    public static int indexOf(YearMonth month) {
        return month.getYear() * YEAR + month.getMonthValue() - 1;
    }

    public boolean hasBills() {
        return latestMonthIndex >= 0;
    }

    /** The latest billed month, yyyymm; 0 before any bill. */
    public int latestYearMonth() {
        return latestMonthIndex < 0
                ? 0
                : (latestMonthIndex / YEAR) * 100 + latestMonthIndex % YEAR + 1;
    }

    /** Records a month's bill: its amount and the usage it was computed from. */
    public void onBill(YearMonth month, long amountFen, MonthlyUsage usage) {
        int index = indexOf(month);
        int slot = Math.floorMod(index, MONTHS);
        monthIndex[slot] = index;
        revenueFen[slot] = amountFen;
        microKwh[slot] = usage.totalMicroKwh();
        peakMicroKwh[slot] = usage.peakHoursMicroKwh;
        maxQuarterMicroKwh[slot] = usage.maxQuarterMicroKwh;
        quarters[slot] = usage.quarterCount;
        if (firstMonthIndex < 0 || index < firstMonthIndex) {
            firstMonthIndex = index;
        }
        latestMonthIndex = Math.max(latestMonthIndex, index);
    }

    /** Revenue billed for the 12 months up to and including the latest bill. */
    public long revenue12Fen() {
        return sumLastYear(revenueFen);
    }

    /** Energy billed for the 12 months up to and including the latest bill, in Wh. */
    public long energy12Wh() {
        return sumLastYear(microKwh) / 1000;
    }

    /**
     * The load factor over the last 12 billed months: average quarter-hour energy ÷ the month's
     * largest, weighted by the quarters of each month; 0 with no energy.
     */
    public double loadFactor() {
        double capacity = 0;
        for (int i = 0; i < MONTHS; i++) {
            if (inLastYear(i)) {
                capacity += (double) maxQuarterMicroKwh[i] * quarters[i];
            }
        }
        return capacity == 0 ? 0 : sumLastYear(microKwh) / capacity;
    }

    /**
     * The share of the last 12 months' energy in the system's peak hours ({@link
     * MonthlyUsage#peakHoursMicroKwh}), whatever the customer's own tariff: a household on a flat
     * tariff has peak use an off-peak offer could move too.
     */
    public double peakShare() {
        long total = sumLastYear(microKwh);
        return total == 0 ? 0 : (double) sumLastYear(peakMicroKwh) / total;
    }

    /** The yearly consumption trend (0.10 = +10% a year); see the class comment. 0 if unknown. */
    public double trend() {
        if (latestMonthIndex < 0) {
            return 0;
        }
        double yearOnYear = yearOnYear();
        if (!Double.isNaN(yearOnYear)) {
            return clampTrend(yearOnYear);
        }
        return clampTrend(slopeTrend());
    }

    /**
     * How much the customer's months scatter around their own trend, over the last 12 billed months
     * (at least {@link #MIN_STABILITY_MONTHS}): the residual standard deviation about the
     * least-squares line, as a share of the mean, of the average quarter-hour energy of each month
     * and of the revenue per quarter hour; the larger of the two. 0.05 is a steady customer, 0.4
     * one whose months swing by 40% for no trend. A steady rise or fall is the trend's business,
     * not instability, so it is taken out first. 0 with too few months: no record is not a bad
     * record.
     */
    public double volatility() {
        if (latestMonthIndex < 0) {
            return 0;
        }
        return Math.max(scatter(microKwh), scatter(revenueFen));
    }

    /**
     * Billed months needed before {@link #volatility} is read: a line through 3 points says little.
     */
    public static final int MIN_STABILITY_MONTHS = 4;

    private double scatter(long[] amounts) {
        int n = 0;
        double[] x = new double[MONTHS];
        double[] y = new double[MONTHS];
        for (int i = 0; i < MONTHS; i++) {
            if (inLastYear(i) && quarters[i] > 0) {
                x[n] = monthIndex[i] - latestMonthIndex;
                y[n++] = (double) amounts[i] / quarters[i];
            }
        }
        if (n < MIN_STABILITY_MONTHS) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        if (my <= 0) {
            return 0;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (my + slope * (x[i] - mx));
            squares += r * r;
        }
        return Math.sqrt(squares / (n - 2)) / my;
    }

    /**
     * The largest 15-minute demand of the last 12 billed months, kW (the quarter's energy × 4); 0
     * before any bill.
     */
    public double maxDemandKw12() {
        long max = 0;
        for (int i = 0; i < MONTHS; i++) {
            if (inLastYear(i)) {
                max = Math.max(max, maxQuarterMicroKwh[i]);
            }
        }
        return max * (double) MonthlyUsage.QUARTERS_PER_HOUR / 1e6;
    }

    /**
     * The largest quarter-hour energy of each of the last 12 billed months, micro-kWh, oldest first
     * (× 4 is the month's maximum demand, as the bill reads it); months without a bill are left
     * out.
     */
    public long[] monthlyMaxQuarterMicroKwh() {
        long[] out = new long[YEAR];
        int n = 0;
        for (int back = YEAR - 1; back >= 0 && latestMonthIndex >= 0; back--) {
            int index = latestMonthIndex - back;
            int slot = Math.floorMod(index, MONTHS);
            if (monthIndex[slot] == index) {
                out[n++] = maxQuarterMicroKwh[slot];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Whole years since {@code sinceMonthIndex}, or since the first bill when that is unknown. */
    public double tenureYears(int nowMonthIndex, int sinceMonthIndex) {
        int since = sinceMonthIndex >= 0 ? sinceMonthIndex : firstMonthIndex;
        return since < 0 ? 0 : Math.max(0, nowMonthIndex - since + 1) / (double) YEAR;
    }

    private double yearOnYear() {
        long last = 0;
        long before = 0;
        for (int back = 0; back < MONTHS; back++) {
            int slot = Math.floorMod(latestMonthIndex - back, MONTHS);
            if (monthIndex[slot] != latestMonthIndex - back || quarters[slot] == 0) {
                return Double.NaN; // a gap: not two full years
            }
            if (back < YEAR) {
                last += microKwh[slot];
            } else {
                before += microKwh[slot];
            }
        }
        return before == 0 ? Double.NaN : (double) (last - before) / before;
    }

    private double slopeTrend() {
        int n = 0;
        double sumX = 0;
        double sumY = 0;
        double sumXy = 0;
        double sumXx = 0;
        for (int i = 0; i < MONTHS; i++) {
            if (!inLastYear(i) || quarters[i] == 0) {
                continue;
            }
            double x = monthIndex[i] - latestMonthIndex;
            double y = (double) microKwh[i] / quarters[i];
            n++;
            sumX += x;
            sumY += y;
            sumXy += x * y;
            sumXx += x * x;
        }
        if (n < MIN_TREND_MONTHS || sumY == 0) {
            return 0;
        }
        double slope = (n * sumXy - sumX * sumY) / (n * sumXx - sumX * sumX);
        return slope / (sumY / n) * YEAR;
    }

    private boolean inLastYear(int slot) {
        int index = monthIndex[slot];
        return index >= 0 && index > latestMonthIndex - YEAR && index <= latestMonthIndex;
    }

    private long sumLastYear(long[] values) {
        long sum = 0;
        for (int i = 0; i < MONTHS; i++) {
            if (inLastYear(i)) {
                sum += values[i];
            }
        }
        return sum;
    }

    private static double clampTrend(double trend) {
        return Math.max(-MAX_TREND, Math.min(MAX_TREND, trend));
    }
}
