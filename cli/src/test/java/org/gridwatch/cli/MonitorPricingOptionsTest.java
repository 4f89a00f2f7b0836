package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridwatch monitor --tariffs FILE --holidays FILE}: what a planner sees of a bad file. */
class MonitorPricingOptionsTest {

    @TempDir Path dir;

    @BeforeEach
    void anEmptyReplayFolder() throws IOException {
        Files.writeString(dir.resolve("customers.jsonl"), "");
        Files.writeString(dir.resolve("readings.jsonl"), "");
    }

    @Test
    void namesTheHolidayFileAndTheDayThatCannotBeAMakeUpWorkday() throws IOException {
        // 2027-02-08 is a Monday: a make-up workday is a worked Saturday or Sunday.
        Path calendar =
                Files.writeString(
                        dir.resolve("cn-2027.yaml"), "make-up-workdays: [\"2027-02-08\"]\n");

        CommandRun run =
                CommandRun.of(
                        "monitor", "--input", dir.toString(), "--holidays", calendar.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "gridwatch monitor: --holidays: "
                                + calendar
                                + ": make-up-workdays: 2027-02-08 is a Monday, but a make-up"
                                + " workday is a Saturday or Sunday that is worked",
                        "see gridwatch monitor --help");
    }

    @Test
    void namesATariffFileThatDoesNotExist() {
        Path missing = dir.resolve("tariffs-2027.yaml");

        CommandRun run =
                CommandRun.of(
                        "monitor", "--input", dir.toString(), "--tariffs", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0))
                .isEqualTo("gridwatch monitor: --tariffs: " + missing + ": no such file");
    }
}
