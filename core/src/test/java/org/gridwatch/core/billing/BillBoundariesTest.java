package org.gridwatch.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridwatch.core.billing.BillLine.Kind;
import org.gridwatch.core.tariff.Tariff;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed bills at the edges: month and year boundaries, holidays, charges that do not depend
 * on energy, readings missing or late.
 */
class BillBoundariesTest {

    private static final String HOLIDAY_TARIFF =
            """
            tariffs:
              - id: holiday-deep-valley
                name: a tariff that prices public holidays as deep valley all day
                source: "test"
                sector: industry-and-commerce
                days:
                  normal: ["00:00-08:00 valley", "08:00-22:00 peak", "22:00-24:00 valley"]
                  holiday: ["00:00-24:00 deep-valley"]
                schedule:
                  - {months: all, day-types: all, day: normal}
                  - {months: all, day-types: [holiday], day: holiday}
                prices: {peak: 1.0000, valley: 0.3000, deep-valley: 0.1500}
            """;

    private static final String MINIMUM_TARIFF =
            """
            tariffs:
              - id: flat-with-charges
                name: flat price with a fixed and a minimum monthly charge
                source: "test"
                sector: residential
                days:
                  every-day: ["00:00-24:00 flat"]
                schedule:
                  - {months: all, day-types: all, day: every-day}
                prices: {flat: 0.5000}
                charges: {fixed-monthly: 5, minimum-monthly: 20}
            """;

    @Test
    void aReadingEndingAtMidnightOfTheLastDayBelongsToTheOldMonth() {
        // 2026-01-31 23:45–00:00 starts in January (flat, 23–24): 2.0 × 0.65 = 1.30.
        // 2026-02-01 00:00–00:15 starts in February (valley): 3.0 × 0.2925 = 0.8775 → 0.88.
        MonthOfReadings january =
                MonthOfReadings.of("commercial-tou", "2026-01")
                        .at("2026-01-31T23:45", 15, 2.0)
                        .at("2026-02-01T00:00", 15, 3.0);
        MonthOfReadings february =
                MonthOfReadings.of("commercial-tou", "2026-02")
                        .at("2026-01-31T23:45", 15, 2.0)
                        .at("2026-02-01T00:00", 15, 3.0);

        BillStatement jan = january.bill();
        BillStatement feb = february.bill();

        assertThat(jan.lines())
                .extracting(BillLine::item, BillLine::amountFen)
                .containsExactly(tuple("flat", 130L));
        assertThat(feb.lines())
                .extracting(BillLine::item, BillLine::amountFen)
                .containsExactly(tuple("valley", 88L));
        assertThat(january.usage().readingCount).isEqualTo(1);
        assertThat(february.usage().readingCount).isEqualTo(1);
    }

    @Test
    void theJanuaryBillIsIssuedOnTheFirstOfFebruaryAndDueNineteenDaysLater() {
        // The contract's example: issued 2026-02-01T00:00+08:00, due 2026-02-20T00:00+08:00.
        BillStatement bill =
                MonthOfReadings.of("residential-tiered", "2026-01").daily("00:00", 60, 1.0).bill();

        assertThat(bill.period()).isEqualTo("2026-01");
        assertThat(bill.issuedMillis()).isEqualTo(MonthOfReadings.at("2026-02-01T00:00"));
        assertThat(bill.dueMillis()).isEqualTo(MonthOfReadings.at("2026-02-20T00:00"));
        assertThat(bill.toBill().issuedMillis()).isEqualTo(bill.issuedMillis());
    }

