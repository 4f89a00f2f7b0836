package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacedFeedTest {
    private static final String READING =
            "{\"meterId\":\"M0000042\",\"ts\":\"2026-01-05T00:15:00Z\",\"kwh\":0.25}";

    @Test
    void findsAFieldsTextInTheUsualLineWithoutParsingIt() {
        assertThat(PacedFeed.textOf(READING, "ts")).isEqualTo("2026-01-05T00:15:00Z");
        assertThat(PacedFeed.textOf(READING, "meterId")).isEqualTo("M0000042");
    }

    @Test
    void leavesEveryOtherSpellingToTheJsonParser() {
        assertThat(PacedFeed.textOf(READING, "areaId")).as("absent").isNull();
        assertThat(PacedFeed.textOf(READING, "kwh")).as("a number").isNull();
        assertThat(PacedFeed.textOf("{\"ts\": \"2026-01-05T00:15:00Z\"}", "ts"))
                .as("a space after the colon")
                .isNull();
        assertThat(PacedFeed.textOf("{\"meterId\":\"M\\\"1\",\"ts\":\"x\"}", "meterId"))
                .as("an escaped quote")
                .isNull();
        assertThat(PacedFeed.textOf("{\"ts\":\"2026-01-05T00:1", "ts")).as("cut short").isNull();
    }
}
