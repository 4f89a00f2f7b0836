package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A replay's event time does not depend on the wall clock: a file source holds event time back
 * until it has read its file, however long it takes to start. Idleness (a Kafka topic's way to stop
 * holding event time back when it falls silent) is not applied to files; when it was, a master file
 * whose source started more than 10 s late on a busy machine was taken for idle, and the readings
 * that came meanwhile were judged without their master (a CI run's DetectionJobTest saw evidence
 * change in the third decimal). Here the idleness is a millisecond, so that every source would be
 * idle before its first record if it applied, and the replay must give what the default settings
 * give.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayWaitsForEveryFileTest {
    @TempDir static Path dir;
    private Path usual;
    private Path hasty;

    @BeforeAll
    void replayWithUsualAndHastyIdleness() throws Exception {
        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(SimulationConfig.of(60, 12, 2028), fleet);
        usual = dir.resolve("usual");
        hasty = dir.resolve("hasty");
        Fleets.monitor(new FileInputs(fleet), usual, s -> s);
        Fleets.monitor(
                new FileInputs(fleet),
                hasty,
                s -> s.withIdleness(Duration.ofMillis(1), Duration.ofMillis(1)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bills.jsonl",
                "rejected.jsonl",
                "alerts.jsonl",
                "interruptions.jsonl",
                "theft-scores.jsonl"
            })
    void aHastyIdlenessChangesNothing(String file) throws Exception {
        assertThat(Files.readAllLines(hasty.resolve(file)))
                .containsExactlyInAnyOrderElementsOf(Files.readAllLines(usual.resolve(file)));
    }
}
