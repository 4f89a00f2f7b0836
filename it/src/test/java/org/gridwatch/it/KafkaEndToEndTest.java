package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.gridwatch.simulator.FleetSimulator;
import org.gridwatch.simulator.KafkaFleetSink;
import org.gridwatch.simulator.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real path: the simulated fleet produced into an in-process Kafka broker (KRaft), the monitor
 * job reading the topics in a local Flink, metrics into a real influxd. The same fleet replayed
 * from files ({@link MonitoredFleet}) must give the same outputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaEndToEndTest {
    private static final String DATABASE = "gridwatch_kafka";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    private EmbeddedKafka kafka;
    private MonitoredFleet files;
    private InfluxSeries viaKafka;
    private Truth truth;

    @BeforeAll
    void produceTheFleetIntoKafkaAndMonitorIt() throws Exception {
        files = MonitoredFleet.shared();
        kafka = EmbeddedKafka.start();
        Fleets.createOutputTopics(kafka);
        try (KafkaFleetSink sink =
                new KafkaFleetSink(kafka.bootstrapServers(), dir.resolve("truth.jsonl"), 2)) {
            new FleetSimulator(Fleets.SMALL).run(sink, Progress.NONE);
        }
        truth = Truth.read(dir.resolve("truth.jsonl"));
        new InfluxQueryClient(files.influxUrl()).createDatabase(DATABASE);
        Fleets.monitor(
                new KafkaInputs(kafka.bootstrapServers(), "it-" + System.nanoTime(), true),
                dir.resolve("out"),
                files.influxUrl(),
                DATABASE,
                List.of(
                        new KafkaOutputs(
                                kafka.bootstrapServers(),
                                MonitorSettings.DEFAULT.zone(),
                                "it-end-to-end")));
        viaKafka = new InfluxSeries(files.influxUrl(), DATABASE);
    }

    @AfterAll
    void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void kwhPerAreaAndDayInInfluxDbEqualsTheSimulatorsTotals() {
        truth.assertKwhByAreaDay(viaKafka.loadKwhByAreaDay());
    }

    @Test
    void suppliedKwhPerAreaAndDayCountsEachQuarterHourOnceThoughAreaReadingsWereSentAgain() {
        assertThat(truth.injected("AREA_DUPLICATE")).isPositive();
        assertThat(truth.injected("AREA_OVERLAPPING")).isPositive();

        truth.assertSuppliedKwhByAreaDay(viaKafka.supplyKwhByAreaDay());
    }

    @Test
    void rejectsExactlyTheDuplicatesAndOverlapsTheSimulatorInjected() throws Exception {
        Map<String, Long> expected = truth.rejectionsOfInjectedFaults();
        assertThat(expected)
                .containsOnlyKeys(
                        "meter-readings DUPLICATE",
                        "meter-readings OVERLAP",
                        "area-readings DUPLICATE",
                        "area-readings OVERLAP");
        Map<String, Long> inFile = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("out/rejected.jsonl"))) {
            JsonNode r = JSON.readTree(line);
            inFile.merge(r.get("source").asText() + " " + r.get("reason").asText(), 1L, Long::sum);
        }

        assertThat(inFile).isEqualTo(expected);
        assertThat(viaKafka.rejectedByReason())
                .isEqualTo(
                        Map.of(
                                "DUPLICATE",
                                truth.injected("DUPLICATE") + truth.injected("AREA_DUPLICATE"),
                                "OVERLAP",
                                truth.injected("OVERLAPPING")
                                        + truth.injected("AREA_OVERLAPPING")));
    }

    @Test
    void countsEveryReadingSentAsReadAndAllButTheDuplicatesAndOverlapsAsAccepted() {
        long[] meters = recordsAndAccepted("meter-readings");
        assertThat(meters[0]).isEqualTo(truth.totals().get("readingLines").asLong());
        assertThat(meters[1])
                .isEqualTo(meters[0] - truth.injected("DUPLICATE") - truth.injected("OVERLAPPING"));

        long[] areas = recordsAndAccepted("area-readings");
        assertThat(areas[0]).isEqualTo(truth.totals().get("areaReadingLines").asLong());
        assertThat(areas[1])
                .isEqualTo(truth.totals().get("areaReadings").asLong())
                .isEqualTo(
                        areas[0]
                                - truth.injected("AREA_DUPLICATE")
                                - truth.injected("AREA_OVERLAPPING"));
    }

    /** The {@code ingest} measurement's records and accepted of one source, summed. */
    private long[] recordsAndAccepted(String source) {
        Map<String, List<Object>> ingest =
                viaKafka.points(
                        "ingest", "records, accepted", "WHERE \"source\" = '" + source + "'");
        long records =
                ingest.values().stream().mapToLong(v -> ((Number) v.get(0)).longValue()).sum();
        long accepted =
                ingest.values().stream().mapToLong(v -> ((Number) v.get(1)).longValue()).sum();
        return new long[] {records, accepted};
    }

    @Test
    void theFileReplayWritesTheSameRejectedRecordsAsTheKafkaRun() throws Exception {
        List<String> kafkaRun = Files.readAllLines(dir.resolve("out/rejected.jsonl"));
        List<String> fileRun = Files.readAllLines(files.outDir().resolve("rejected.jsonl"));

        assertThat(kafkaRun).isNotEmpty().containsExactlyInAnyOrderElementsOf(fileRun);
    }

    @Test
    void billsEveryCustomerOnceAMonthAndTheFileReplayBillsTheSame() throws Exception {
        List<String> kafkaRun = Files.readAllLines(dir.resolve("out/bills.jsonl"));
        List<String> fileRun = Files.readAllLines(files.outDir().resolve("bills.jsonl"));

        // January 29 to February 1: January is billed, February is not (the data ends inside it)
        assertThat(kafkaRun).hasSize(Fleets.SMALL.customers());
        assertThat(kafkaRun)
                .allSatisfy(
                        bill ->
                                assertThat(bill)
                                        .contains("\"period\":\"2026-01\"")
                                        .contains("\"issued\":\"2026-02-01T00:00:00+08:00\""));
        assertThat(kafkaRun).containsExactlyInAnyOrderElementsOf(fileRun);
    }

    @Test
    void theKafkaRunAndTheFileReplayEndWithTheSameSegmentForEveryCustomer() throws Exception {
        List<String> kafkaRun = Files.readAllLines(dir.resolve("out/segments.jsonl"));
        List<String> fileRun = Files.readAllLines(files.outDir().resolve("segments.jsonl"));

        assertThat(kafkaRun).hasSize(Fleets.SMALL.customers());
        assertThat(kafkaRun).containsExactlyInAnyOrderElementsOf(fileRun);
    }

    @Test
    void theOutputTopicsCarryTheBillsAndEverySegmentChangeEndingInTheReplaysState()
            throws Exception {
        List<String> bills = OutputTopic.read(kafka.bootstrapServers(), "bills");
        List<Map.Entry<String, String>> records =
                OutputTopic.records(kafka.bootstrapServers(), "customer-segments");
        List<String> changes = records.stream().map(Map.Entry::getValue).toList();
        assertThat(records)
                .as("keyed by customer, so one customer's changes stay in order")
                .allSatisfy(
                        r ->
                                assertThat(r.getValue())
                                        .contains("\"customerId\":\"" + r.getKey() + "\""));

        assertThat(bills)
                .containsExactlyInAnyOrderElementsOf(
                        Files.readAllLines(files.outDir().resolve("bills.jsonl")));
        // every change in the order it was made; the last per customer is the replay's line
        Map<String, String> last = new TreeMap<>();
        for (String change : changes) {
            last.put(JSON.readTree(change).get("customerId").asText(), change);
        }
        assertThat(changes).hasSizeGreaterThanOrEqualTo(last.size());
        assertThat(last.values())
                .containsExactlyInAnyOrderElementsOf(
                        Files.readAllLines(files.outDir().resolve("segments.jsonl")));
    }

    @Test
    void theFileReplayWritesTheSameMetricPointsAsTheKafkaRun() {
        InfluxSeries viaFiles = new InfluxSeries(files.influxUrl(), files.database());
        for (String measurement :
                List.of(
                        "load",
                        "tou",
                        "area_supply",
                        "rejected",
                        "peak_valley",
                        "segments",
                        "revenue_concentration",
                        "worklist")) {
            Map<String, List<Object>> kafkaRun = viaKafka.points(measurement, "*", "");
            assertThat(kafkaRun).as(measurement).isNotEmpty();
            assertThat(kafkaRun).as(measurement).isEqualTo(viaFiles.points(measurement, "*", ""));
        }
        // Arrival counts per quarter hour are event time too, except "late", which depends on
        // how the streams interleaved, and the customer master, which has no event time.
        String where = "WHERE \"source\" != 'customers'";
        assertThat(viaKafka.points("ingest", "records, accepted, rejected", where))
                .isEqualTo(viaFiles.points("ingest", "records, accepted, rejected", where));
    }
}
