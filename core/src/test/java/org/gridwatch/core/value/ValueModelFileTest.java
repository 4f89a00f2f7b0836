package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ValueModelFileTest {

    private static ValueModel read(String yaml) {
        return ValueModelFile.load(new StringReader(yaml), "my-model.yaml");
    }

    @Test
    void theShippedFileHoldsExactlyTheDefaults() {
        assertThat(ValueModelFile.defaults()).isEqualTo(ValueModel.DEFAULTS);
    }

    @Test
    void anEmptyFileIsTheDefaults() {
        assertThat(read("")).isEqualTo(ValueModel.DEFAULTS);
    }

    @Test
    void aKeyLeftOutKeepsItsDefault() {
        ValueModel model =
                read(
                        """
                        credit:
                          late-short-points: 5
                          theft-lock-days: 365
                        strategies:
                          warning-days: 15
                        """);

        assertThat(model.credit().lateShortPoints()).isEqualTo(5);
        assertThat(model.credit().theftLockMillis()).isEqualTo(365 * 86_400_000L);
        assertThat(model.credit().lateMediumPoints()).isEqualTo(6);
        assertThat(model.strategies().warningDays()).isEqualTo(15);
        assertThat(model.value()).isEqualTo(ValueRules.DEFAULTS);
    }

    @Test
    void thePeakHoursAreNamedByATariffId() {
        assertThat(read("value:\n  peak-hours-tariff: my-tou\n").peakHoursTariff())
                .isEqualTo("my-tou");
        assertThatThrownBy(() -> read("value:\n  peak-hours-tariff: 17\n"))
                .hasMessage("my-model.yaml: value.peak-hours-tariff must be a tariff id, got '17'");
    }

    @Test
    void anUnknownKeyIsNamedWithItsSectionAndTheKnownKeys() {
        assertThatThrownBy(() -> read("segments:\n  high-top-percents: 10\n"))
                .isInstanceOf(ValueModelException.class)
                .hasMessageContaining("my-model.yaml: segments: unknown key 'high-top-percents'")
                .hasMessageContaining("high-top-percent, moderate-top-percent");
        assertThatThrownBy(() -> read("segment:\n  high-top-percent: 10\n"))
                .hasMessageContaining("the file: unknown key 'segment'");
    }

    @Test
    void aValueOfTheWrongKindSaysWhatIsExpected() {
        assertThatThrownBy(() -> read("credit:\n  start-score: eighty\n"))
                .isInstanceOf(ValueModelException.class)
                .hasMessage(
                        "my-model.yaml: credit.start-score must be a whole number, got 'eighty'");
    }

    @Test
    void settingsThatContradictEachOtherAreRejectedWithTheRule() {
        assertThatThrownBy(() -> read("value:\n  revenue-weight: 0.8\n"))
                .isInstanceOf(ValueModelException.class)
                .hasMessage("my-model.yaml: current value weights must sum to 1");
    }

    @Test
    void notYamlIsSaidSo() {
        assertThatThrownBy(() -> read("credit: [unclosed"))
                .isInstanceOf(ValueModelException.class)
                .hasMessageStartingWith("my-model.yaml: not valid YAML");
    }
}
