package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaLoadTest {
    private static final String READING =
            "{\"meterId\":\"M0000042\",\"ts\":\"2026-01-05T00:15:00Z\",\"kwh\":0.25}";

    @Test
    void findsAFieldsTextInTheUsualLineWithoutParsingIt() {
        assertThat(KafkaLoad.usualText(READING, "ts")).isEqualTo("2026-01-05T00:15:00Z");
        assertThat(KafkaLoad.usualText(READING, "meterId")).isEqualTo("M0000042");
    }

    @Test
    void leavesEveryOtherSpellingToTheJsonParser() {
        assertThat(KafkaLoad.usualText(READING, "areaId")).as("absent").isNull();
        assertThat(KafkaLoad.usualText(READING, "kwh")).as("a number").isNull();
        assertThat(KafkaLoad.usualText("{\"ts\": \"2026-01-05T00:15:00Z\"}", "ts"))
                .as("a space after the colon")
                .isNull();
        assertThat(KafkaLoad.usualText("{\"meterId\":\"M\\\"1\",\"ts\":\"x\"}", "meterId"))
                .as("an escaped quote")
                .isNull();
        assertThat(KafkaLoad.usualText("{\"ts\":\"2026-01-05T00:1", "ts")).as("cut short").isNull();
    }

    @Test
    void readsAnyOtherSpellingAsJson() {
        assertThat(KafkaLoad.textField("{\"ts\": \"2026-01-05T00:15:00Z\"}", "ts"))
                .isEqualTo("2026-01-05T00:15:00Z");
        assertThat(KafkaLoad.textField("{\"meterId\":\"M\\\"1\"}", "meterId")).isEqualTo("M\"1");
        assertThat(KafkaLoad.textField("not JSON", "ts")).isNull();
        assertThat(KafkaLoad.textField(READING, "areaId")).isNull();
    }
}
