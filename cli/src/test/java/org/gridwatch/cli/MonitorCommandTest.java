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
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
