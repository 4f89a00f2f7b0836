package org.gridwatch.core.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.junit.jupiter.api.Test;

/** A day of an area's and a class's load as the live shadow prices it once it is whole. */
class ShadowDayTest {
    private static final long DAY_START =
            OffsetDateTime.parse("2026-03-10T00:00+08:00").toInstant().toEpochMilli();

    private static final String RESIDENTIAL_ONLY =
            "{\"name\":\"cer\",\"classes\":[\"RESIDENTIAL\"],\"response\":\"default\","
                    + "\"tariff\":{\"id\":\"cer-tou\",\"source\":\"test\",\"sector\":\"residential\","
                    + "\"days\":{\"normal\":[\"00:00-08:00 valley\",\"08:00-17:00 flat\","
                    + "\"17:00-19:00 peak\",\"19:00-23:00 flat\",\"23:00-24:00 valley\"]},"
                    + "\"schedule\":[{\"months\":\"all\",\"day-types\":\"all\",\"day\":\"normal\"}],"
                    + "\"prices\":{\"flat\":0.5283,\"peak\":0.7547,\"valley\":0.4528}}}";

    private static ShadowDay day() {
        long[] kwh = new long[96];
        long[] cny = new long[96];
        kwh[40] = 500_000; // 10:00–10:15, 0.5 kWh
        cny[40] = 300_000; // 0.30 CNY at today's tariffs: 0.60 CNY/kWh
        return ShadowDay.of(DAY_START, kwh, cny);
    }

    @Test
    void completesTheQuarterHoursThatOnlyASavepointsCopyHas() {
        ShadowDay day = day();
        ShadowDay earlier = new ShadowDay();
        int slots = 6; // release 0.2's layout: 5 periods and UNPRICED per quarter hour
        earlier.kwh = new double[96 * slots];
        earlier.revenueToday = new double[96 * slots];
        earlier.kwh[10 * slots + 2] = 0.25; // 02:30, energy in two of today's periods
        earlier.kwh[10 * slots + 5] = 0.05;
        earlier.revenueToday[10 * slots + 2] = 0.13;
        earlier.kwh[40 * slots + 1] = 0.2; // older than the day's own 0.5 kWh: not taken
        earlier.revenueToday[40 * slots + 1] = 0.1;

        day.complete(earlier);

        long[] kwh = new long[96];
        kwh[10] = 300_000;
        kwh[40] = 500_000;
        long[] cny = new long[96];
        cny[10] = 130_000;
        cny[40] = 300_000;
        assertThat(day.microKwh).containsExactly(kwh);
        assertThat(day.microCnyToday).containsExactly(cny);
    }

    @Test
    void aCopyWithoutTheOldLayoutChangesNothing() {
        ShadowDay day = day();
        day.complete(new ShadowDay());
        assertThat(day.microKwh[40]).isEqualTo(500_000);
        assertThat(day.microKwh[10]).isZero();
    }

    @Test
    void aDayHasNinetySixQuarterHours() {
        assertThatThrownBy(() -> ShadowDay.of(DAY_START, new long[95], new long[96]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("96");
    }

    @Test
    void aClassTheScenarioLeavesAloneKeepsItsLoadAndTodaysRevenue() {
        WhatIfScenario scenario =
                ((Parsed.Ok<ScenarioRecord>) ScenarioRecord.parse(RESIDENTIAL_ONLY))
                        .value()
                        .scenario();
        ShadowPrice price =
                new ShadowPrice(
                        scenario,
                        new PeriodLookup(
                                scenario.tariff().schedule(),
                                HolidayCalendar.china2026(),
                                ZoneOffset.ofHours(8)));

        List<MetricPoint> points = day().respond(price, "A001", "COMMERCIAL");

        assertThat(points)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.timeMillis()).isEqualTo(DAY_START + 40 * 900_000L);
                            assertThat(p.tag("scenario")).isEqualTo("cer");
                            assertThat(p.field("kwh")).isEqualTo(0.5);
                            // 0.5 kWh at today's 0.60 CNY/kWh
                            assertThat(p.field("revenue")).isCloseTo(0.30, within(1e-12));
                            // 10:00 is flat in the scenario's tariff
                            assertThat(p.field("peak_kwh")).isZero();
                        });
    }
}
