package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridwatch monitor --input}: a replay of simulated files in this JVM's local Flink. */
class MonitorCommandTest {

    @TempDir Path dir;

    @Test
    @Timeout(120)
    void replaysAFolderAndSummarisesWhatItReadAndRejected() throws IOException {
        Path fleet = dir.resolve("fleet");
        Path out = dir.resolve("out");
        CommandRun simulate =
                CommandRun.of(
                        "simulate",
                        "--customers",
                        "30",
                        "--days",
                        "1",
                        "--seed",
                        "3",
                        "--quiet",
                        "--out",
                        fleet.toString());
        assertThat(simulate.exitCode()).isZero();

        CommandRun monitor =
                CommandRun.of(
                        "monitor", "--input", fleet.toString(), "--out", out.toString(), "--quiet");

        assertThat(monitor.exitCode()).as(monitor.err()).isZero();
        long readings = lines(fleet.resolve("readings.jsonl"));
        long rejected = lines(out.resolve("rejected.jsonl"));
        assertThat(monitor.out())
                .containsPattern(
                        "monitor: done after \\d+:\\d\\d: [\\d,]+ records read, "
                                + String.format(Locale.ROOT, "%,d", rejected)
                                + " rejected")
                .containsPattern("  customers +30 +30 +0 +0\n")
                .containsPattern(
                        "  meter-readings +" + String.format(Locale.ROOT, "%,d", readings) + " ")
                .contains(out.resolve("rejected.jsonl") + ": " + rejected + " lines");
        if (rejected > 0) {
            assertThat(monitor.out()).contains("DUPLICATE");
        }
        assertThat(monitor.out())
                .containsPattern(
                        "  alerts: .*; THEFT opens at a theft score of 0.5 \\(--theft-alert-score\\)\n");
    }

    /**
     * The summary's alerts line, from a file of four alerts by hand: two THEFT versions of which
     * one closed, an AREA_LOSS updated; types in alphabetical order.
     */
    @Test
    void theSummaryCountsTheAlertsByTypeAndSaysTheScoreATheftAlertOpensAt() throws IOException {
        Path alerts = dir.resolve("alerts.jsonl");
        Files.write(
                alerts,
                java.util.List.of(
                        "{\"alertId\":\"theft:C1:20260301\",\"type\":\"THEFT\",\"status\":\"OPEN\"}",
                        "{\"alertId\":\"theft:C2:20260301\",\"type\":\"THEFT\",\"status\":\"CLOSED\"}",
                        "",
                        "{\"alertId\":\"area:A1:20260302\",\"type\":\"AREA_LOSS\",\"status\":\"UPDATED\"}"));
        assertThat(MonitorReport.alerts(alerts, 0.972))
                .isEqualTo(
                        "AREA_LOSS 1 (1 open), THEFT 2 (1 open); THEFT opens at a theft score of"
                                + " 0.972 (--theft-alert-score)");
        Files.write(alerts, java.util.List.of());
        assertThat(MonitorReport.alerts(alerts, 0.5))
                .isEqualTo("none; THEFT opens at a theft score of 0.5 (--theft-alert-score)");
    }

    @Test
    @Timeout(120)
    void saysWhenAFileIsReplayedInEventTimeOrderAndWhenPaymentsAreMissing() throws IOException {
        Path fleet = dir.resolve("fleet");
        CommandRun simulate =
                CommandRun.of(
                        "simulate",
                        "--customers",
                        "10",
                        "--days",
                        "10",
                        "--seed",
                        "3",
                        "--quiet",
                        "--faults",
                        "none",
                        "--out",
                        fleet.toString());
        assertThat(simulate.exitCode()).isZero();
        Path readings = fleet.resolve("readings.jsonl");
        java.util.List<String> byMeter = new java.util.ArrayList<>(Files.readAllLines(readings));
        byMeter.sort(java.util.Comparator.comparing(line -> line.substring(0, 22))); // meterId
        Files.write(readings, byMeter);
        Files.delete(fleet.resolve("payments.jsonl"));

        CommandRun monitor =
                CommandRun.of(
                        "monitor",
                        "--input",
                        fleet.toString(),
                        "--out",
                        dir.resolve("out").toString());

        assertThat(monitor.exitCode()).as(monitor.err()).isZero();
        assertThat(monitor.err())
                .contains("has no payments.jsonl: bills are issued but not followed")
                .containsPattern(
                        "monitor: readings\\.jsonl: [\\d,]+ of its [\\d,]+ timed records \\(\\d+%\\)"
                                + " come more than the allowed lateness \\(7 days\\) after a later one")
                .contains(
                        String.format(
                                Locale.ROOT,
                                "monitor: readings.jsonl: %,d lines sorted by event time",
                                byMeter.size()));
        assertThat(monitor.out()).doesNotContain("TOO_LATE");

        CommandRun wrong =
                CommandRun.of("monitor", "--input", fleet.toString(), "--replay-order", "sorted");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("--replay-order sorted is not one of auto, file, time");
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
