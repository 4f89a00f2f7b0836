package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

    private final HolidayCalendar china = HolidayCalendar.china2026();

    @Test
    void tellsHolidaysMakeUpWorkdaysWeekendsAndWorkdaysApart() {
        assertThat(china.dayType(LocalDate.parse("2026-10-01"))).isEqualTo(DayType.HOLIDAY);
        assertThat(china.dayType(LocalDate.parse("2026-10-07"))).isEqualTo(DayType.HOLIDAY);
        assertThat(china.dayType(LocalDate.parse("2026-10-08"))).isEqualTo(DayType.WORKDAY);
        assertThat(china.dayType(LocalDate.parse("2026-10-10"))).isEqualTo(DayType.WORKDAY);
        assertThat(china.dayType(LocalDate.parse("2026-10-11"))).isEqualTo(DayType.WEEKEND);
        assertThat(china.dayType(LocalDate.parse("2026-02-17"))).isEqualTo(DayType.HOLIDAY);
        assertThat(china.dayType(LocalDate.parse("2026-02-14"))).isEqualTo(DayType.WORKDAY);
    }

    @Test
    void shipsThirtyThreeHolidayDatesAndSixMakeUpWorkdaysFor2026() {
        // 3 + 9 + 3 + 5 + 3 + 3 + 7 days, as listed in the resource.
        assertThat(china.holidays()).hasSize(33);
        assertThat(china.makeUpWorkdays()).hasSize(6);
        for (LocalDate date : china.makeUpWorkdays()) {
            assertThat(date.getDayOfWeek().getValue()).as("%s", date).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void agreesWithItselfBetweenTheDateAndTheEpochDayPath() {
        for (LocalDate d = LocalDate.parse("2024-06-01");
                d.isBefore(LocalDate.parse("2028-01-01"));
                d = d.plusDays(1)) {
            assertThat(china.dayTypeOfEpochDay(d.toEpochDay()))
                    .as("%s", d)
                    .isEqualTo(china.dayType(d));
        }
    }

    @Test
    void fallsBackToTheWeekdayOutsideTheYearsItKnows() {
        assertThat(china.dayType(LocalDate.parse("2030-10-01"))).isEqualTo(DayType.WORKDAY);
        assertThat(china.dayTypeOfEpochDay(LocalDate.parse("2030-10-05").toEpochDay()))
                .isEqualTo(DayType.WEEKEND);
    }

    @Test
    void readsDateRangesFromYaml() {
        HolidayCalendar calendar =
                HolidayCalendar.fromYaml(
                        new StringReader(
                                """
                                source: test
                                holidays: ["2027-05-01..2027-05-03", 2027-06-01]
                                make-up-workdays: ["2027-05-08"]
                                """),
                        "test.yaml");
        assertThat(calendar.holidays()).hasSize(4).contains(LocalDate.parse("2027-06-01"));
        assertThat(calendar.dayType(LocalDate.parse("2027-05-08"))).isEqualTo(DayType.WORKDAY);
    }

    @Test
    void refusesADateThatIsBothHolidayAndWorkday() {
        LocalDate day = LocalDate.parse("2026-05-09");
        assertThatThrownBy(() -> new HolidayCalendar(Set.of(day), Set.of(day), "x"))
                .hasMessageContaining("2026-05-09");
    }
}
