package org.gridwatch.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffFile;
import org.gridwatch.core.tariff.TariffPeriod;
import org.junit.jupiter.api.Test;

class MonthlyUsageTest {

    private static final Tariff SHOP = TariffFile.presets().get("commercial-tou");
    private static final PeriodLookup LOOKUP =
            PeriodLookup.china(SHOP.schedule(), HolidayCalendar.china2026());

    private static MonthlyUsage march() {
        return MonthlyUsage.of(YearMonth.of(2026, 3), BillingCalendar.CHINA);
    }

    @Test
    void splitsAnHourlyReadingIntoQuarterHoursEachInItsOwnPeriod() {
        MonthlyUsage usage = march();

        // 10:30–11:30: 10:30 and 10:45 are peak, 11:00 and 11:15 valley.
        usage.add(MonthOfReadings.at("2026-03-10T10:30"), 60, 1.0, LOOKUP);

        assertThat(usage.kwh(TariffPeriod.PEAK)).isEqualByComparingTo("0.5");
        assertThat(usage.kwh(TariffPeriod.VALLEY)).isEqualByComparingTo("0.5");
        assertThat(usage.readingCount).isEqualTo(1);
    }

    @Test
    void countsTheEnergyInTheSystemsPeakHoursWhateverTheCustomersOwnTariff() {
        Tariff flat = TariffFile.presets().get("residential-tiered");
        PeriodLookup household = PeriodLookup.china(flat.schedule(), HolidayCalendar.china2026());
        MonthlyUsage usage = march();

        // 10:30–11:30 on a flat tariff: all FLAT on the bill; 10:30 and 10:45 are system peak
        usage.add(MonthOfReadings.at("2026-03-10T10:30"), 60, 1.0, household, LOOKUP);
        usage.add(MonthOfReadings.at("2026-03-10T02:00"), 15, 0.4, household, LOOKUP); // valley

        assertThat(usage.kwh(TariffPeriod.FLAT)).isEqualByComparingTo("1.4");
        assertThat(usage.peakHoursMicroKwh).isEqualTo(500_000);
        assertThat(usage.quarterCount).isEqualTo(5);
    }

    @Test
    void keepsEveryMicroKwhWhenAReadingDoesNotSplitEvenly() {
        MonthlyUsage usage = march();

        // 3 micro-kWh over four quarters: 1, 1, 1, 0; the first two are peak.
        usage.add(MonthOfReadings.at("2026-03-10T10:30"), 60, 0.000003, LOOKUP);

        assertThat(usage.microKwh[TariffPeriod.PEAK.ordinal()]).isEqualTo(2);
        assertThat(usage.microKwh[TariffPeriod.VALLEY.ordinal()]).isEqualTo(1);
        assertThat(usage.totalMicroKwh()).isEqualTo(3);
    }

    @Test
    void refusesAReadingThatStartsInAnotherMonth() {
        MonthlyUsage usage = march();

        assertThat(usage.add(MonthOfReadings.at("2026-04-01T00:00"), 15, 1.0, LOOKUP)).isFalse();
        assertThat(usage.add(MonthOfReadings.at("2026-02-28T23:45"), 15, 1.0, LOOKUP)).isFalse();
        assertThat(usage.add(MonthOfReadings.at("2026-03-31T23:45"), 15, 1.0, LOOKUP)).isTrue();

        assertThat(usage.totalKwh()).isEqualByComparingTo("1");
        assertThat(usage.readingCount).isEqualTo(1);
    }

    @Test
    void measuresMaximumDemandFromTheBusiestQuarterHour() {
        MonthlyUsage usage = march();

        usage.add(MonthOfReadings.at("2026-03-10T09:00"), 15, 2.5, LOOKUP); // 10 kW
        usage.add(MonthOfReadings.at("2026-03-11T09:00"), 60, 20.0, LOOKUP); // 4 × 5 kWh: 20 kW
        usage.add(MonthOfReadings.at("2026-03-12T09:00"), 30, 9.0, LOOKUP); // 2 × 4.5 kWh: 18 kW

        assertThat(usage.maxDemandKw()).isEqualByComparingTo("20");
    }

