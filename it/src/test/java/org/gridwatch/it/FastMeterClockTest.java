package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One meter with a fast clock must not poison the fleet. The reproduction: 60 customers ×
 * 40 days, three readings of real meters re-stamped 2026-03-01, 2027-01-01 and 2099-06-01 put near
 * the top of readings.jsonl, replayed. Before the fix event time jumped for everyone: rejections
 * went from 401 to 213,224 and every bill differed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FastMeterClockTest {
    private static final List<String> FAST_STAMPS =
            List.of(
                    "2026-03-01T00:00:00+08:00",
                    "2027-01-01T00:00:00+08:00",
                    "2099-06-01T00:00:00+08:00");

    @TempDir static Path dir;
    private Path clean;
    private Path fast;
    private final List<String> insertedLines = new ArrayList<>();

    @BeforeAll
    void replayTheFleetWithAndWithoutFastClocks() throws Exception {
        Path sim = dir.resolve("clean");
        Fleets.simulateToFiles(SimulationConfig.of(60, 40, 2026), sim);
        Path withFast = dir.resolve("fast");
        Files.createDirectories(withFast);
        for (Path f : Files.list(sim).toList()) {
            Files.copy(f, withFast.resolve(f.getFileName()));
        }
        List<String> readings = new ArrayList<>(Files.readAllLines(sim.resolve("readings.jsonl")));
        for (int i = 0; i < FAST_STAMPS.size(); i++) {
            // a real meter's reading (lines 10, 20, 30), its clock gone fast
            String line =
                    readings.get(10 * (i + 1))
                            .replaceFirst(
                                    "\"ts\":\"[^\"]+\"", "\"ts\":\"" + FAST_STAMPS.get(i) + "\"");
            insertedLines.add(line);
            readings.add(5 + 7 * i, line);
        }
        Files.write(withFast.resolve("readings.jsonl"), readings);

        clean = dir.resolve("out-clean");
        fast = dir.resolve("out-fast");
        Fleets.monitor(new FileInputs(sim), clean, null, null);
        Fleets.monitor(new FileInputs(withFast), fast, null, null);
    }

    @Test
    void billsAndSegmentsAreTheSameWithAndWithoutTheFastClocks() throws Exception {
        assertThat(lines(fast, "bills.jsonl"))
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(lines(clean, "bills.jsonl"));
        assertThat(lines(fast, "segments.jsonl"))
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(lines(clean, "segments.jsonl"));
    }

    @Test
    void theThreeFastReadingsAreRejectedFutureTimestampAndNothingElseChanges() throws Exception {
        List<String> before = lines(clean, "rejected.jsonl");
        List<String> after = lines(fast, "rejected.jsonl");
        List<String> added = new ArrayList<>(after);
        before.forEach(added::remove);

        assertThat(before).noneMatch(r -> r.contains("FUTURE_TIMESTAMP"));
        assertThat(after).hasSize(before.size() + 3);
        assertThat(added).allMatch(r -> r.contains("\"reason\":\"FUTURE_TIMESTAMP\""));
        Set<String> stamps =
                added.stream()
                        .map(r -> r.replaceAll(".*\\\\\"ts\\\\\":\\\\\"([^\\\\]+)\\\\\".*", "$1"))
                        .collect(Collectors.toSet());
        assertThat(stamps).containsExactlyInAnyOrderElementsOf(FAST_STAMPS);
    }

    private static List<String> lines(Path out, String file) throws Exception {
        return Files.readAllLines(out.resolve(file));
    }
}
