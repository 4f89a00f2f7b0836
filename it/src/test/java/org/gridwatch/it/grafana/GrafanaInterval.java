package org.gridwatch.it.grafana;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Grafana chooses {@code $__interval} for a panel, reproduced so that the harness sends the
 * queries Grafana would send: the time range divided by the panel's data points (its width in
 * pixels unless maxDataPoints is set), rounded to a "nice" step, and never below the panel's or the
 * data source's minimum interval. Mirrors {@code rangeutil.calculateInterval}, {@code
 * roundInterval} and {@code secondsToHms} of grafana-data.
 */
final class GrafanaInterval {

    private static final Pattern DURATION = Pattern.compile("^>?\\s*(\\d+)(ms|s|m|h|d|w|M|y)$");

    /** Upper bounds (exclusive) of a raw interval and the nice step it rounds to, in ms. */
    private static final long[][] STEPS = {
        {15, 10},
        {35, 20},
        {75, 50},
        {150, 100},
        {350, 200},
        {750, 500},
        {1_500, 1_000},
        {3_500, 2_000},
        {7_500, 5_000},
        {12_500, 10_000},
        {17_500, 15_000},
        {25_000, 20_000},
        {45_000, 30_000},
        {90_000, 60_000},
        {210_000, 120_000},
        {450_000, 300_000},
        {750_000, 600_000},
        {1_050_000, 900_000},
        {1_500_000, 1_200_000},
        {2_700_000, 1_800_000},
        {5_400_000, 3_600_000},
        {9_000_000, 7_200_000},
        {16_200_000, 10_800_000},
        {32_400_000, 21_600_000},
        {86_400_000, 43_200_000},
        {604_800_000, 86_400_000},
        {1_814_400_000, 604_800_000},
        {3_628_800_000L, 2_592_000_000L},
    };

    private static final long YEAR_MS = 31_536_000_000L;

    private GrafanaInterval() {}

    /** The interval in milliseconds Grafana gives a panel for this range. */
    static long intervalMillis(long fromMillis, long toMillis, int maxDataPoints, long minMillis) {
        if (maxDataPoints <= 0) {
            throw new IllegalArgumentException("maxDataPoints must be positive: " + maxDataPoints);
        }
        long raw = (toMillis - fromMillis) / maxDataPoints;
        return Math.max(round(raw), Math.max(1, minMillis));
    }

    static long round(long rawMillis) {
        for (long[] step : STEPS) {
            if (rawMillis < step[0]) {
                return step[1];
            }
        }
        return YEAR_MS;
    }

    /**
     * Grafana's text for an interval: the largest whole unit only, so 90 minutes is "1h". Years
     * come out as "1y", which InfluxQL does not accept; that is what Grafana sends too.
     */
    static String format(long millis) {
        long seconds = millis / 1000;
        if (seconds / 31_536_000 > 0) {
            return seconds / 31_536_000 + "y";
        }
        long days = (seconds % 31_536_000) / 86_400;
        if (days > 0) {
            return days + "d";
        }
        long hours = (seconds % 86_400) / 3_600;
        if (hours > 0) {
            return hours + "h";
        }
        long minutes = (seconds % 3_600) / 60;
        if (minutes > 0) {
            return minutes + "m";
        }
        if (seconds % 60 > 0) {
            return seconds % 60 + "s";
        }
        return Math.max(1, millis) + "ms";
    }

    /** Parses Grafana's interval text, such as a panel's minimum interval "15m" or ">1h". */
    static long parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a Grafana interval: '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return amount
                * switch (matcher.group(2)) {
                    case "ms" -> 1L;
                    case "s" -> 1_000L;
                    case "m" -> 60_000L;
                    case "h" -> 3_600_000L;
                    case "d" -> 86_400_000L;
                    case "w" -> 604_800_000L;
                    case "M" -> 2_592_000_000L;
                    default -> YEAR_MS;
                };
    }
}
