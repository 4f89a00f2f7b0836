package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a planner can get a tariff file wrong is refused with file, tariff and reason. */
class TariffFileErrorsTest {

    static final String VALID_DAY =
            "[\"00:00-07:00 valley\", \"07:00-08:00 flat\", \"08:00-11:00 peak\","
                    + " \"11:00-24:00 flat\"]";
    static final String VALID_PRICES = "{flat: 0.60, peak: flat × 1.6, valley: flat × 0.45}";

    /** A one-tariff file with the given day, prices and extra lines. */
    static String file(String day, String prices, String extra) {
        return """
                tariffs:
                  - id: shop
                    source: test
                    sector: industry-and-commerce
                    days:
                      every-day: %s
                    schedule:
                      - {months: all, day-types: all, day: every-day}
                    prices: %s
                %s
                """
                .formatted(day, prices, extra.indent(4));
    }

    private static LoadedTariffs load(String yaml) {
        return TariffFile.load(new StringReader(yaml), "shop.yaml");
    }

    @Test
    void loadsTheValidFileThatEveryOtherCaseBreaks() {
        LoadedTariffs loaded = load(file(VALID_DAY, VALID_PRICES, ""));
        assertThat(loaded.get("shop").priceOf(TariffPeriod.PEAK)).isEqualByComparingTo("0.96");
    }

    @Test
    void refusesOverlappingHoursInADay() {
        String day = "[\"00:00-08:00 valley\", \"07:00-24:00 flat\"]";
        assertThatThrownBy(() -> load(file(day, VALID_PRICES, "")))
                .isInstanceOf(TariffFileException.class)
                .hasMessageContaining("shop.yaml: tariff 'shop': day 'every-day'")
                .hasMessageContaining(
                        "hours overlap: 00:00-08:00 and 07:00-24:00 both cover 07:00");
    }

    @Test
    void refusesMissingHoursInADay() {
        String day = "[\"00:00-07:00 valley\", \"08:00-24:00 flat\"]";
        assertThatThrownBy(() -> load(file(day, VALID_PRICES, "")))
                .hasMessageContaining("shop.yaml: tariff 'shop'")
                .hasMessageContaining("hours missing: nothing covers 07:00-08:00");
    }

    @Test
    void refusesABoundaryBetweenSlots() {
        String day = "[\"00:00-07:10 valley\", \"07:10-24:00 flat\"]";
        assertThatThrownBy(() -> load(file(day, VALID_PRICES, "")))
                .hasMessageContaining("does not fall on 30-minute boundaries");
    }

    @Test
    void acceptsThatBoundaryWithFifteenMinuteSlotsWhenItFallsOnAQuarter() {
        String day = "[\"00:00-07:15 valley\", \"07:15-24:00 flat\"]";
        LoadedTariffs loaded = load(file(day, VALID_PRICES, "slot-minutes: 15"));
        assertThat(loaded.get("shop").schedule().period(3, DayType.WORKDAY, 7 * 60 + 14))
                .isEqualTo(TariffPeriod.VALLEY);
    }

    @Test
    void refusesAnUnknownPeriodInADay() {
        String day = "[\"00:00-12:00 shoulder\", \"12:00-24:00 flat\"]";
        assertThatThrownBy(() -> load(file(day, VALID_PRICES, "")))
                .hasMessageContaining("shop.yaml: tariff 'shop'")
                .hasMessageContaining("unknown period 'shoulder'");
    }

    @Test
    void refusesAnUnknownPeriodAmongThePrices() {
        String prices = "{flat: 0.60, peak: 0.96, valley: 0.27, shoulder: 0.70}";
        assertThatThrownBy(() -> load(file(VALID_DAY, prices, "")))
                .hasMessageContaining("prices: unknown period 'shoulder'");
    }

    @Test
    void refusesANegativePrice() {
        String prices = "{flat: 0.60, peak: 0.96, valley: -0.27}";
        assertThatThrownBy(() -> load(file(VALID_DAY, prices, "")))
                .hasMessageContaining(
                        "shop.yaml: tariff 'shop': prices: negative price -0.27 for valley");
    }

    @Test
    void refusesAPeriodTheScheduleUsesWithoutAPrice() {
        String prices = "{flat: 0.60, peak: 0.96}";
        assertThatThrownBy(() -> load(file(VALID_DAY, prices, "")))
                .hasMessageContaining("the schedule uses valley but it has no price");
    }

    @Test
    void refusesTiersOutOfOrder() {
        String tiers =
                """
                tiers:
                  basis: annual
                  steps:
                    - {up-to-kwh: 4200, add: 0}
                    - {up-to-kwh: 2160, add: 0.05}
                    - {add: 0.30}
                """;
        assertThatThrownBy(() -> load(file(VALID_DAY, VALID_PRICES, tiers)))
                .hasMessageContaining(
                        "tiers out of order: step 2 ends at 2160 kWh, not above the 4200 kWh");
    }

    @Test
    void refusesAMonthAndDayTypeWithoutADay() {
        String yaml =
                file(VALID_DAY, VALID_PRICES, "")
                        .replace(
                                "months: all, day-types: all", "months: all, day-types: [workday]");
        assertThatThrownBy(() -> load(yaml))
                .hasMessageContaining("schedule gives no day for month/day-type 1/weekend");
    }

    @Test
    void refusesAMisspelledKeyRatherThanIgnoringIt() {
        assertThatThrownBy(() -> load(file(VALID_DAY, VALID_PRICES, "charge: {fixed-monthly: 5}")))
                .hasMessageContaining("unknown key 'charge'");
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() {
        String day = "[\"00:00-07:00 valley\", \"08:00-24:00 flat\"]";
        String yaml = file(day, "{flat: -1}", "");
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOfSatisfying(
                        TariffFileException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void namesTheFileOnDiskInItsErrors(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("tariffs.yaml");
        Files.writeString(path, file(VALID_DAY, "{flat: 0.60, peak: 0.96, valley: -1}", ""));
        assertThatThrownBy(() -> TariffFile.load(path))
                .hasMessageContaining(path + ": tariff 'shop'");
    }
}
