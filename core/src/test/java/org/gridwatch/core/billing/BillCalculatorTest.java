package org.gridwatch.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import org.gridwatch.core.billing.BillLine.Kind;
import org.gridwatch.core.tariff.TariffPeriod;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed bills, one per kind of preset tariff. Each comment carries the arithmetic; every
 * line is rounded once to the fen, half up.
 */
class BillCalculatorTest {

    @Test
    void billsAResidentialMonthInTheFirstTier() {
        // January 2026, 6.0 kWh every day at midnight: 31 × 6.0 = 186 kWh, all flat.
        // 186 × 0.5283 = 98.2638 → 98.26. The year starts at 0 kWh: 186 < 2160, no increment.
        BillStatement bill =
                MonthOfReadings.of("residential-tiered", "2026-01").daily("00:00", 60, 6.0).bill();

        assertThat(bill.lines())
                .extracting(BillLine::kind, BillLine::item, BillLine::amountFen)
                .containsExactly(tuple(Kind.ENERGY, "flat", 9_826L));
        assertThat(bill.amountFen()).isEqualTo(9_826);
        assertThat(bill.kwh(TariffPeriod.FLAT)).isEqualTo(186.0);
    }

    @Test
    void chargesTheSecondTierIncrementWhenTheYearCrossesItWithinAMonth() {
        // March 2026, 10.0 kWh a day: 310 kWh; 2100 kWh billed earlier in the year.
        // Energy 310 × 0.5283 = 163.773 → 163.77.
        // The year goes 2100 → 2410: 60 kWh in tier 1, 250 kWh in tier 2: 250 × 0.05 = 12.50.
        // Total 163.77 + 12.50 = 176.27.
        BillStatement bill =
                MonthOfReadings.of("residential-tiered", "2026-03")
                        .daily("19:00", 60, 10.0)
                        .bill(Double.NaN, new BigDecimal("2100"));

        assertThat(bill.lines())
                .extracting(BillLine::kind, BillLine::item, BillLine::quantity, BillLine::amountFen)
                .containsExactly(
                        tuple(Kind.ENERGY, "flat", new BigDecimal("310.000000"), 16_377L),
                        tuple(Kind.TIER_INCREMENT, "tier 2", new BigDecimal("250.000000"), 1_250L));
        assertThat(bill.amountFen()).isEqualTo(17_627);
    }

    @Test
    void billsTheOffPeakResidentialVariantWithAnHourSplitAcrossPeakAndValley() {
        // February 2026 (28 days) on residential-tiered-offpeak (peak 08–22, valley 22–08).
        // Daily: 12:00–13:00 2.0 kWh (peak); 21:30–22:30 3.0 kWh, split into quarter hours:
        // 21:30 and 21:45 peak (1.5), 22:00 and 22:15 valley (1.5).
        // Peak 28 × 3.5 = 98.0 × 0.5583 = 54.7134 → 54.71.
        // Valley 28 × 1.5 = 42.0 × 0.3583 = 15.0486 → 15.05. Total 69.76; 140 kWh, tier 1.
        BillStatement bill =
                MonthOfReadings.of("residential-tiered-offpeak", "2026-02")
                        .daily("12:00", 60, 2.0)
                        .daily("21:30", 60, 3.0)
                        .bill();

        assertThat(bill.lines())
                .extracting(BillLine::item, BillLine::amountFen)
                .containsExactly(tuple("peak", 5_471L), tuple("valley", 1_505L));
        assertThat(bill.amountFen()).isEqualTo(6_976);
    }

    @Test
    void billsACommercialTimeOfUseMonthRoundingEachPeriodOnce() {
        // March 2026 (31 days), every day the shop day of docs/tariffs.md:
        // peak 131.0, flat 61.5, valley 43.5 kWh a day.
        // Peak 31 × 131.0 = 4061.0 × 1.04 = 4223.44.
        // Flat 31 × 61.5 = 1906.5 × 0.65 = 1239.225 → 1239.23.
        // Valley 31 × 43.5 = 1348.5 × 0.2925 = 394.43625 → 394.44.
        // Total 5857.11 (not 31 × the rounded day 188.94 = 5857.14: rounding once per line).
        BillStatement bill = ShopMonth.march().bill();

        assertThat(bill.lines())
                .extracting(BillLine::item, BillLine::amountFen)
                .containsExactly(
                        tuple("peak", 422_344L), tuple("flat", 123_923L), tuple("valley", 39_444L));
        assertThat(bill.amountFen()).isEqualTo(585_711);
    }

    @Test
    void billsLargeIndustryWithTheCapacityCharge() {
        // March 2026, 100 kWh every hour. Shanxi day: valley 9 h, flat 6 h, peak 9 h;
        // no critical peak in March. 31 days: valley and peak 27 900 kWh, flat 18 600 kWh.
        // Peak 27 900 × 0.88 = 24 552.00; flat 18 600 × 0.55 = 10 230.00;
        // valley 27 900 × 0.2475 = 6 905.25; capacity 315 kVA × 28 = 8 820.00.
        // Total 50 507.25.
        BillStatement bill =
                MonthOfReadings.of("large-industry-two-part", "2026-03")
                        .everyHour(100.0)
                        .bill(315, BigDecimal.ZERO);

        assertThat(bill.lines())
                .extracting(BillLine::kind, BillLine::item, BillLine::amountFen)
                .containsExactly(
                        tuple(Kind.ENERGY, "peak", 2_455_200L),
                        tuple(Kind.ENERGY, "flat", 1_023_000L),
                        tuple(Kind.ENERGY, "valley", 690_525L),
                        tuple(Kind.CAPACITY, "capacity", 882_000L));
        assertThat(bill.amountFen()).isEqualTo(5_050_725);
    }

