package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Policy concerns come back as warnings; the tariff still loads. */
class TariffPolicyWarningsTest {

    private static LoadedTariffs load(String gapLine, String prices, String sector) {
        String yaml =
                gapLine
                        + "\n"
                        + TariffFileErrorsTest.file(TariffFileErrorsTest.VALID_DAY, prices, "")
                                .replace("industry-and-commerce", sector);
        return TariffFile.load(new StringReader(yaml), "shop.yaml");
    }

    @Test
    void warnsWhenPeakIsBelowThreeTimesValleyWhereTheSystemGapIsModerate() {
        LoadedTariffs loaded =
                load(
                        "system-peak-valley-gap: 0.35",
                        "{flat: 0.60, peak: 0.90, valley: 0.35}",
                        "industry-and-commerce");
        assertThat(loaded.tariffs()).containsKey("shop");
        assertThat(loaded.warnings())
                .singleElement()
                .hasToString(
                        "shop.yaml: tariff 'shop': peak/valley ratio 2.57:1 is below the 3:1 of"
                                + " 发改价格〔2021〕1093号 for a system peak-valley gap of 35%");
    }

    @Test
    void assumesThreeToOneAndSaysSoWhenTheFileGivesNoSystemGap() {
        // 0.90 / 0.35 = 2.571..., below 3:1: the tariff's own warning; 2.57 is not between 3 and
        // 4, so the file's warning names no tariff.
        LoadedTariffs loaded =
                load("", "{flat: 0.60, peak: 0.90, valley: 0.35}", "industry-and-commerce");
        assertThat(loaded.systemPeakValleyGap()).isNaN();
        assertThat(loaded.warnings())
                .extracting(TariffWarning::message)
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("(none here)"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .contains(
                                                "2.57:1 is below the 3:1",
                                                "system-peak-valley-gap not set, 3:1 assumed"));
    }

