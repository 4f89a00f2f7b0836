package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.YearMonth;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.tariff.TariffPeriod;
import org.junit.jupiter.api.Test;

class ValueHistoryTest {

    /**
     * A month's usage: {@code kwh} over {@code quarters} quarter hours, the largest {@code max}.
     */
    static MonthlyUsage usage(
            String month, double kwh, double peakKwh, int quarters, double maxQuarterKwh) {
        MonthlyUsage u = MonthlyUsage.of(YearMonth.parse(month), BillingCalendar.CHINA);
        u.microKwh[TariffPeriod.PEAK.ordinal()] = Math.round(peakKwh * 1e6);
        u.peakHoursMicroKwh = Math.round(peakKwh * 1e6);
        u.microKwh[TariffPeriod.FLAT.ordinal()] = Math.round((kwh - peakKwh) * 1e6);
        u.quarterCount = quarters;
        u.maxQuarterMicroKwh = Math.round(maxQuarterKwh * 1e6);
        return u;
    }

    static void bill(ValueHistory h, String month, long fen, double kwh) {
        h.onBill(YearMonth.parse(month), fen, usage(month, kwh, 0, 2880, kwh / 1440));
    }

    @Test
    void revenueAndEnergyCountTheTwelveMonthsUpToTheLatestBill() {
        ValueHistory h = new ValueHistory();
        for (int m = 1; m <= 14; m++) { // 2025-01 .. 2026-02, 100 CNY and 100 kWh more each month
            bill(
                    h,
                    "%d-%02d".formatted(2025 + (m - 1) / 12, (m - 1) % 12 + 1),
                    m * 10_000,
                    m * 100);
        }
        // 2025-03 .. 2026-02: months 3..14 → (3 + … + 14) = 102
        assertThat(h.revenue12Fen()).isEqualTo(102 * 10_000L);
        assertThat(h.energy12Wh()).isEqualTo(102 * 100_000L);
        assertThat(h.latestYearMonth()).isEqualTo(202602);
    }

    @Test
    void theLoadFactorIsAverageOverLargestQuarterWeightedByQuarters() {
        ValueHistory h = new ValueHistory();
        // 2 880 quarters of 0.5 kWh on average (1 440 kWh), the largest 2 kWh: 0.25
        h.onBill(YearMonth.of(2026, 1), 100_000, usage("2026-01", 1440, 0, 2880, 2));
        // 1 440 quarters (half a month read), 720 kWh, largest 1 kWh: 0.5
        h.onBill(YearMonth.of(2026, 2), 50_000, usage("2026-02", 720, 0, 1440, 1));

        // (1 440 + 720) / (2 × 2 880 + 1 × 1 440) = 2 160 / 7 200
        assertThat(h.loadFactor()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void thePeakShareIsTheEnergyInTheSystemsPeakHoursOverAllEnergy() {
        ValueHistory h = new ValueHistory();
        h.onBill(YearMonth.of(2026, 1), 100_000, usage("2026-01", 1000, 300, 2976, 1));
        h.onBill(YearMonth.of(2026, 2), 100_000, usage("2026-02", 1000, 100, 2688, 1));

        assertThat(h.peakShare()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void withLessThanTwoYearsTheTrendIsTheSlopeOfAverageQuarterEnergyPerYear() {
        ValueHistory h = new ValueHistory();
        // average quarter energy 1.00, 1.02, 1.04 kWh: slope 0.02 a month on a mean of 1.02
        h.onBill(YearMonth.of(2026, 1), 0, usage("2026-01", 1000 * 1.00, 0, 1000, 2));
        h.onBill(YearMonth.of(2026, 2), 0, usage("2026-02", 1000 * 1.02, 0, 1000, 2));
        assertThat(h.trend()).as("two months are no trend").isZero();
        h.onBill(YearMonth.of(2026, 3), 0, usage("2026-03", 1000 * 1.04, 0, 1000, 2));

        assertThat(h.trend()).isCloseTo(0.02 / 1.02 * 12, within(1e-9));
    }

    @Test
    void withTwoFullYearsTheTrendIsYearOnYear() {
        ValueHistory h = new ValueHistory();
        for (int m = 0; m < 24; m++) {
            // a strong season, the same in both years, and 10% more in the second year
            double season = 1000 + 500 * Math.sin(m * Math.PI / 6);
            double kwh = m < 12 ? season : season * 1.1;
            bill(h, "%d-%02d".formatted(2024 + m / 12, m % 12 + 1), 0, kwh);
        }

        assertThat(h.trend()).isCloseTo(0.10, within(1e-6));
    }

    @Test
    void aTrendBeyondAHundredPercentAYearIsHeldThere() {
        ValueHistory h = new ValueHistory();
        h.onBill(YearMonth.of(2026, 1), 0, usage("2026-01", 100, 0, 1000, 2));
        h.onBill(YearMonth.of(2026, 2), 0, usage("2026-02", 200, 0, 1000, 2));
        h.onBill(YearMonth.of(2026, 3), 0, usage("2026-03", 300, 0, 1000, 2));

        assertThat(h.trend()).isEqualTo(ValueHistory.MAX_TREND);
    }

    @Test
    void tenureCountsFromTheConnectionOrElseFromTheFirstBill() {
        ValueHistory h = new ValueHistory();
        bill(h, "2025-07", 0, 1);
        bill(h, "2026-06", 0, 1);
        int june2026 = ValueHistory.indexOf(YearMonth.of(2026, 6));

        assertThat(h.tenureYears(june2026, ValueHistory.indexOf(YearMonth.of(2021, 7))))
                .isEqualTo(5.0);
        assertThat(h.tenureYears(june2026, -1)).isEqualTo(1.0);
    }
}
