package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.core.event.Source;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.jobs.io.FileInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of broken record in the corpus, mixed into the good traffic of the simulated fleet:
 * each lands in {@code rejected} with its reason, the good records all count, and the job never
 * restarts (restarts are off, so a failure would fail the run).
 */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void rejectsEachBrokenRecordWithItsReasonAndCountsAllTheGoodOnes() throws Exception {
        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(Fleets.SMALL, fleet);
        List<JsonNode> corpus = new ArrayList<>();
        for (String line :
                Files.readAllLines(Path.of("src/test/resources/bad-input/corpus.jsonl"))) {
            corpus.add(JSON.readTree(line));
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(25);
        mixIntoTheFleetsFiles(fleet, corpus);

        Path out = dir.resolve("out");
        MonitoredFleet influx = MonitoredFleet.shared();
        new InfluxQueryClient(influx.influxUrl()).createDatabase("gridwatch_bad_input");
        Fleets.monitor(new FileInputs(fleet), out, influx.influxUrl(), "gridwatch_bad_input");

        Truth truth = Truth.read(fleet.resolve("truth.jsonl"));
        Map<String, Long> expected = new HashMap<>();
        for (JsonNode bad : corpus) {
            expected.merge(
                    bad.get("source").asText()
                            + " "
                            + bad.get("raw").asText()
                            + " "
                            + bad.get("expect").asText(),
                    1L,
                    Long::sum);
        }
        Map<String, Long> rejected = new HashMap<>();
        Map<String, Long> ofInjectedFaults = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("rejected.jsonl"))) {
            JsonNode r = JSON.readTree(line);
            String reason = r.get("reason").asText();
            if (reason.equals("DUPLICATE") || reason.equals("OVERLAP")) {
                // the simulator's own head-end faults; the corpus has none of these
                ofInjectedFaults.merge(r.get("source").asText() + " " + reason, 1L, Long::sum);
                continue;
            }
            rejected.merge(
                    r.get("source").asText()
                            + " "
                            + r.get("raw").asText()
                            + " "
                            + r.get("reason").asText(),
                    1L,
                    Long::sum);
        }
        assertThat(rejected).isEqualTo(expected);
        assertThat(ofInjectedFaults).isEqualTo(truth.rejectionsOfInjectedFaults());
        Map<String, Double> load =
                new InfluxSeries(influx.influxUrl(), "gridwatch_bad_input").loadKwhByAreaDay();
        truth.assertKwhByAreaDay(load);
    }

    /** Spreads the broken records through the input files, each into its own stream's file. */
    private static void mixIntoTheFleetsFiles(Path fleet, List<JsonNode> corpus) throws Exception {
        Map<String, List<String>> badBySource = new HashMap<>();
        for (JsonNode bad : corpus) {
            badBySource
                    .computeIfAbsent(bad.get("source").asText(), s -> new ArrayList<>())
                    .add(bad.get("raw").asText());
        }
        for (Source source : Source.values()) {
            List<String> bad = badBySource.getOrDefault(source.topic(), List.of());
            Path file = fleet.resolve(source.fileName());
            List<String> good = Files.exists(file) ? Files.readAllLines(file) : List.of();
            List<String> mixed = new ArrayList<>(good.size() + bad.size());
            int step = Math.max(1, good.size() / (bad.size() + 1));
            int next = 0;
            for (int i = 0; i < good.size(); i++) {
                if (i % step == step - 1 && next < bad.size()) {
                    mixed.add(bad.get(next++));
                }
                mixed.add(good.get(i));
            }
            mixed.addAll(bad.subList(next, bad.size()));
            Files.write(file, mixed);
        }
    }
}
