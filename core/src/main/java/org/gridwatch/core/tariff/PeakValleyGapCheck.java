package org.gridwatch.core.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Does the tariff file's {@code system-peak-valley-gap} agree with the daily peak-valley rates the
 * monitor measured? The 3:1 / 4:1 rule of 发改价格〔2021〕1093号 turns on whether the system's maximum gap
 * exceeds 40% ({@link TariffPolicy#GAP_FOR_FOUR_TO_ONE}); when the setting and the highest measured
 * day fall on different sides of 40%, the tariffs were checked against the other ratio than the
 * measurements suggest. Either side is only a hint: the monitor measures the load of its own
 * customers, not the whole system's, and the rule looks at a whole year's maximum.
 */
public final class PeakValleyGapCheck {

    private static final String NOTICE = "发改价格〔2021〕1093号";

    private PeakValleyGapCheck() {}

    /**
     * @param configuredGap the file's setting as a fraction, NaN when the file gives none (3:1 is
     *     then assumed, as if it were at most 40%)
     * @param dailyRates each measured day's peak-valley rate, (peak − valley) / peak, as a fraction
     * @return a message for the planner, empty when the two agree or nothing was measured
     */
    public static Optional<String> concern(
            double configuredGap, SortedMap<LocalDate, Double> dailyRates) {
        if (dailyRates.isEmpty()) {
            return Optional.empty();
        }
        LocalDate highestDay = null;
        double highest = Double.NEGATIVE_INFINITY;
        for (Map.Entry<LocalDate, Double> day : dailyRates.entrySet()) {
            if (day.getValue() > highest) {
                highest = day.getValue();
                highestDay = day.getKey();
            }
        }
        boolean configuredWide =
                !Double.isNaN(configuredGap) && configuredGap > TariffPolicy.GAP_FOR_FOUR_TO_ONE;
        boolean measuredWide = highest > TariffPolicy.GAP_FOR_FOUR_TO_ONE;
        if (configuredWide == measuredWide) {
            return Optional.empty();
        }
        String measured =
                percent(highest)
                        + " on "
                        + highestDay
                        + " (the highest of "
                        + dailyRates.size()
                        + (dailyRates.size() == 1 ? " day" : " days")
                        + " measured)";
        if (measuredWide) {
            return Optional.of(
                    "the daily peak-valley rate of the monitored load reached "
                            + measured
                            + ", above the 40% at which "
                            + NOTICE
                            + " asks a peak/valley price ratio of 4:1, but "
                            + (Double.isNaN(configuredGap)
                                    ? "system-peak-valley-gap is not set (3:1 assumed)"
                                    : "system-peak-valley-gap is " + gap(configuredGap))
                            + ", so the tariffs were checked against 3:1. Check the system's"
                            + " maximum gap and set system-peak-valley-gap to it");
        }
        return Optional.of(
                "system-peak-valley-gap is "
                        + gap(configuredGap)
                        + ", so the tariffs were checked against the 4:1 of "
                        + NOTICE
                        + ", but the daily peak-valley rate of the monitored load was at most "
                        + measured
                        + ", not above 40%: if these days are typical of the year, 3:1 would"
                        + " apply. Check the system's maximum gap and set"
                        + " system-peak-valley-gap to it");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static String gap(double fraction) {
        return BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString();
    }
}
