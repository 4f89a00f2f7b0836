package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrafanaIntervalTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void roundsTheRangePerDataPointToGrafanasNiceSteps() {
        // 60 days over 960 points is 90 minutes a point: Grafana rounds that to 2h.
        assertThat(GrafanaInterval.intervalMillis(0, 60 * DAY, 960, 1))
                .isEqualTo(Duration.ofHours(2).toMillis());
        // 2 days over 960 points is 3 minutes a point: rounded to 2m.
        assertThat(GrafanaInterval.intervalMillis(0, 2 * DAY, 960, 1))
                .isEqualTo(Duration.ofMinutes(2).toMillis());
    }

    @Test
    void neverGoesBelowTheMinimumInterval() {
        long fifteenMinutes = GrafanaInterval.parse("15m");

        assertThat(GrafanaInterval.intervalMillis(0, 2 * DAY, 960, fifteenMinutes))
                .isEqualTo(fifteenMinutes);
    }

    @Test
    void formatsWithTheLargestWholeUnitLikeSecondsToHms() {
        assertThat(GrafanaInterval.format(Duration.ofMinutes(15).toMillis())).isEqualTo("15m");
        assertThat(GrafanaInterval.format(Duration.ofMinutes(90).toMillis())).isEqualTo("1h");
        assertThat(GrafanaInterval.format(Duration.ofDays(7).toMillis())).isEqualTo("7d");
        assertThat(GrafanaInterval.format(500)).isEqualTo("500ms");
    }

    @Test
    void parsesPanelMinimumIntervals() {
        assertThat(GrafanaInterval.parse("15m")).isEqualTo(900_000);
        assertThat(GrafanaInterval.parse(">1h")).isEqualTo(3_600_000);
        assertThatThrownBy(() -> GrafanaInterval.parse("quarter hour"))
                .hasMessageContaining("quarter hour");
    }
}
