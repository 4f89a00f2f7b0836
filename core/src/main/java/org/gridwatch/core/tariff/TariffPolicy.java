package org.gridwatch.core.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The price rules of 发改价格〔2021〕1093号 (NDRC notice on improving time-of-use pricing), checked as
 * warnings: where the system's maximum peak-valley gap exceeds 40% the peak price should be at
 * least 4 times the valley price, elsewhere at least 3 times (this binds industry and commerce); a
 * critical peak should be at least 20% above the peak; the periods should not cost more the cheaper
 * they are meant to be (deep valley ≤ valley ≤ flat ≤ peak ≤ critical peak); and industry and
 * commerce should have time of use at all. docs/tariffs.md lists every message.
 */
public final class TariffPolicy {

    /** Above this system peak-valley gap the 4:1 rule applies instead of 3:1. */
    public static final double GAP_FOR_FOUR_TO_ONE = 0.40;

    private static final BigDecimal CRITICAL_PEAK_UPLIFT = new BigDecimal("1.2");
    private static final BigDecimal THREE = BigDecimal.valueOf(3);
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);

    /** The periods from the one meant to be cheapest to the dearest. */
    private static final TariffPeriod[] CHEAPEST_FIRST = {
        TariffPeriod.DEEP_VALLEY,
        TariffPeriod.VALLEY,
        TariffPeriod.FLAT,
        TariffPeriod.PEAK,
        TariffPeriod.CRITICAL_PEAK
    };

    private static final String NOTICE = "发改价格〔2021〕1093号";

    private TariffPolicy() {}

    /**
     * The concerns about one tariff.
     *
     * @param systemPeakValleyGap the file's setting as a fraction, NaN when the file gives none
     */
    public static List<String> concerns(Tariff tariff, double systemPeakValleyGap) {
        List<String> concerns = new ArrayList<>();
        TouSchedule schedule = tariff.schedule();
        TouPrices prices = tariff.prices();
        if (tariff.sector() == Tariff.Sector.INDUSTRY_AND_COMMERCE
                && schedule.periodsUsed().size() == 1) {
            concerns.add(
                    "one period all day ("
                            + schedule.periodsUsed().iterator().next().fileName()
                            + ") for an industry-and-commerce tariff: "
                            + NOTICE
                            + " asks for time-of-use prices for industry and commerce; keep a"
                            + " single price only for users your province's notice exempts or"
                            + " lets choose one");
        }
        if (bindsPeakValleyRatio(tariff)) {
            boolean wideGap =
                    !Double.isNaN(systemPeakValleyGap) && systemPeakValleyGap > GAP_FOR_FOUR_TO_ONE;
            int required = wideGap ? 4 : 3;
            BigDecimal peak = prices.priceOf(TariffPeriod.PEAK);
            BigDecimal valley = prices.priceOf(TariffPeriod.VALLEY);
            if (peak.compareTo(valley.multiply(BigDecimal.valueOf(required))) < 0) {
                concerns.add(
                        "peak/valley ratio "
                                + ratio(peak, valley)
                                + ":1 is below the "
                                + required
                                + ":1 of "
                                + NOTICE
                                + " "
                                + (Double.isNaN(systemPeakValleyGap)
                                        ? "(system-peak-valley-gap not set, 3:1 assumed)"
                                        : "for a system peak-valley gap of "
                                                + Math.round(systemPeakValleyGap * 100)
                                                + "%"));
            }
        }
        TariffPeriod cheaper = null;
        for (TariffPeriod period : CHEAPEST_FIRST) {
            if (!schedule.uses(period)) {
                continue;
            }
            // A critical peak below the peak is said by the 20% rule below.
            if (cheaper != null
                    && !(cheaper == TariffPeriod.PEAK && period == TariffPeriod.CRITICAL_PEAK)) {
                BigDecimal low = prices.priceOf(cheaper);
                BigDecimal high = prices.priceOf(period);
                if (low.compareTo(high) > 0) {
                    concerns.add(
                            cheaper.fileName()
                                    + " price "
                                    + low.toPlainString()
                                    + " is above the "
                                    + period.fileName()
                                    + " price "
                                    + high.toPlainString()
                                    + ": the periods should cost deep-valley ≤ valley ≤ flat ≤"
                                    + " peak ≤ critical-peak ("
                                    + NOTICE
                                    + ")");
                }
            }
            cheaper = period;
        }
        if (schedule.uses(TariffPeriod.CRITICAL_PEAK) && schedule.uses(TariffPeriod.PEAK)) {
            BigDecimal critical = prices.priceOf(TariffPeriod.CRITICAL_PEAK);
            BigDecimal floor = prices.priceOf(TariffPeriod.PEAK).multiply(CRITICAL_PEAK_UPLIFT);
            if (critical.compareTo(floor) < 0) {
                concerns.add(
                        "critical peak price "
                                + critical.toPlainString()
                                + " is below peak × 1.2 = "
                                + floor.toPlainString()
                                + " ("
                                + NOTICE
                                + ")");
            }
        }
        return concerns;
    }

    /**
     * The concerns about the file as a whole: one, when the file does not set {@code
     * system-peak-valley-gap} but has industry-and-commerce tariffs with a peak and a valley. It is
     * one warning for the file, not one per tariff, because one line in the file settles it; it
     * names the tariffs whose ratio, between 3:1 and 4:1, the setting decides.
     *
     * @param systemPeakValleyGap the file's setting as a fraction, NaN when the file gives none
     */
    public static List<String> fileConcerns(
            Collection<Tariff> tariffs, double systemPeakValleyGap) {
        if (!Double.isNaN(systemPeakValleyGap)) {
            return List.of();
        }
        boolean any = false;
        List<String> undecided = new ArrayList<>();
        for (Tariff tariff : tariffs) {
            if (!bindsPeakValleyRatio(tariff)) {
                continue;
            }
            any = true;
            BigDecimal peak = tariff.prices().priceOf(TariffPeriod.PEAK);
            BigDecimal valley = tariff.prices().priceOf(TariffPeriod.VALLEY);
            if (peak.compareTo(valley.multiply(THREE)) >= 0
                    && peak.compareTo(valley.multiply(FOUR)) < 0) {
                undecided.add("'" + tariff.id() + "' " + ratio(peak, valley) + ":1");
            }
        }
        if (!any) {
            return List.of();
        }
        return List.of(
                "system-peak-valley-gap is not set, so 3:1 was assumed for the peak/valley ratio"
                        + " of the industry-and-commerce tariffs; where the system's maximum"
                        + " peak-valley gap exceeds 40% "
                        + NOTICE
                        + " asks 4:1, and a ratio between 3:1 and 4:1 would fail ("
                        + (undecided.isEmpty()
                                ? "none here"
                                : "here: " + String.join(", ", undecided))
                        + "). Add system-peak-valley-gap at the top of the file: last or this"
                        + " year's maximum gap as a fraction, such as 0.38 for 38%");
    }

    /** The 3:1 / 4:1 rule binds industry and commerce tariffs with both a peak and a valley. */
    private static boolean bindsPeakValleyRatio(Tariff tariff) {
        return tariff.sector() == Tariff.Sector.INDUSTRY_AND_COMMERCE
                && tariff.schedule().uses(TariffPeriod.PEAK)
                && tariff.schedule().uses(TariffPeriod.VALLEY);
    }

    private static String ratio(BigDecimal peak, BigDecimal valley) {
        return valley.signum() == 0
                ? "∞"
                : peak.divide(valley, 2, RoundingMode.HALF_UP).toPlainString();
    }
}
