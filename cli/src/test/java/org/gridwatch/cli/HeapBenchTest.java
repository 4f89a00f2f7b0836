package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.gridwatch.jobs.MonitorSettings;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --heap} takes the state only once the streams that fell silent have gone idle: until
 * then they hold event time back at their last record, and the operators behind them hold days and
 * buckets a live job would have closed (a fleet read within a minute measured 17.9 kB a customer
 * serialized where it holds 4.1 kB).
 */
class HeapBenchTest {

    @Test
    void waitsPastTheIdlenessOfTheStreamsThatFellSilent() {
        MonitorSettings oneMinute =
                MonitorSettings.DEFAULT.withIdleness(Duration.ofMinutes(1), Duration.ofSeconds(10));
        MonitorSettings fiveMinutes =
                MonitorSettings.DEFAULT.withIdleness(Duration.ofMinutes(5), Duration.ofSeconds(10));

        // 60 s of idleness and 10 s for the watermark to pass through and a checkpoint to follow
        assertThat(HeapBench.quietMillis(oneMinute, 1_000)).isEqualTo(70_000);
        assertThat(HeapBench.quietMillis(fiveMinutes, 1_000)).isEqualTo(310_000);
    }

    @Test
    void waitsForThreeCheckpointsWhenTheyAreFurtherApart() {
        MonitorSettings quick =
                MonitorSettings.DEFAULT.withIdleness(Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(HeapBench.quietMillis(quick, 1_000)).isEqualTo(20_000);
        assertThat(HeapBench.quietMillis(quick, 30_000)).isEqualTo(90_000);
    }
}