    @Test
    void annualTiersStartAgainInJanuary() {
        // November 2025 closes with 4100 kWh billed in 2025.
        // December 2025, 5.0 kWh a day: 155 kWh; 155 × 0.5283 = 81.8865 → 81.89.
        // The year goes 4100 → 4255: 100 kWh in tier 2 (× 0.05 = 5.00), 55 in tier 3
        // (× 0.30 = 16.50). Total 81.89 + 5.00 + 16.50 = 103.39.
        // January 2026, the same 155 kWh: the ledger's year restarts at 0, so only 81.89.
        CustomerLedger ledger = new CustomerLedger();
        ledger.issue(LedgerBills.bill("2025-11", 0, new BigDecimal("4100")));

        BillStatement december =
                MonthOfReadings.of("residential-tiered", "2025-12")
                        .daily("20:00", 60, 5.0)
                        .bill(Double.NaN, ledger.kwhBilledInYear(2025));
        ledger.issue(december);
        BillStatement january =
                MonthOfReadings.of("residential-tiered", "2026-01")
                        .daily("20:00", 60, 5.0)
                        .bill(Double.NaN, ledger.kwhBilledInYear(2026));

        assertThat(december.lines())
                .extracting(BillLine::item, BillLine::amountFen)
                .containsExactly(
                        tuple("flat", 8_189L), tuple("tier 2", 500L), tuple("tier 3", 1_650L));
        assertThat(december.amountFen()).isEqualTo(10_339);
        assertThat(ledger.kwhBilledInYear(2025)).isEqualByComparingTo("4255");
        assertThat(ledger.kwhBilledInYear(2026)).isEqualByComparingTo("0");
        assertThat(january.amountFen()).isEqualTo(8_189);
    }

    @Test
    void aHolidayPricesAsItsOwnDayAndAWorkdayAsNormal() {
        // 10:00–11:00, 10 kWh on Friday 2026-05-01 (Labour Day, a holiday: deep valley all day)
        // and 10 kWh on Wednesday 2026-05-06 (a workday: peak).
        // Peak 10 × 1.00 = 10.00; deep valley 10 × 0.15 = 1.50. Total 11.50.
        Tariff tariff = MonthOfReadings.tariff(HOLIDAY_TARIFF, "holiday-deep-valley");
        BillStatement bill =
                MonthOfReadings.of(tariff, "2026-05")
                        .at("2026-05-01T10:00", 60, 10.0)
                        .at("2026-05-06T10:00", 60, 10.0)
                        .bill();

        assertThat(bill.lines())
                .extracting(BillLine::item, BillLine::amountFen)
                .containsExactly(tuple("peak", 1_000L), tuple("deep-valley", 150L));
        assertThat(bill.amountFen()).isEqualTo(1_150);
        assertThat(bill.toBill().kwhByPeriod())
                .containsOnlyKeys("PEAK", "VALLEY", "DEEP_VALLEY")
                .containsEntry("VALLEY", 0.0);
    }

    @Test
    void theCalculatorBillsTheUsageItIsGivenTheSettlementFillsTheGapsBeforeIt() {
        // MonthSettlementTest covers what a missing reading becomes on a bill; unsettled, the
        // shop's March without 2026-03-10 09:00–10:00 (peak, 14.5 kWh):
        // peak 4061.0 − 14.5 = 4046.5 × 1.04 = 4208.36; flat 1239.23 and valley 394.44 as before.
        // Total 4208.36 + 1239.23 + 394.44 = 5842.03.
        MonthOfReadings month = ShopMonth.march().without("2026-03-10T09:00");
        BillStatement bill = month.bill();

        assertThat(bill.lines())
                .extracting(BillLine::item, BillLine::amountFen)
                .containsExactly(
                        tuple("peak", 420_836L), tuple("flat", 123_923L), tuple("valley", 39_444L));
        assertThat(bill.amountFen()).isEqualTo(584_203);
        assertThat(month.usage().readingCount).isEqualTo(31 * 24 - 1);
    }