    @Test
    void saysOnceForTheFileThatAThreeToFourRatioHangsOnTheMissingSystemGap() {
        // Shanxi multiples: peak 0.60 × 1.6 = 0.96, valley 0.60 × 0.45 = 0.27; 0.96 / 0.27 =
        // 3.555... → 3.56:1. It passes the 3:1 assumed without the setting, but would fail 4:1.
        String shanxi = "{flat: 0.60, peak: flat × 1.6, valley: flat × 0.45}";
        assertThat(load("", shanxi, "industry-and-commerce").warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.tariffId()).isNull())
                .hasToString(
                        "shop.yaml: system-peak-valley-gap is not set, so 3:1 was assumed for the"
                                + " peak/valley ratio of the industry-and-commerce tariffs; where"
                                + " the system's maximum peak-valley gap exceeds 40%"
                                + " 发改价格〔2021〕1093号 asks 4:1, and a ratio between 3:1 and"
                                + " 4:1 would fail (here: 'shop' 3.56:1). Add"
                                + " system-peak-valley-gap at the top of the file: last or this"
                                + " year's maximum gap as a fraction, such as 0.38 for 38%");
        // 38% is not above 40%: 3:1 applies and 3.56 passes.
        assertThat(load("system-peak-valley-gap: 0.38", shanxi, "industry-and-commerce").warnings())
                .isEmpty();
        // 45% is above 40%: 4:1 applies and 3.56 fails.
        assertThat(load("system-peak-valley-gap: 0.45", shanxi, "industry-and-commerce").warnings())
                .singleElement()
                .hasToString(
                        "shop.yaml: tariff 'shop': peak/valley ratio 3.56:1 is below the 4:1 of"
                                + " 发改价格〔2021〕1093号 for a system peak-valley gap of 45%");
    }

    @Test
    void warnsForTheFileEvenWhenEveryRatioPassesFourToOne() {
        // 1.00 / 0.25 = 4:1 passes either rule; the setting is still missing.
        LoadedTariffs loaded =
                load("", "{flat: 0.60, peak: 1.00, valley: 0.25}", "industry-and-commerce");
        assertThat(loaded.warnings())
                .singleElement()
                .extracting(TariffWarning::message)
                .asString()
                .startsWith("system-peak-valley-gap is not set")
                .contains("(none here)");
    }

    @Test
    void needsNoSystemGapWithoutIndustryAndCommerceTimeOfUse() {
        // a residential peak/valley tariff: the 3:1 / 4:1 rule does not bind it
        assertThat(load("", "{flat: 0.60, peak: 0.90, valley: 0.35}", "residential").warnings())
                .isEmpty();
    }

    @Test
    void leavesResidentialRatiosToTheirOwnRules() {
        LoadedTariffs loaded =
                load(
                        "system-peak-valley-gap: 0.45",
                        "{flat: 0.60, peak: 0.90, valley: 0.35}",
                        "residential");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void warnsWhenTheCriticalPeakIsLessThanTwentyPercentAboveThePeak() {
        String day =
                "[\"00:00-08:00 valley\", \"08:00-18:00 peak\", \"18:00-20:00 critical-peak\","
                        + " \"20:00-24:00 flat\"]";
        String yaml =
                "system-peak-valley-gap: 0.30\n"
                        + TariffFileErrorsTest.file(
                                day,
                                "{flat: 0.60, peak: 1.00, valley: 0.25, critical-peak: 1.15}",
                                "");
        LoadedTariffs loaded = TariffFile.load(new StringReader(yaml), "shop.yaml");
        assertThat(loaded.warnings())
                .singleElement()
                .extracting(TariffWarning::message)
                .asString()
                .isEqualTo(
                        "critical peak price 1.15 is below peak × 1.2 = 1.2"
                                + " (发改价格〔2021〕1093号)");
    }

    @Test
    void acceptsACriticalPeakOfExactlyPeakTimesOnePointTwo() {
        String day =
                "[\"00:00-08:00 valley\", \"08:00-18:00 peak\", \"18:00-20:00 critical-peak\","
                        + " \"20:00-24:00 flat\"]";
        String yaml =
                "system-peak-valley-gap: 0.30\n"
                        + TariffFileErrorsTest.file(
                                day,
                                "{flat: 0.60, peak: 1.00, valley: 0.25, critical-peak: peak × 1.2}",
                                "");
        assertThat(TariffFile.load(new StringReader(yaml), "shop.yaml").warnings()).isEmpty();
    }

    private static LoadedTariffs loadDay(String gapLine, String day, String prices, String sector) {
        String yaml =
                gapLine
                        + "\n"
                        + TariffFileErrorsTest.file(day, prices, "")
                                .replace("industry-and-commerce", sector);
        return TariffFile.load(new StringReader(yaml), "shop.yaml");
    }

    private static final String DEEP_VALLEY_DAY =
            "[\"00:00-04:00 deep-valley\", \"04:00-08:00 valley\", \"08:00-18:00 peak\","
                    + " \"18:00-24:00 flat\"]";

    @Test
    void warnsWhenTheDeepValleyCostsMoreThanTheValley() {
        // peak 1.00 / valley 0.25 = 4:1 passes; deep valley 0.30 > valley 0.25 is the inversion
        // (YAML 0.30 and 0.25 read as 0.3 and 0.25)
        LoadedTariffs loaded =
                loadDay(
                        "system-peak-valley-gap: 0.30",
                        DEEP_VALLEY_DAY,
                        "{flat: 0.60, peak: 1.00, valley: 0.25, deep-valley: 0.30}",
                        "industry-and-commerce");
        assertThat(loaded.warnings())
                .singleElement()
                .hasToString(
                        "shop.yaml: tariff 'shop': deep-valley price 0.3 is above the valley price"
                                + " 0.25: the periods should cost deep-valley ≤ valley ≤ flat ≤"
                                + " peak ≤ critical-peak (发改价格〔2021〕1093号)");
    }

    @Test
    void acceptsADeepValleyAtOrBelowTheValley() {
        for (String deep : new String[] {"0.25", "0.20", "valley × 0.8"}) {
            LoadedTariffs loaded =
                    loadDay(
                            "system-peak-valley-gap: 0.30",
                            DEEP_VALLEY_DAY,
                            "{flat: 0.60, peak: 1.00, valley: 0.25, deep-valley: " + deep + "}",
                            "industry-and-commerce");
            assertThat(loaded.warnings()).as(deep).isEmpty();
        }
    }

    @Test
    void warnsOnAValleyAboveTheFlatInAnySector() {
        // residential: no ratio rule, but valley 0.70 > flat 0.60 is an inversion; flat 0.60 ≤
        // peak 0.90 is not
        LoadedTariffs loaded = load("", "{flat: 0.60, peak: 0.90, valley: 0.70}", "residential");
        assertThat(loaded.warnings())
                .singleElement()
                .extracting(TariffWarning::message)
                .asString()
                .startsWith("valley price 0.7 is above the flat price 0.6:");
    }

    @Test
    void warnsOnAnIndustryAndCommerceTariffWithOnePriceAllDay() {
        LoadedTariffs loaded =
                loadDay(
                        "system-peak-valley-gap: 0.30",
                        "[\"00:00-24:00 flat\"]",
                        "{flat: 0.70}",
                        "industry-and-commerce");
        assertThat(loaded.warnings())
                .singleElement()
                .hasToString(
                        "shop.yaml: tariff 'shop': one period all day (flat) for an"
                                + " industry-and-commerce tariff: 发改价格〔2021〕1093号 asks for"
                                + " time-of-use prices for industry and commerce; keep a single"
                                + " price only for users your province's notice exempts or lets"
                                + " choose one");
        // the same single price is no concern for agriculture or residents
        for (String sector : new String[] {"agriculture", "residential"}) {
            assertThat(
                            loadDay(
                                            "system-peak-valley-gap: 0.30",
                                            "[\"00:00-24:00 flat\"]",
                                            "{flat: 0.70}",
                                            sector)
                                    .warnings())
                    .as(sector)
                    .isEmpty();
        }
    }
}