    @Test
    void billsLargeIndustryWithTheDemandChargeOnTheHighestQuarterHour() {
        // April 2026 (30 days), 100 kWh every hour, except that 2026-04-15 10:00–11:00 comes as
        // four quarter-hour readings 30, 40, 20, 10 kWh (the same 100 kWh).
        // Valley and peak 30 × 900 = 27 000 kWh, flat 30 × 600 = 18 000 kWh.
        // Peak 27 000 × 0.88 = 23 760.00; flat 18 000 × 0.55 = 9 900.00;
        // valley 27 000 × 0.2475 = 6 682.50.
        // Maximum demand: 40 kWh in a quarter hour = 160 kW (an hour of 100 kWh is 4 × 25 kWh,
        // 100 kW). Demand 160 × 38 = 6 080.00. Total 46 422.50.
        MonthOfReadings month =
                MonthOfReadings.of("large-industry-two-part", "2026-04")
                        .everyHour(100.0)
                        .without("2026-04-15T10:00")
                        .at("2026-04-15T10:00", 15, 30.0)
                        .at("2026-04-15T10:15", 15, 40.0)
                        .at("2026-04-15T10:30", 15, 20.0)
                        .at("2026-04-15T10:45", 15, 10.0);
        BillStatement bill =
                MonthOfReadings.CALCULATOR.bill(
                        "C1",
                        month.tariff(),
                        month.usage(),
                        BasicChargeBasis.DEMAND,
                        315,
                        BigDecimal.ZERO);

        assertThat(bill.lines())
                .extracting(BillLine::kind, BillLine::quantity, BillLine::amountFen)
                .containsExactly(
                        tuple(Kind.ENERGY, new BigDecimal("27000.000000"), 2_376_000L),
                        tuple(Kind.ENERGY, new BigDecimal("18000.000000"), 990_000L),
                        tuple(Kind.ENERGY, new BigDecimal("27000.000000"), 668_250L),
                        tuple(Kind.DEMAND, new BigDecimal("160.000000"), 608_000L));
        assertThat(bill.amountFen()).isEqualTo(4_642_250);
    }

    @Test
    void chargesDemandWhenTheContractCapacityIsUnknown() {
        // Same April as above without the quarter hours: demand 100 kW × 38 = 3 800.00.
        // 23 760.00 + 9 900.00 + 6 682.50 + 3 800.00 = 44 142.50.
        BillStatement bill =
                MonthOfReadings.of("large-industry-two-part", "2026-04")
                        .everyHour(100.0)
                        .bill(Double.NaN, BigDecimal.ZERO);

        assertThat(bill.lines().get(3).kind()).isEqualTo(Kind.DEMAND);
        assertThat(bill.lines().get(3).amountFen()).isEqualTo(380_000);
        assertThat(bill.amountFen()).isEqualTo(4_414_250);
    }

    @Test
    void billsTheCriticalPeakOfJulyEveningsForLargeIndustry() {
        // July 2026, 100 kWh every hour. In July 18:00–20:00 is critical peak, so a day has
        // valley 9 h, flat 6 h, peak 7 h (08–11, 17–18, 20–23), critical peak 2 h.
        // 31 days: peak 21 700 × 0.88 = 19 096.00; flat 18 600 × 0.55 = 10 230.00;
        // valley 27 900 × 0.2475 = 6 905.25; critical 6 200 × 1.056 (0.88 × 1.2) = 6 547.20;
        // capacity 315 × 28 = 8 820.00. Total 51 598.45.
        BillStatement bill =
                MonthOfReadings.of("large-industry-two-part", "2026-07")
                        .everyHour(100.0)
                        .bill(315, BigDecimal.ZERO);

        assertThat(bill.lines())
                .extracting(BillLine::item, BillLine::amountFen)
                .containsExactly(
                        tuple("critical-peak", 654_720L),
                        tuple("peak", 1_909_600L),
                        tuple("flat", 1_023_000L),
                        tuple("valley", 690_525L),
                        tuple("capacity", 882_000L));
        assertThat(bill.amountFen()).isEqualTo(5_159_845);
        assertThat(bill.toBill().kwhByPeriod())
                .containsEntry("CRITICAL_PEAK", 6_200.0)
                .containsOnlyKeys("CRITICAL_PEAK", "PEAK", "FLAT", "VALLEY");
    }

    @Test
    void billsAFlatAgriculturalMonth() {
        // June 2026, 12.345 kWh a day: 30 × 12.345 = 370.35 kWh × 0.48 = 177.768 → 177.77.
        BillStatement bill =
                MonthOfReadings.of("agriculture-flat", "2026-06").daily("06:00", 60, 12.345).bill();

        assertThat(bill.amountFen()).isEqualTo(17_777);
        assertThat(bill.kwh(TariffPeriod.FLAT)).isEqualTo(370.35);
        assertThat(bill.toBill().kwhByPeriod()).containsOnlyKeys("FLAT");
    }
}
