package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.simulator.FaultRates;
import org.gridwatch.simulator.PayerMix;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A replay of files written one meter (area, customer) after the other, as exports usually are,
 * gives what the same records give in the order they arrived. The reference is the simulator's own
 * files (an arrival log: every quarter hour's readings together), replayed as written; the export
 * is the same records, each file sorted by its key (a stable sort: each key's records stay in time
 * order). Read as written, the export's readings after the first meter's come weeks after later
 * ones: 82% of them were rejected TOO_LATE and 1 bill of 60 was written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeySortedExportTest {
    private static final Map<String, String> KEYS =
            Map.of(
                    "readings.jsonl", "meterId",
                    "area-readings.jsonl", "areaId",
                    "payments.jsonl", "customerId",
                    "inspections.jsonl", "customerId");

    @TempDir static Path dir;
    private Path arrival;
    private Path export;
    private final List<String> notices = new ArrayList<>();
    private int noticesOfTheArrivalLog;
    private long readings;

    @BeforeAll
    void replayTheArrivalLogAndTheExport() throws Exception {
        Path sim = dir.resolve("arrival-log");
        // No delivery faults: a late or doubled reading is where the log puts it, which an export
        // sorted by time does not keep.
        Fleets.simulateToFiles(
                SimulationConfig.of(60, 40, 2027)
                        .withFaults(FaultRates.NONE)
                        .withPayerMix(PayerMix.VARIED),
                sim);
        Path exported = dir.resolve("export");
        Files.createDirectories(exported);
        ObjectMapper json = new ObjectMapper();
        for (Path f : Files.list(sim).toList()) {
            String key = KEYS.get(f.getFileName().toString());
            List<String> lines = new ArrayList<>(Files.readAllLines(f));
            if (key != null) {
                lines.sort(Comparator.comparing(l -> keyOf(json, l, key)));
            }
            Files.write(exported.resolve(f.getFileName()), lines);
        }
        arrival = dir.resolve("out-arrival");
        export = dir.resolve("out-export");
        Fleets.monitor(new FileInputs(sim).withNotices(notices::add), arrival, null, null);
        noticesOfTheArrivalLog = notices.size();
        readings = Files.readAllLines(sim.resolve("readings.jsonl")).size();
        Fleets.monitor(new FileInputs(exported).withNotices(notices::add), export, null, null);
    }

    private static String keyOf(ObjectMapper json, String line, String key) {
        try {
            return json.readTree(line).get(key).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theArrivalLogIsReadAsWrittenAndTheExportsFilesAreSortedByTime() {
        assertThat(noticesOfTheArrivalLog).isZero();
        assertThat(notices)
                .anyMatch(
                        n ->
                                n.startsWith("readings.jsonl: ")
                                        && n.contains("after a later one (the first at line ")
                                        && n.contains("replayed in event-time order"))
                .anyMatch(
                        n ->
                                n.startsWith(
                                        String.format(
                                                "readings.jsonl: %,d lines sorted by event time",
                                                readings)))
                .anyMatch(n -> n.startsWith("area-readings.jsonl: "))
                .anyMatch(n -> n.startsWith("payments.jsonl: "))
                .noneMatch(n -> n.startsWith("customers.jsonl"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bills.jsonl",
                "segments.jsonl",
                "alerts.jsonl",
                "interruptions.jsonl",
                "theft-scores.jsonl",
                "rejected.jsonl"
            })
    void theExportGivesEveryOutputOfTheArrivalLog(String file) throws Exception {
        List<String> expected = Files.readAllLines(arrival.resolve(file));
        assertThat(Files.readAllLines(export.resolve(file)))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theArrivalLogBillsEveryCustomer() throws Exception {
        assertThat(Files.readAllLines(arrival.resolve("bills.jsonl"))).hasSize(60);
    }
}
