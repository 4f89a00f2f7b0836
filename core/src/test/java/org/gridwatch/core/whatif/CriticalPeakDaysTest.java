package org.gridwatch.core.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.core.tariff.TariffFile;
import org.junit.jupiter.api.Test;

/** Critical-peak days announced in advance, on a month worked by hand. */
class CriticalPeakDaysTest {

    private static final String TODAY =
            """
            tariffs:
              - id: flat
                source: test
                sector: residential
                days: {d: ["00:00-24:00 flat"]}
                schedule: [{months: all, day-types: all, day: d}]
                prices: {flat: 0.5}
            """;

    private static String scenario(String response) {
        return """
               scenarios:
                 - name: cpp
                   classes: [RESIDENTIAL]
                   response: %s
                   critical-peak-days: {months: [3], days-per-month: 2, hours: ["18:00-20:00"]}
                   tariff:
                     id: flat-cpp
                     source: test
                     sector: residential
                     days: {d: ["00:00-24:00 flat"]}
                     schedule: [{months: all, day-types: all, day: d}]
                     prices: {flat: 0.5, critical-peak: 1.5}
               """
                .formatted(response);
    }

    /** 1 kWh every half hour of every day of March 2026. */
    private static LoadSignature steadyMarch() {
        LoadSignature s = new LoadSignature();
        s.customerId = "C1";
        s.customerClass = "RESIDENTIAL";
        s.tariffId = "flat";
        MonthLoad m = new MonthLoad();
        m.yearMonth = 202603;
        m.dayBits = (1 << 31) - 1;
        // March 2026: 22 workdays, 9 weekend days (1, 7–8, 14–15, 21–22, 28–29), no holiday.
        for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
            m.microKwh[MonthLoad.slot(DayType.WORKDAY, h)] = 22_000_000L;
            m.microKwh[MonthLoad.slot(DayType.WEEKEND, h)] = 9_000_000L;
        }
        m.maxQuarterMicroKwh = 500_000L;
        s.months = new MonthLoad[] {m};
        return s;
    }

    private static CustomerOutcome price(String response) {
        LoadedTariffs today = TariffFile.load(new StringReader(TODAY), "today.yaml");
        List<WhatIfScenario> scenarios =
                ScenarioFile.load(new StringReader(scenario(response)), "s.yaml").scenarios();
        return new WhatIfPricing(
                        today, scenarios, BillingCalendar.CHINA, HolidayCalendar.china2026())
                .price(steadyMarch())
                .get(0);
    }

    @Test
    void eventDaysPriceTheirCriticalPeakHoursAtTheCriticalPeakPrice() {
        // Two event days of 22 workdays: 2/22 of each workday half hour, 2 kWh, is an event day's.
        // 18:00–20:00 is four half hours: 8 kWh at 1.5 = 12.00 CNY; the other 1,480 of the month's
        // 1,488 kWh at 0.5 = 740.00: 752.00 against today's 1,488 × 0.5 = 744.00, 8.00 more.
        CustomerOutcome o = price("none");
        assertEquals(74_400, o.beforeFen());
        assertEquals(75_200, o.afterFen());
        assertEquals(800, o.billChangeFen());
        assertEquals(8_000_000L, o.peakBeforeMicroKwh());
        assertEquals(8_000_000L, o.peakAfterMicroKwh());
        assertEquals(1_488_000_000L, o.kwhAfterMicro());
    }

    @Test
    void announcedEventsMoveEnergyOutOfTheirHoursUnderResponse() {
        CustomerOutcome o = price("{substitution: 0.2, own-price: 0}");
        assertTrue(o.peakAfterMicroKwh() < 8_000_000L, "event hours shed load: " + o);
        assertTrue(o.movedMicroKwh() > 0);
        // Substitution alone keeps each day's energy (to the micro-kWh per half hour).
        assertEquals(1_488_000_000L, o.kwhAfterMicro(), 100);
    }

    @Test
    void eventDaysNeedACriticalPeakPrice() {
        ScenarioFileException e =
                assertThrows(
                        ScenarioFileException.class,
                        () ->
                                ScenarioFile.load(
                                        new StringReader(
                                                scenario("none")
                                                        .replace(", critical-peak: 1.5", "")),
                                        "s.yaml"));
        assertEquals(
                List.of(
                        "s.yaml: scenario 'cpp': critical-peak-days: tariff 'flat-cpp' has no"
                                + " critical-peak price to charge on event days (add critical-peak"
                                + " to its prices)"),
                e.problems());
    }
}
