package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One reading in a hundred malformed, among a million: the job never restarts (restarts are off in
 * {@link Fleets#monitor}, so one exception would fail the run) and every malformed line is in
 * rejected.jsonl, as received, with its reason.
 */
class MalformedMillionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each fault once, with the reason it must get: one fault per line. */
    private record Fault(String reason, UnaryOperator<String> apply) {}

    private static final List<Fault> FAULTS =
            List.of(
                    new Fault("NOT_JSON", l -> l.substring(0, l.length() / 2)),
                    new Fault("NOT_OBJECT", l -> "[" + l + "]"),
                    new Fault("MISSING_FIELD", l -> l.replaceFirst(",\"kwh\":[-0-9.Ee]+", "")),
                    new Fault(
                            "WRONG_TYPE",
                            l -> l.replaceFirst("\"kwh\":[-0-9.Ee]+", "\"kwh\":\"abc\"")),
                    new Fault(
                            "BAD_TIMESTAMP",
                            l -> l.replaceFirst("\"ts\":\"2026-", "\"ts\":\"2026-13-")),
                    new Fault(
                            "BAD_INTERVAL",
                            l ->
                                    l.replaceFirst(
                                            "\"intervalMinutes\":\\d+", "\"intervalMinutes\":7")),
                    new Fault(
                            "NEGATIVE_KWH",
                            l -> l.replaceFirst("\"kwh\":[-0-9.Ee]+", "\"kwh\":-1.5")),
                    new Fault(
                            "BAD_ID",
                            l ->
                                    l.replaceFirst(
                                            "\"meterId\":\"[^\"]+\"", "\"meterId\":\"bad id!\"")));

    @TempDir static Path dir;

    @Test
    void aMillionReadingsWithOnePercentMalformedRunWithoutARestartAndRejectEachOne()
            throws Exception {
        Path fleet = dir.resolve("fleet");
        // 1,000 customers x 11 days x 96 quarter hours (fewer for hourly meters) ~ 1 million
        Fleets.simulateToFiles(SimulationConfig.of(1_000, 11, 1_000_001), fleet);
        Path readingsFile = fleet.resolve("readings.jsonl");
        List<String> readings = Files.readAllLines(readingsFile);
        Map<String, String> expected = new HashMap<>();
        for (int i = 50; i < readings.size(); i += 100) {
            Fault fault = FAULTS.get((i / 100) % FAULTS.size());
            String bad = fault.apply().apply(readings.get(i));
            assertThat(bad)
                    .as("fault %s changed line %d", fault.reason(), i)
                    .isNotEqualTo(readings.get(i));
            readings.set(i, bad);
            expected.put(bad, fault.reason());
        }
        Files.write(readingsFile, readings);
        assertThat(readings.size()).isGreaterThan(900_000);
        assertThat(expected.size()).isGreaterThan(readings.size() / 100 - FAULTS.size());

        Path out = dir.resolve("out");
        Fleets.monitor(new FileInputs(fleet), out, null, null);

        Map<String, String> rejectedAtParse = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("rejected.jsonl"))) {
            JsonNode r = JSON.readTree(line);
            rejectedAtParse.put(r.get("raw").asText(), r.get("reason").asText());
        }
        expected.forEach(
                (raw, reason) -> assertThat(rejectedAtParse.get(raw)).as(raw).isEqualTo(reason));
    }
}
