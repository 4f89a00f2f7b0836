package org.gridwatch.core.whatif;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.HolidayCalendar;

/**
 * The figures of one scenario over one group, as {@code scenarios.csv} and the report show them
 * (docs/whatif.md, "The outputs", defines each).
 *
 * <p>Bill change percentiles are nearest-rank: the p-th percentile of n sorted changes is the
 * ⌈p·n/100⌉-th. The system load figures are of the group's average workday (the history's workdays,
 * by the holiday calendar): its highest and lowest half-hour load in kW, the peak-valley rate (peak
 * − valley) / peak, and the load factor, mean / peak.
 */
public record ScenarioRow(
        String scenario,
        String groupKind,
        String group,
        long customers,
        long optedIn,
        double kwhBefore,
        double kwhAfter,
        double peakKwhBefore,
        double peakKwhAfter,
        double revenueBeforeCny,
        double revenueAfterCny,
        double billChangeP10Cny,
        double billChangeP50Cny,
        double billChangeP90Cny,
        double sharePayingMore,
        double incentivePaidCny,
        double kwhMovedOutOfPeak,
        LoadShape before,
        LoadShape after,
        long[] sortedChangesFen) {

    /** The CSV header: the contract's columns first, then GridWatch's. */
    public static final List<String> COLUMNS =
            List.of(
                    "scenario",
                    "class",
                    "customers",
                    "kwh_before",
                    "kwh_after",
                    "peak_kwh_before",
                    "peak_kwh_after",
                    "revenue_before_cny",
                    "revenue_after_cny",
                    "bill_change_p10_cny",
                    "bill_change_p50_cny",
                    "bill_change_p90_cny",
                    "share_paying_more",
                    "opted_in",
                    "incentive_paid_cny",
                    "kwh_moved_out_of_peak",
                    "revenue_change_pct",
                    "system_peak_kw_before",
                    "system_peak_kw_after",
                    "system_valley_kw_before",
                    "system_valley_kw_after",
                    "peak_valley_rate_before",
                    "peak_valley_rate_after",
                    "load_factor_before",
                    "load_factor_after");

    /**
     * An average day's load of a group, half hour by half hour, in kW.
     *
     * @param workdayKw the average workday's 48 half hours
     * @param otherDayKw the average weekend or holiday's 48 half hours
     */
    public record LoadShape(double[] workdayKw, double[] otherDayKw) {

        public double peakKw() {
            double max = 0;
            for (double kw : workdayKw) {
                max = Math.max(max, kw);
            }
            return max;
        }

        public double valleyKw() {
            double min = Double.POSITIVE_INFINITY;
            for (double kw : workdayKw) {
                min = Math.min(min, kw);
            }
            return min == Double.POSITIVE_INFINITY ? 0 : min;
        }

        public double peakValleyRate() {
            double peak = peakKw();
            return peak == 0 ? 0 : (peak - valleyKw()) / peak;
        }

        public double loadFactor() {
            double peak = peakKw();
            if (peak == 0) {
                return 0;
            }
            double sum = 0;
            for (double kw : workdayKw) {
                sum += kw;
            }
            return sum / workdayKw.length / peak;
        }
    }

    public static ScenarioRow of(ScenarioTally tally, HolidayCalendar calendar) {
        long[] sorted = tally.sortedChangesFen();
        int[] days = daysOfType(tally, calendar);
        return new ScenarioRow(
                tally.scenario,
                tally.groupKind,
                tally.group,
                tally.customers,
                tally.optedIn,
                tally.kwhBeforeMicro / 1e6,
                tally.kwhAfterMicro / 1e6,
                tally.peakBeforeMicroKwh / 1e6,
                tally.peakAfterMicroKwh / 1e6,
                tally.revenueBeforeFen / 100.0,
                tally.revenueAfterFen() / 100.0,
                percentile(sorted, 10) / 100.0,
                percentile(sorted, 50) / 100.0,
                percentile(sorted, 90) / 100.0,
                tally.customers == 0 ? 0 : (double) tally.paysMore / tally.customers,
                tally.incentiveFen / 100.0,
                tally.movedMicroKwh / 1e6,
                shape(tally.curveBeforeMicroKwh, days),
                shape(tally.curveAfterMicroKwh, days),
                sorted);
    }

    /** The nearest-rank percentile of sorted values; 0 when there are none. */
    public static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    public double revenueChangePct() {
        return revenueBeforeCny == 0
                ? 0
                : 100 * (revenueAfterCny - revenueBeforeCny) / revenueBeforeCny;
    }

    /** The row's values in {@link #COLUMNS} order, as CSV text. */
    public Map<String, String> csv() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("scenario", scenario);
        v.put("class", group);
        v.put("customers", Long.toString(customers));
        v.put("kwh_before", fixed(kwhBefore, 3));
        v.put("kwh_after", fixed(kwhAfter, 3));
        v.put("peak_kwh_before", fixed(peakKwhBefore, 3));
        v.put("peak_kwh_after", fixed(peakKwhAfter, 3));
        v.put("revenue_before_cny", fixed(revenueBeforeCny, 2));
        v.put("revenue_after_cny", fixed(revenueAfterCny, 2));
        v.put("bill_change_p10_cny", fixed(billChangeP10Cny, 2));
        v.put("bill_change_p50_cny", fixed(billChangeP50Cny, 2));
        v.put("bill_change_p90_cny", fixed(billChangeP90Cny, 2));
        v.put("share_paying_more", fixed(sharePayingMore, 4));
        v.put("opted_in", Long.toString(optedIn));
        v.put("incentive_paid_cny", fixed(incentivePaidCny, 2));
        v.put("kwh_moved_out_of_peak", fixed(kwhMovedOutOfPeak, 3));
        v.put("revenue_change_pct", fixed(revenueChangePct(), 3));
        v.put("system_peak_kw_before", fixed(before.peakKw(), 3));
        v.put("system_peak_kw_after", fixed(after.peakKw(), 3));
        v.put("system_valley_kw_before", fixed(before.valleyKw(), 3));
        v.put("system_valley_kw_after", fixed(after.valleyKw(), 3));
        v.put("peak_valley_rate_before", fixed(before.peakValleyRate(), 4));
        v.put("peak_valley_rate_after", fixed(after.peakValleyRate(), 4));
        v.put("load_factor_before", fixed(before.loadFactor(), 4));
        v.put("load_factor_after", fixed(after.loadFactor(), 4));
        return v;
    }

    /**
     * The row as a {@link Measurements#WHATIF} point stamped {@code runMillis} (tags in key order,
     * as {@link MetricPoint.Builder#tag} requires).
     */
    public MetricPoint point(long runMillis) {
        return MetricPoint.of(Measurements.WHATIF)
                .tag("group", group)
                .tag("group_kind", groupKind)
                .tag("scenario", scenario)
                .field("customers", customers)
                .field("opted_in", optedIn)
                .field("kwh_before", kwhBefore)
                .field("kwh_after", kwhAfter)
                .field("peak_kwh_before", peakKwhBefore)
                .field("peak_kwh_after", peakKwhAfter)
                .field("revenue_before", revenueBeforeCny)
                .field("revenue_after", revenueAfterCny)
                .field("revenue_change_pct", revenueChangePct())
                .field("bill_change_p10", billChangeP10Cny)
                .field("bill_change_p50", billChangeP50Cny)
                .field("bill_change_p90", billChangeP90Cny)
                .field("share_paying_more", sharePayingMore)
                .field("incentive_paid", incentivePaidCny)
                .field("kwh_moved_out_of_peak", kwhMovedOutOfPeak)
                .field("system_peak_kw_before", before.peakKw())
                .field("system_peak_kw_after", after.peakKw())
                .field("system_valley_kw_before", before.valleyKw())
                .field("system_valley_kw_after", after.valleyKw())
                .field("peak_valley_rate_before", before.peakValleyRate())
                .field("peak_valley_rate_after", after.peakValleyRate())
                .field("load_factor_before", before.loadFactor())
                .field("load_factor_after", after.loadFactor())
                .at(runMillis);
    }

    static String fixed(double value, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }

    private static LoadShape shape(long[] curveMicroKwh, int[] days) {
        double[] workday = new double[MonthLoad.HALF_HOURS];
        double[] other = new double[MonthLoad.HALF_HOURS];
        int otherDays = days[DayType.WEEKEND.ordinal()] + days[DayType.HOLIDAY.ordinal()];
        int workdays = days[DayType.WORKDAY.ordinal()];
        for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
            long w = curveMicroKwh[MonthLoad.slot(DayType.WORKDAY, h)];
            long o =
                    curveMicroKwh[MonthLoad.slot(DayType.WEEKEND, h)]
                            + curveMicroKwh[MonthLoad.slot(DayType.HOLIDAY, h)];
            // kWh in half an hour, over the days, is kW × 0.5 h.
            workday[h] = workdays == 0 ? 0 : w / 1e6 / workdays / 0.5;
            other[h] = otherDays == 0 ? 0 : o / 1e6 / otherDays / 0.5;
        }
        return new LoadShape(workday, other);
    }

    private static int[] daysOfType(ScenarioTally tally, HolidayCalendar calendar) {
        int[] days = new int[DayType.values().length];
        for (int i = 0; i < tally.yearMonths.length; i++) {
            LocalDate first = LocalDate.of(tally.yearMonths[i] / 100, tally.yearMonths[i] % 100, 1);
            for (int d = 0; d < 31; d++) {
                if ((tally.dayBits[i] & (1 << d)) != 0) {
                    days[calendar.dayType(first.plusDays(d)).ordinal()]++;
                }
            }
        }
        return days;
    }
}
