package org.gridwatch.core.tariff;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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

    /**
     * Typed from the notice (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04, Xinhua), not from the YAML: each
     * block as the notice words it, first and last day with the weekday it names, then every day of
     * 2026 must have the type those blocks give it.
     */
    @Test
    void shipsEveryDayOf2026AsTheStateCouncilNoticeOf2025_11_04SetsIt() {
        List<NoticeBlock> blocks =
                List.of(
                        // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
                        block("01-01", THURSDAY, "01-03", SATURDAY, 3, "01-04"),
                        // 二、春节：2月15日（周日）至23日（周一）放假调休，共9天。
                        //     2月14日（周六）、2月28日（周六）上班。
                        block("02-15", SUNDAY, "02-23", MONDAY, 9, "02-14", "02-28"),
                        // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
                        block("04-04", SATURDAY, "04-06", MONDAY, 3),
                        // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
                        block("05-01", FRIDAY, "05-05", TUESDAY, 5, "05-09"),
                        // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
                        block("06-19", FRIDAY, "06-21", SUNDAY, 3),
                        // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
                        block("09-25", FRIDAY, "09-27", SUNDAY, 3),
                        // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。
                        //     9月20日（周日）、10月10日（周六）上班。
                        block("10-01", THURSDAY, "10-07", WEDNESDAY, 7, "09-20", "10-10"));
        Map<DayOfWeek, List<String>> makeUpWeekdays =
                Map.of(
                        SUNDAY,
                        List.of("01-04", "09-20"),
                        SATURDAY,
                        List.of("02-14", "02-28", "05-09", "10-10"));
        Set<LocalDate> holidays = new TreeSet<>();
        Set<LocalDate> worked = new TreeSet<>();
        for (NoticeBlock b : blocks) {
            assertThat(b.first().getDayOfWeek()).as("first day of %s", b).isEqualTo(b.firstDay());
            assertThat(b.last().getDayOfWeek()).as("last day of %s", b).isEqualTo(b.lastDay());
            assertThat(b.last().toEpochDay() - b.first().toEpochDay() + 1)
                    .as("共%d天", b.days())
                    .isEqualTo(b.days());
            b.first().datesUntil(b.last().plusDays(1)).forEach(holidays::add);
            worked.addAll(b.worked());
        }
        makeUpWeekdays.forEach(
                (weekday, dates) ->
                        dates.forEach(
                                d ->
                                        assertThat(day(d).getDayOfWeek())
                                                .as("2026-%s", d)
                                                .isEqualTo(weekday)));
        assertThat(holidays).hasSize(33);
        assertThat(worked).hasSize(6);

        assertThat(china.holidays()).containsExactlyInAnyOrderElementsOf(holidays);
        assertThat(china.makeUpWorkdays()).containsExactlyInAnyOrderElementsOf(worked);
        for (LocalDate d = day("01-01"); d.getYear() == 2026; d = d.plusDays(1)) {
            DayType expected =
                    holidays.contains(d)
                            ? DayType.HOLIDAY
                            : worked.contains(d)
                                    ? DayType.WORKDAY
                                    : d.getDayOfWeek() == SATURDAY || d.getDayOfWeek() == SUNDAY
                                            ? DayType.WEEKEND
                                            : DayType.WORKDAY;
            assertThat(china.dayType(d)).as("%s", d).isEqualTo(expected);
        }
        assertThat(china.source()).contains("2026年部分节假日安排").doesNotContain("unverified");
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
    void namesTheFileAndTheProblemOfABadCalendarInOneLine() {
        assertThat(problemOf("holiday: [\"2027-01-01\"]\n"))
                .isEqualTo(
                        "cal.yaml: unknown key 'holiday' (known: [source, holidays,"
                                + " make-up-workdays])");
        assertThat(problemOf("make-up-workdays: [\"2027-02-08\"]\n"))
                .isEqualTo(
                        "cal.yaml: make-up-workdays: 2027-02-08 is a Monday, but a make-up workday"
                                + " is a Saturday or Sunday that is worked");
        assertThat(problemOf("holidays: [\"2027-02-31\"]\n"))
                .startsWith("cal.yaml: holidays: cannot read '2027-02-31': ");
        assertThat(problemOf("holidays: [\"2027-05-05..2027-05-01\"]\n"))
                .isEqualTo(
                        "cal.yaml: holidays: cannot read '2027-05-05..2027-05-01': range ends"
                                + " before it starts");
        assertThat(problemOf("holidays: [2027-05-01\n  oops: [\n"))
                .startsWith("cal.yaml: not valid YAML: ")
                .doesNotContain("\n");
        assertThat(problemOf("holidays: [\"2027-05-08\"]\nmake-up-workdays: [\"2027-05-08\"]\n"))
                .isEqualTo(
                        "cal.yaml: 2027-05-08 is listed both as a holiday and as a make-up workday");
    }

    private static String problemOf(String yaml) {
        try {
            HolidayCalendar.fromYaml(new StringReader(yaml), "cal.yaml");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    private record NoticeBlock(
            LocalDate first,
            DayOfWeek firstDay,
            LocalDate last,
            DayOfWeek lastDay,
            int days,
            List<LocalDate> worked) {}

    private static NoticeBlock block(
            String first,
            DayOfWeek firstDay,
            String last,
            DayOfWeek lastDay,
            int days,
            String... worked) {
        return new NoticeBlock(
                day(first),
                firstDay,
                day(last),
                lastDay,
                days,
                Stream.of(worked).map(HolidayCalendarTest::day).toList());
    }

    private static LocalDate day(String monthDay) {
        return LocalDate.parse("2026-" + monthDay);
    }

    @Test
    void refusesADateThatIsBothHolidayAndWorkday() {
        LocalDate day = LocalDate.parse("2026-05-09");
        assertThatThrownBy(() -> new HolidayCalendar(Set.of(day), Set.of(day), "x"))
                .hasMessageContaining("2026-05-09");
    }
}
