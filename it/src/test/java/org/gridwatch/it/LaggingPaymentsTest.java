package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.it.TestTopics.firstAtOrAfter;
import static org.gridwatch.it.TestTopics.produce;
import static org.gridwatch.it.TestTopics.timeOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.simulator.PayerMix;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;

/**
 * The monitor job live on Kafka with a payments feed that lags the readings by the whole run (the
 * payments topic down from the start, its backlog sent once February's bills are out): every
 * payment reaches the job after the bill checks it preceded. Once the backlog is in, each
 * customer's latest segment record (by time, as {@code gridwatch segments} folds the topic) must
 * say what the file replay's, which read every payment in time, says.
 */
class LaggingPaymentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("patience", 180));

    /**
     * 120 customers with every payer persona, 1 January to 11 March: January's bills are checked on
     * 8 February and February's on 8 March (the month's end plus the allowed lateness), both while
     * the job runs.
     */
    static final SimulationConfig FLEET =
            SimulationConfig.of(120, 70, 2043).withPayerMix(PayerMix.VARIED).withOpeningBill(false);

    @Test
    void paymentsThatComeAfterTheChecksTheyPrecededLeaveEveryCustomerAsIfTheyHadComeInTime()
            throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(FLEET);
        Path sim = fleet.simulationDir();
        Map<String, String> replay = new TreeMap<>();
        for (String line : Files.readAllLines(fleet.outDir().resolve("segments.jsonl"))) {
            JsonNode s = JSON.readTree(line);
            replay.put(s.get("customerId").asText(), decision(s));
        }
        List<String> payments = Files.readAllLines(sim.resolve("payments.jsonl"));
        // A reversal received after a check it preceded costs its own demerit but not the check's
        // (value.md): its customer is left out of the comparison.
        Set<String> reversed =
                payments.stream()
                        .filter(p -> p.contains("\"amount\":-"))
                        .map(TestTopics::keyOf)
                        .collect(Collectors.toSet());
        long februaryBills =
                Files.readAllLines(fleet.outDir().resolve("bills.jsonl")).stream()
                        .filter(b -> b.contains("\"period\":\"2026-02\""))
                        .count();
        assertThat(februaryBills).isGreaterThan(100);
        List<String> readings = Files.readAllLines(sim.resolve("readings.jsonl"));
        Instant lastDay =
                readings.stream()
                        .map(TestTopics::timeOf)
                        .max(Comparator.naturalOrder())
                        .orElseThrow()
                        .minus(Duration.ofDays(1));
        int heldBack = firstAtOrAfter(readings, lastDay);

        Map<String, JsonNode> live;
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestFlink flink = TestFlink.start(1, 2)) {
            Fleets.createOutputTopics(kafka);
            kafka.createTopics(1, "payments"); // there, and empty: the billing system is down
            produce(kafka, "customers", Files.readAllLines(sim.resolve("customers.jsonl")));
            produce(kafka, "area-readings", Files.readAllLines(sim.resolve("area-readings.jsonl")));
            produce(kafka, "inspections", Files.readAllLines(sim.resolve("inspections.jsonl")));
            produce(kafka, "meter-readings", readings.subList(0, heldBack));
            JobID job = flink.submit(Fleets.live(kafka, "lagging-test"), 1, null);
            await(
                    kafka,
                    "bills",
                    bills ->
                            bills.stream().filter(b -> b.contains("\"period\":\"2026-02\"")).count()
                                    == februaryBills,
                    "February's " + februaryBills + " bills");
            Map<String, String> before =
                    differences(
                            latest(OutputTopic.read(kafka.bootstrapServers(), "customer-segments")),
                            replay,
                            reversed);
            System.out.println(
                    "LaggingPaymentsTest: before the payments, "
                            + before.size()
                            + " customers differ from the replay: "
                            + before);
            assertThat(before)
                    .as("before the payments came, customers the replay has otherwise")
                    .isNotEmpty();

            // The payments' backlog, then the readings' last day, a few hours at a time as a
            // head-end sends them: event time moves on, and every payment, behind it, is applied
            // with its next step.
            produce(kafka, "payments", payments);
            int step = (readings.size() - heldBack) / 8 + 1;
            for (int from = heldBack; from < readings.size(); from += step) {
                Thread.sleep(3_000);
                produce(
                        kafka,
                        "meter-readings",
                        readings.subList(from, Math.min(readings.size(), from + step)));
            }
            List<String> segments;
            try {
                segments =
                        await(
                                kafka,
                                "customer-segments",
                                s -> differences(latest(s), replay, reversed).isEmpty(),
                                "every customer's latest segment as the replay has it");
            } catch (AssertionError e) {
                segments = OutputTopic.read(kafka.bootstrapServers(), "customer-segments");
            }
            live = latest(segments);
            flink.cancel(job);
        }
        assertThat(differences(live, replay, reversed)).isEmpty();
        assertThat(replay.keySet()).hasSizeGreaterThan(100);
        assertThat(reversed).hasSizeLessThan(replay.size() / 4);
    }

    /** Each customer's latest record by time; of two at one time, the one read last. */
    private static Map<String, JsonNode> latest(List<String> segments) {
        Map<String, JsonNode> latest = new HashMap<>();
        for (String line : segments) {
            JsonNode s = read(line);
            String customer = s.get("customerId").asText();
            JsonNode kept = latest.get(customer);
            if (kept == null || !timeOf(line).isBefore(timeOf(kept.toString()))) {
                latest.put(customer, s);
            }
        }
        return latest;
    }

    /** What a segment record decides: segment, grade, strategies and the next inspection. */
    private static String decision(JsonNode s) {
        return s.path("segment").asText()
                + " "
                + s.path("creditGrade").asText()
                + " "
                + s.path("strategies")
                + " "
                + s.path("nextInspection").asText("-");
    }

    /** The customers (but those with a reversal) whose latest decision is not the replay's. */
    private static Map<String, String> differences(
            Map<String, JsonNode> live, Map<String, String> replay, Set<String> reversed) {
        Map<String, String> differ = new TreeMap<>();
        for (Map.Entry<String, String> e : replay.entrySet()) {
            if (reversed.contains(e.getKey())) {
                continue;
            }
            JsonNode l = live.get(e.getKey());
            String got = l == null ? "none" : decision(l);
            if (!got.equals(e.getValue())) {
                differ.put(e.getKey(), "live " + got + ", replay " + e.getValue());
            }
        }
        return differ;
    }

    /** Reads {@code topic} every second until {@code done} holds of its records; returns them. */
    private static List<String> await(
            EmbeddedKafka kafka, String topic, Predicate<List<String>> done, String what)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<String> records = OutputTopic.read(kafka.bootstrapServers(), topic);
            if (done.test(records)) {
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no "
                                + what
                                + " on "
                                + topic
                                + " after "
                                + PATIENCE
                                + " ("
                                + records.size()
                                + " records)");
            }
            Thread.sleep(1_000);
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