    @Test
    void aLateReadingGivesTheSameBillAsOneOnTime() {
        // The shop's March (5857.11, see BillCalculatorTest), its 23:00 hours read as 0.1, 0.9
        // (15 minutes each) and 2.1 (30 minutes), 3.1 kWh instead of 3.0, in three orders: in
        // time order, one day arriving after the rest of the month, and shuffled. kWh like 14.5
        // and 0.1 do not add exactly in doubles; micro-kWh integers do.
        MonthOfReadings month = ShopMonth.march();
        for (int day = 1; day <= 31; day++) {
            String date = "2026-03-%02dT".formatted(day);
            month.without(date + "23:00")
                    .at(date + "23:00", 15, 0.1)
                    .at(date + "23:15", 15, 0.9)
                    .at(date + "23:30", 30, 2.1);
        }
        List<MonthOfReadings.Reading> inOrder = new ArrayList<>(month.readings());
        inOrder.sort(java.util.Comparator.comparingLong(MonthOfReadings.Reading::startMillis));
        List<MonthOfReadings.Reading> oneDayLate = new ArrayList<>(inOrder);
        long tenth = MonthOfReadings.at("2026-03-10T00:00");
        oneDayLate.sort(
                (a, b) ->
                        Boolean.compare(
                                a.startMillis() / 86_400_000L == tenth / 86_400_000L,
                                b.startMillis() / 86_400_000L == tenth / 86_400_000L));
        List<MonthOfReadings.Reading> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new Random(7));

        BillStatement onTime = bill(month, inOrder);
        // Flat 1906.5 + 31 × 0.1 = 1909.6 × 0.65 = 1241.24; peak 4223.44, valley 394.44.
        assertThat(onTime.amountFen()).isEqualTo(585_912);
        // Summed as doubles, the orders would not agree: the test would catch it.
        assertThat(doubleSum(shuffled)).isNotEqualTo(doubleSum(inOrder));
        for (List<MonthOfReadings.Reading> order : List.of(oneDayLate, shuffled)) {
            assertThat(bill(month, order)).isEqualTo(onTime);
        }
    }

    @Test
    void aSmallMonthIsToppedUpToTheMinimumCharge() {
        // 10 kWh × 0.50 = 5.00, fixed 5.00: 10.00, below the minimum 20.00 → top-up 10.00.
        // 50 kWh × 0.50 = 25.00 + 5.00 = 30.00: above the minimum, no top-up.
        Tariff tariff = MonthOfReadings.tariff(MINIMUM_TARIFF, "flat-with-charges");
        BillStatement small =
                MonthOfReadings.of(tariff, "2026-09").at("2026-09-01T10:00", 60, 10.0).bill();
        BillStatement large =
                MonthOfReadings.of(tariff, "2026-09").at("2026-09-01T10:00", 60, 50.0).bill();

        assertThat(small.lines())
                .extracting(BillLine::kind, BillLine::amountFen)
                .containsExactly(
                        tuple(Kind.ENERGY, 500L),
                        tuple(Kind.FIXED_MONTHLY, 500L),
                        tuple(Kind.MINIMUM_TOP_UP, 1_000L));
        assertThat(small.amountFen()).isEqualTo(2_000);
        assertThat(large.lines())
                .extracting(BillLine::kind, BillLine::amountFen)
                .containsExactly(tuple(Kind.ENERGY, 2_500L), tuple(Kind.FIXED_MONTHLY, 500L));
        assertThat(large.amountFen()).isEqualTo(3_000);
    }

    @Test
    void aMonthWithoutReadingsStillCarriesTheFixedCharges() {
        // Nothing metered: 0 kWh, fixed 5.00, topped up to the minimum 20.00.
        Tariff tariff = MonthOfReadings.tariff(MINIMUM_TARIFF, "flat-with-charges");
        BillStatement bill = MonthOfReadings.of(tariff, "2026-09").bill();

        assertThat(bill.amountFen()).isEqualTo(2_000);
        assertThat(bill.toBill().kwhByPeriod()).containsExactly(Map.entry("FLAT", 0.0));
    }

    private static BillStatement bill(MonthOfReadings month, List<MonthOfReadings.Reading> order) {
        return MonthOfReadings.CALCULATOR.bill(
                "C1", month.tariff(), month.usageOf(order), Double.NaN, BigDecimal.ZERO);
    }

    private static boolean onDay(MonthOfReadings.Reading r, long dayStart) {
        return r.startMillis() >= dayStart && r.startMillis() < dayStart + 86_400_000L;
    }

    private static double doubleSum(List<MonthOfReadings.Reading> readings) {
        double sum = 0;
        for (MonthOfReadings.Reading r : readings) {
            sum += r.kwh();
        }
        return sum;
    }
}
