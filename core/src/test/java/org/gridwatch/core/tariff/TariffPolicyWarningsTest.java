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
    void warnsWhenPeakIsBelowFourTimesValleyWhereTheSystemGapExceedsFortyPercent() {
        // Shanxi multiples: 1.6 / 0.45 = 3.56, enough for 3:1 but not for 4:1.
        String shanxi = "{flat: 0.60, peak: flat × 1.6, valley: flat × 0.45}";
        assertThat(load("system-peak-valley-gap: 0.38", shanxi, "industry-and-commerce").warnings())
                .isEmpty();
        assertThat(load("system-peak-valley-gap: 0.45", shanxi, "industry-and-commerce").warnings())
                .singleElement()
                .extracting(TariffWarning::message)
                .asString()
                .contains("3.56:1 is below the 4:1", "gap of 45%");
    }

    @Test
    void assumesThreeToOneAndSaysSoWhenTheFileGivesNoSystemGap() {
        LoadedTariffs loaded =
                load("", "{flat: 0.60, peak: 0.90, valley: 0.35}", "industry-and-commerce");
        assertThat(loaded.systemPeakValleyGap()).isNaN();
        assertThat(loaded.warnings())
                .singleElement()
                .extracting(TariffWarning::message)
                .asString()
                .contains("system-peak-valley-gap not set, 3:1 assumed");
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
}
