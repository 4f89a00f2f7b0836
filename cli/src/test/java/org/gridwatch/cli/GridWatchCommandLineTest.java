package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GridWatchCommandLineTest {

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "demo",
                "simulate",
                "monitor",
                "evaluate",
                "whatif",
                "alerts",
                "segments",
                "bench"
            })
    void everyCommandExplainsItselfWithHelpAndExitsZero(String command) {
        // picocli reports a help text it cannot format (a lone % in it) on System.err itself
        java.io.ByteArrayOutputStream picocli = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        CommandRun run;
        System.setErr(new java.io.PrintStream(picocli, true));
        try {
            run = CommandRun.of(command, "--help");
        } finally {
            System.setErr(err);
        }

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: gridwatch " + command).contains("Examples:");
        assertThat(run.err()).isEmpty();
        assertThat(picocli.toString()).as("picocli's own warnings").isEmpty();
    }

    @Test
    void theLauncherListsItsCommandsWithHelpAndExitsZero() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Usage: gridwatch")
                .contains("  demo ")
                .contains("  simulate ")
                .contains("  monitor ");
    }

    @Test
    void tellsItsVersionAndFlinks() {
        CommandRun run = CommandRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("gridwatch 0.").contains("Flink 2.");
    }

    @Test
    void monitorWithNeitherKafkaNorInputSaysSoInOneLineAndExitsTwo() {
        CommandRun run = CommandRun.of("monitor");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "gridwatch monitor: give exactly one of --kafka HOST:PORT or --input DIR",
                        "see gridwatch monitor --help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void monitorWithBothKafkaAndInputIsABadArgument() {
        CommandRun run =
                CommandRun.of("monitor", "--kafka", "localhost:9092", "--input", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).startsWith("gridwatch monitor: give exactly one of");
    }

    @Test
    void monitorOfAFolderWithoutReadingsNamesTheMissingFile() throws IOException {
        Files.writeString(dir.resolve("customers.jsonl"), "");

        CommandRun run = CommandRun.of("monitor", "--input", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "gridwatch monitor: --input " + dir + " has no readings.jsonl",
                        "see gridwatch monitor --help");
    }

    @Test
    void monitorNamesTheBadKeyOfAValueModelFile() throws IOException {
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, "credit:\n  start-scor: 75\n");

        CommandRun run =
                CommandRun.of(
                        "monitor", "--input", dir.toString(), "--value-model", model.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0))
                .startsWith("gridwatch monitor: --value-model: " + model)
                .contains("credit: unknown key 'start-scor'");
    }

    @Test
    void monitorRefusesPeakHoursFromATariffItDoesNotHave() throws IOException {
        Files.writeString(dir.resolve("customers.jsonl"), "");
        Files.writeString(dir.resolve("readings.jsonl"), "");
        Path model = dir.resolve("model.yaml");
        Files.writeString(model, "value:\n  peak-hours-tariff: summer-tou\n");

        CommandRun run =
                CommandRun.of(
                        "monitor", "--input", dir.toString(), "--value-model", model.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0))
                .isEqualTo(
                        "gridwatch monitor: value.peak-hours-tariff 'summer-tou' is not among the"
                                + " tariffs; name one of them in --value-model (its peak periods"
                                + " are the system's peak hours)");
    }

    @Test
    void monitorNamesTheStateBackendsItKnows() {
        CommandRun run =
                CommandRun.of("monitor", "--input", dir.toString(), "--state-backend", "rocks");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "gridwatch monitor: --state-backend is hashmap or rocksdb, not 'rocks'",
                        "see gridwatch monitor --help");
    }

    @Test
    void monitorTakesAPasswordOrATokenNotBoth() {
        CommandRun run =
                CommandRun.of(
                        "monitor",
                        "--input",
                        dir.toString(),
                        "--influx",
                        "http://localhost:8086",
                        "--influx-password",
                        "p",
                        "--influx-token",
                        "t");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0))
                .isEqualTo("gridwatch monitor: give --influx-password or --influx-token, not both");
    }

    @Test
    void monitorFailsAtOnceWhenItsInfluxDbDoesNotAnswer() throws IOException {
        Files.writeString(dir.resolve("customers.jsonl"), "");
        Files.writeString(dir.resolve("readings.jsonl"), "");

        CommandRun run =
                CommandRun.of(
                        "monitor", "--input", dir.toString(), "--influx", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines())
                .containsExactly(
                        "gridwatch monitor: InfluxDB at http://127.0.0.1:1 does not answer /ping;"
                                + " is it running?");
    }

    @Test
    void simulateWithANegativeFleetSaysWhyInOneLineAndExitsTwo() {
        CommandRun run =
                CommandRun.of(
                        "simulate", "--customers", "-5", "--days", "1", "--out", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly("gridwatch simulate: customers must be 1..9999999, got -5");
    }

    @Test
    void anUnknownOptionIsNamedInOneLineWithExitTwo() {
        CommandRun run = CommandRun.of("demo", "--frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "gridwatch demo: Unknown option: '--frobnicate'",
                        "see gridwatch demo --help");
    }

    @Test
    void demoRefusesContradictoryInfluxOptions() {
        CommandRun run = CommandRun.of("demo", "--no-influx", "--private-influx");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0))
                .isEqualTo(
                        "gridwatch demo: --no-influx goes with neither --influx nor --private-influx");
    }

    @Test
    void withoutACommandTheLauncherAsksForOne() {
        CommandRun run = CommandRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly("gridwatch: Missing required subcommand", "see gridwatch --help");
    }

    @Test
    void aFailedJobIsExplainedByItsCauseNotByFlinksWrapping() {
        Throwable failure =
                new JobExecutionException(
                        new JobID(),
                        "Job execution failed.",
                        new JobException(
                                "Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy",
                                new IOException(
                                        "InfluxDB write failed after 6 attempts: no route",
                                        new ConnectException("Connection refused"))));

        assertThat(LocalFlink.reason(failure))
                .isEqualTo("InfluxDB write failed after 6 attempts: no route");
    }
}