    @Test
    void refusesAnIntervalThatIsNotWholeQuarterHours() {
        MonthlyUsage usage = march();

        assertThatThrownBy(() -> usage.add(MonthOfReadings.at("2026-03-10T09:00"), 20, 1.0, LOOKUP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("15 minutes");
        assertThatThrownBy(
                        () -> usage.add(MonthOfReadings.at("2026-03-10T09:00"), 15, -1.0, LOOKUP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDecemberBillIsIssuedOnNewYearAndDueAfterTheConfiguredDays() {
        YearMonth december = YearMonth.of(2026, 12);

        assertThat(BillingCalendar.CHINA.issuedMillis(december))
                .isEqualTo(MonthOfReadings.at("2027-01-01T00:00"));
        assertThat(BillingCalendar.CHINA.dueMillis(december))
                .isEqualTo(MonthOfReadings.at("2027-01-20T00:00"));
        assertThat(new BillingCalendar(BillingCalendar.CHINA.zone(), 10).dueMillis(december))
                .isEqualTo(MonthOfReadings.at("2027-01-11T00:00"));
    }

    /**
     * A 10 MW customer read every quarter hour of March 2026 from 10:00 to 11:00: 22 workdays (31
     * days less the 9 of its weekends, no holiday in March) and 9 other days, 2,500 kWh a quarter
     * hour. The workday 10:00 slot: 88 quarter hours, 220,000 kWh; the other days' 36 and 90,000.
     */
    @Test
    void theProfileSlotsCountALargeCustomersWholeMonthExactly() {
        MonthlyUsage usage = march();
        for (int day = 1; day <= 31; day++) {
            for (int q = 0; q < 4; q++) {
                usage.add(
                        MonthOfReadings.at(String.format("2026-03-%02dT10:%02d", day, 15 * q)),
                        15,
                        2_500.0,
                        LOOKUP);
            }
        }
        int workday10 = LoadProfile.slot(org.gridwatch.core.tariff.DayType.WORKDAY, 40);
        int otherDay10 = LoadProfile.slot(org.gridwatch.core.tariff.DayType.WEEKEND, 40);
        assertThat(usage.slotQuarters(workday10)).isEqualTo(88);
        assertThat(usage.slotMicroKwh(workday10)).isEqualTo(220_000_000_000L);
        assertThat(usage.slotQuarters(otherDay10)).isEqualTo(36);
        assertThat(usage.slotMicroKwh(otherDay10)).isEqualTo(90_000_000_000L);
        for (int slot = 0; slot < LoadProfile.SLOTS; slot++) {
            if (slot != workday10 && slot != otherDay10) {
                assertThat(usage.slotQuarters(slot)).as("slot %d", slot).isZero();
                assertThat(usage.slotMicroKwh(slot)).as("slot %d", slot).isZero();
            }
        }
    }

    /**
     * A month as release 0.1's state restores it (Flink's POJO serializer: the two arrays it kept,
     * the slots as the constructor made them) reads as it was kept, and takes more readings.
     */
    @Test
    void aMonthOfRelease01KeepsItsProfileAndTakesMoreReadings() {
        MonthlyUsage usage = march();
        usage.slotMicroKwh = new long[LoadProfile.SLOTS];
        usage.slotQuarters = new short[LoadProfile.SLOTS];
        int workday10 = LoadProfile.slot(org.gridwatch.core.tariff.DayType.WORKDAY, 40);
        usage.slotMicroKwh[workday10] = 7_000_000L;
        usage.slotQuarters[workday10] = 5;
        usage.slotMicroKwh[0] = 1L;
        usage.slotQuarters[0] = 1;

        usage.add(MonthOfReadings.at("2026-03-10T10:15"), 15, 0.5, LOOKUP); // a Tuesday

        assertThat(usage.slotQuarters(workday10)).isEqualTo(6);
        assertThat(usage.slotMicroKwh(workday10)).isEqualTo(7_500_000L);
        assertThat(usage.slotQuarters(0)).isEqualTo(1);
        assertThat(usage.slotMicroKwh(0)).isEqualTo(1L);
        assertThat(usage.slotMicroKwh).isNull();
        assertThat(usage.slotQuarters).isNull();
    }

    @Test
    void aSlotRefusesMoreThanItHolds() {
        MonthlyUsage usage = march();
        usage.setSlot(3, (1L << 56) - 1, 255);
        assertThat(usage.slotMicroKwh(3)).isEqualTo((1L << 56) - 1);
        assertThat(usage.slotQuarters(3)).isEqualTo(255);
        assertThatThrownBy(() -> usage.setSlot(3, 1L << 56, 1))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> usage.setSlot(3, 1, 256)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> usage.setSlot(3, -1, 1)).isInstanceOf(ArithmeticException.class);
    }
}
