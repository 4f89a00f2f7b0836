package org.gridwatch.core.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The price rules of 发改价格〔2021〕1093号 (NDRC notice on improving time-of-use pricing), checked as
 * warnings: where the system's maximum peak-valley gap exceeds 40% the peak price should be at
 * least 4 times the valley price, elsewhere at least 3 times (this binds industry and commerce);
 * and a critical peak should be at least 20% above the peak.
 */
public final class TariffPolicy {

    /** Above this system peak-valley gap the 4:1 rule applies instead of 3:1. */
    public static final double GAP_FOR_FOUR_TO_ONE = 0.40;

    private static final BigDecimal CRITICAL_PEAK_UPLIFT = new BigDecimal("1.2");

    private TariffPolicy() {}

    /**
     * @param systemPeakValleyGap the file's setting as a fraction, NaN when the file gives none
     */
    public static List<String> concerns(Tariff tariff, double systemPeakValleyGap) {
        List<String> concerns = new ArrayList<>();
        TouSchedule schedule = tariff.schedule();
        TouPrices prices = tariff.prices();
        if (tariff.sector() == Tariff.Sector.INDUSTRY_AND_COMMERCE
                && schedule.uses(TariffPeriod.PEAK)
                && schedule.uses(TariffPeriod.VALLEY)) {
            boolean wideGap =
                    !Double.isNaN(systemPeakValleyGap) && systemPeakValleyGap > GAP_FOR_FOUR_TO_ONE;
            int required = wideGap ? 4 : 3;
            BigDecimal peak = prices.priceOf(TariffPeriod.PEAK);
            BigDecimal valley = prices.priceOf(TariffPeriod.VALLEY);
            if (peak.compareTo(valley.multiply(BigDecimal.valueOf(required))) < 0) {
                String ratio =
                        valley.signum() == 0
                                ? "∞"
                                : peak.divide(valley, 2, RoundingMode.HALF_UP).toPlainString();
                concerns.add(
                        "peak/valley ratio "
                                + ratio
                                + ":1 is below the "
                                + required
                                + ":1 of 发改价格〔2021〕1093号 "
                                + (Double.isNaN(systemPeakValleyGap)
                                        ? "(system-peak-valley-gap not set, 3:1 assumed)"
                                        : "for a system peak-valley gap of "
                                                + Math.round(systemPeakValleyGap * 100)
                                                + "%"));
            }
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
                                + " (发改价格〔2021〕1093号)");
            }
        }
        return concerns;
    }
}
