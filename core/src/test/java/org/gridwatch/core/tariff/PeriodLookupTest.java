package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeriodLookupTest {

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final LoadedTariffs PRESETS = TariffFile.presets();

    private static PeriodLookup lookup(String tariffId) {
        return PeriodLookup.china(PRESETS.get(tariffId).schedule(), HolidayCalendar.china2026());
    }

    private static TariffPeriod at(PeriodLookup lookup, String localDateTime) {
        return lookup.periodAt(LocalDateTime.parse(localDateTime));
    }

    @Test
    void placesShanxiBoundariesInThePeriodThatStartsThere() {
        PeriodLookup commercial = lookup("commercial-tou");
        // 2026-03-10 is an ordinary Tuesday.
        assertThat(at(commercial, "2026-03-10T06:59")).isEqualTo(TariffPeriod.VALLEY);
        assertThat(at(commercial, "2026-03-10T07:00")).isEqualTo(TariffPeriod.FLAT);
        assertThat(at(commercial, "2026-03-10T07:30")).isEqualTo(TariffPeriod.FLAT);
        assertThat(at(commercial, "2026-03-10T08:00")).isEqualTo(TariffPeriod.PEAK);
        assertThat(at(commercial, "2026-03-10T10:59")).isEqualTo(TariffPeriod.PEAK);
        assertThat(at(commercial, "2026-03-10T11:00")).isEqualTo(TariffPeriod.VALLEY);
        assertThat(at(commercial, "2026-03-10T13:00")).isEqualTo(TariffPeriod.FLAT);
        assertThat(at(commercial, "2026-03-10T17:00")).isEqualTo(TariffPeriod.PEAK);
        assertThat(at(commercial, "2026-03-10T22:59")).isEqualTo(TariffPeriod.PEAK);
        assertThat(at(commercial, "2026-03-10T23:00")).isEqualTo(TariffPeriod.FLAT);
        assertThat(at(commercial, "2026-03-10T23:59")).isEqualTo(TariffPeriod.FLAT);
        assertThat(at(commercial, "2026-03-11T00:00")).isEqualTo(TariffPeriod.VALLEY);
    }

    @Test
    void chargesCriticalPeakOnlyInJanuaryJulyAugustAndDecember() {
        PeriodLookup large = lookup("large-industry-two-part");
        assertThat(at(large, "2026-07-15T18:00")).isEqualTo(TariffPeriod.CRITICAL_PEAK);
        assertThat(at(large, "2026-07-15T19:30")).isEqualTo(TariffPeriod.CRITICAL_PEAK);
        assertThat(at(large, "2026-07-15T20:00")).isEqualTo(TariffPeriod.PEAK);
        assertThat(at(large, "2026-07-15T17:59")).isEqualTo(TariffPeriod.PEAK);
        assertThat(at(large, "2026-12-31T19:00")).isEqualTo(TariffPeriod.CRITICAL_PEAK);
        assertThat(at(large, "2026-06-15T19:00")).isEqualTo(TariffPeriod.PEAK);
        assertThat(at(large, "2026-09-01T18:00")).isEqualTo(TariffPeriod.PEAK);
    }

    @Test
    void pricesAHolidayByItsOwnDayAndAMakeUpSaturdayAsAWorkday() {
        Tariff tariff = TariffFile.load(new StringReader(HOLIDAY_VALLEY), "holiday.yaml").get("h");
        PeriodLookup lookup = PeriodLookup.china(tariff.schedule(), HolidayCalendar.china2026());
        // National Day, a Thursday, is a holiday: its peak hours are deep valley.
        assertThat(at(lookup, "2026-10-01T09:00")).isEqualTo(TariffPeriod.DEEP_VALLEY);
        // The Thursday after, an ordinary workday.
        assertThat(at(lookup, "2026-10-08T09:00")).isEqualTo(TariffPeriod.PEAK);
        // Saturday 10 October is worked (调休) and priced as a workday; Sunday is weekend.
        assertThat(at(lookup, "2026-10-10T09:00")).isEqualTo(TariffPeriod.PEAK);
        assertThat(at(lookup, "2026-10-11T09:00")).isEqualTo(TariffPeriod.FLAT);
    }

    @Test
    void findsTheSamePeriodFromEpochMillisAsFromLocalTimeForEveryHalfHourOf2026() {
        Tariff tariff = TariffFile.load(new StringReader(HOLIDAY_VALLEY), "holiday.yaml").get("h");
        for (PeriodLookup lookup :
                List.of(
                        lookup("large-industry-two-part"),
                        PeriodLookup.china(tariff.schedule(), HolidayCalendar.china2026()))) {
            for (LocalDateTime t = LocalDateTime.parse("2025-12-31T00:00");
                    t.isBefore(LocalDateTime.parse("2027-01-02T00:00"));
                    t = t.plusMinutes(30)) {
                long millis = t.toInstant(CHINA).toEpochMilli();
                assertThat(lookup.periodAt(millis)).as("%s", t).isEqualTo(lookup.periodAt(t));
            }
        }
    }

    @Test
    void findsTheSamePeriodWhenInstantsJumpBetweenDays() {
        // Readings out of order, late ones and two streams drifting apart: whatever the lookup
        // may keep of the instants asked before, each must be priced by its own day.
        Tariff tariff = TariffFile.load(new StringReader(HOLIDAY_VALLEY), "holiday.yaml").get("h");
        PeriodLookup lookup = PeriodLookup.china(tariff.schedule(), HolidayCalendar.china2026());
        PeriodLookup large = lookup("large-industry-two-part");
        Random random = new Random(7);
        LocalDateTime first = LocalDateTime.parse("1969-12-25T00:00");
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime t = first.plusMinutes(15L * random.nextInt(4 * 24 * 800));
            long millis = t.toInstant(CHINA).toEpochMilli();
            assertThat(lookup.periodAt(millis)).as("%s", t).isEqualTo(lookup.periodAt(t));
            assertThat(large.periodAt(millis)).as("%s", t).isEqualTo(large.periodAt(t));
        }
        // the holiday and the workday after it, asked in turn
        long holiday = LocalDateTime.parse("2026-10-01T09:00").toInstant(CHINA).toEpochMilli();
        long workday = LocalDateTime.parse("2026-10-08T09:00").toInstant(CHINA).toEpochMilli();
        for (int i = 0; i < 3; i++) {
            assertThat(lookup.periodAt(holiday)).isEqualTo(TariffPeriod.DEEP_VALLEY);
            assertThat(lookup.periodAt(workday)).isEqualTo(TariffPeriod.PEAK);
        }
    }

    @Test
    void findsThePeriodOfEachMillisecondAroundASlotsEdgeWhateverWasAskedBefore() {
        // The lookup keeps the slot it was asked last: an instant a millisecond either side of a
        // slot's edge, asked right after the other side, must be priced by its own slot, as a new
        // lookup that was asked nothing before prices it; before 1970 too (negative instants).
        PeriodLookup asked = lookup("commercial-tou");
        PeriodLookup asked15 =
                PeriodLookup.china(
                        TouSchedule.everyDay(
                                new DayProfile(
                                        "quarter",
                                        List.of(
                                                new DayProfile.Segment(
                                                        0, 8 * 60 + 15, TariffPeriod.VALLEY),
                                                new DayProfile.Segment(
                                                        8 * 60 + 15, 24 * 60, TariffPeriod.FLAT))),
                                15),
                        HolidayCalendar.weekdaysOnly());
        for (String day : List.of("2026-03-10", "1969-12-31", "2026-10-01")) {
            for (String edge :
                    List.of("00:00", "07:00", "08:00", "08:15", "10:59", "11:00", "23:00")) {
                long at = LocalDateTime.parse(day + "T" + edge).toInstant(CHINA).toEpochMilli();
                for (long millis :
                        new long[] {at - 1, at, at - 1, at + 1, at, at + 899_999, at + 900_000}) {
                    assertThat(asked.periodAt(millis))
                            .as("%s %s %+d ms", day, edge, millis - at)
                            .isEqualTo(lookup("commercial-tou").periodAt(millis));
                    LocalDateTime local =
                            LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), CHINA);
                    assertThat(asked15.periodAt(millis))
                            .as("quarter hours, %s", local)
                            .isEqualTo(
                                    local.getHour() * 60 + local.getMinute() < 8 * 60 + 15
                                            ? TariffPeriod.VALLEY
                                            : TariffPeriod.FLAT);
                }
            }
        }
    }

    @Test
    void readsTheMonthOfAnEpochDayAsLocalDateDoes() {
        for (long day = LocalDate.parse("1899-12-01").toEpochDay();
                day < LocalDate.parse("2101-03-01").toEpochDay();
                day++) {
            assertThat(PeriodLookup.monthOfEpochDay(day))
                    .isEqualTo(LocalDate.ofEpochDay(day).getMonthValue());
        }
    }

    @Test
    void resolvesQuarterHourBoundariesWithFifteenMinuteSlots() {
        DayProfile day =
                new DayProfile(
                        "quarter",
                        List.of(
                                new DayProfile.Segment(0, 8 * 60 + 15, TariffPeriod.VALLEY),
                                new DayProfile.Segment(8 * 60 + 15, 24 * 60, TariffPeriod.FLAT)));
        PeriodLookup lookup =
                PeriodLookup.china(TouSchedule.everyDay(day, 15), HolidayCalendar.weekdaysOnly());
        assertThat(at(lookup, "2026-03-10T08:14")).isEqualTo(TariffPeriod.VALLEY);
        assertThat(at(lookup, "2026-03-10T08:15")).isEqualTo(TariffPeriod.FLAT);
        assertThat(lookup.schedule().slotMinutes()).isEqualTo(15);
    }

    @Test
    void refusesAZoneWithDaylightSaving() {
        TouSchedule schedule = PRESETS.get("commercial-tou").schedule();
        assertThatThrownBy(
                        () ->
                                new PeriodLookup(
                                        schedule,
                                        HolidayCalendar.weekdaysOnly(),
                                        ZoneId.of("Europe/Berlin")))
                .hasMessageContaining("fixed offset");
    }

    static final String HOLIDAY_VALLEY =
            """
            tariffs:
              - id: h
                source: test
                sector: industry-and-commerce
                days:
                  work: ["00:00-08:00 valley", "08:00-20:00 peak", "20:00-24:00 flat"]
                  rest: ["00:00-08:00 valley", "08:00-24:00 flat"]
                  holiday: ["00:00-24:00 deep-valley"]
                schedule:
                  - {months: all, day-types: [workday], day: work}
                  - {months: all, day-types: [weekend], day: rest}
                  - {months: all, day-types: [holiday], day: holiday}
                prices: {peak: 1.00, flat: 0.60, valley: 0.25, deep-valley: 0.15}
            """;
}
