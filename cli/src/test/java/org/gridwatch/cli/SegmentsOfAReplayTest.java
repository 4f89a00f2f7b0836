package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwatch segments} over what the real simulator and monitor job write: a fleet replayed
 * across a month's end, so that January is billed and every customer valued. Each strategy's list
 * holds exactly the customers whose record in segments.jsonl names it, read here with a plain JSON
 * parser, and the account managers' list runs from the most valuable down.
 */
class SegmentsOfAReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    @Timeout(240)
    void everyStrategysListIsTheCustomersWhoseRecordNamesIt() throws Exception {
        Path fleet = dir.resolve("fleet");
        Path out = dir.resolve("out");
        CommandRun simulate =
                CommandRun.of(
                        "simulate",
                        "--customers",
                        "80",
                        "--days",
                        "5",
                        "--start",
                        "2026-01-29",
                        "--seed",
                        "5",
                        "--quiet",
                        "--out",
                        fleet.toString());
        assertThat(simulate.exitCode()).as(simulate.err()).isZero();
        CommandRun monitor =
                CommandRun.of(
                        "monitor", "--input", fleet.toString(), "--out", out.toString(), "--quiet");
        assertThat(monitor.exitCode()).as(monitor.err()).isZero();

        Map<String, TreeSet<String>> byStrategy = new TreeMap<>();
        int customers = 0;
        for (String line : Files.readAllLines(out.resolve("segments.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            customers++;
            for (JsonNode s : n.get("strategies")) {
                byStrategy
                        .computeIfAbsent(s.asText(), k -> new TreeSet<>())
                        .add(n.get("customerId").asText());
            }
        }
        assertThat(customers).as("every customer billed and valued").isEqualTo(80);
        assertThat(byStrategy).containsKeys("ACCOUNT_MANAGER", "HOTLINE_95598", "BASIC_SUPPLY");

        for (Map.Entry<String, TreeSet<String>> e : byStrategy.entrySet()) {
            CommandRun run =
                    CommandRun.of("segments", "--input", out.toString(), "--strategy", e.getKey());
            assertThat(run.exitCode()).as(run.err()).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines.get(0))
                    .isEqualTo(
                            e.getValue().size()
                                    + (e.getValue().size() == 1 ? " customer" : " customers")
                                    + " with "
                                    + e.getKey()
                                    + " (of 80 customers seen)");
            List<String> rows = lines.subList(3, lines.size());
            assertThat(rows.stream().map(l -> l.trim().split("\\s+")[1]))
                    .as(e.getKey())
                    .containsExactlyInAnyOrderElementsOf(e.getValue());
        }

        CommandRun managers =
                CommandRun.of(
                        "segments",
                        "--input",
                        out.toString(),
                        "--strategy",
                        "ACCOUNT_MANAGER",
                        "--format",
                        "csv");
        List<Double> values = new ArrayList<>();
        managers.out().lines().skip(1).forEach(l -> values.add(Double.valueOf(l.split(",")[6])));
        assertThat(values).hasSize(byStrategy.get("ACCOUNT_MANAGER").size());
        assertThat(values).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }
}
