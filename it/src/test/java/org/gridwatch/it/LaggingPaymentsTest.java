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
 * The monitor job live on Kafka with its payments and its readings out of step, both ways, against
 * the file replay, which reads every payment in time: each customer's latest segment record (by
 * time, as {@code gridwatch segments} folds the topic) must say what the replay's says.
 *
 * <ul>
 *   <li>A payments feed that lags the readings by the whole run (the payments topic down from the
 *       start, its backlog sent once February's bills are out): every payment and reversal reaches
 *       the job after the bill checks it preceded.
 *   <li>Readings that start after everything else is in (the payments, inspections and area
 *       readings of the whole run first, then, after the job's idleness, the readings): the job's
 *       clock is the readings', and nothing is billed or judged before they come.
 * </ul>
 */
class LaggingPaymentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("patience", 180));

    /**
     * 120 customers with every payer persona, 1 January to 11 March: January's bills are checked on
     * 8 February and February's on 8 March (the month's end plus the allowed lateness), both while
     * the job runs. The varied mix, with a tenth of the customers bouncing payments rather than 2%,
     * so that some reversals come late too.
     */
    static final SimulationConfig FLEET =
            SimulationConfig.of(120, 70, 2043)
                    .withPayerMix(new PayerMix(0.06, 0.02, 0.10, 0.03, 0.10, 0.05))
                    .withOpeningBill(false);

    @Test
    void paymentsThatComeAfterTheChecksTheyPrecededLeaveEveryCustomerAsIfTheyHadComeInTime()
            throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(FLEET);
        Path sim = fleet.simulationDir();
        Map<String, String> replay = replayDecisions(fleet);
        List<String> payments = Files.readAllLines(sim.resolve("payments.jsonl"));
        // Customers with a reversal are compared too: a reversal received after a check it
        // preceded costs the check's demerit as well as its own (value.md). Only the date of a
        // first inspection is theirs to differ: a customer the reversal makes LOW_RISKY is due
        // at once, from when the job learned it (InspectionPlan), which here is the backlog's day.
        Set<String> reversed =
                payments.stream()
                        .filter(p -> p.contains("\"amount\":-"))
                        .map(TestTopics::keyOf)
                        .collect(Collectors.toSet());
        assertThat(reversed).as("customers with a reversal").hasSizeGreaterThan(3);
        for (String customer : reversed) {
            replay.computeIfPresent(customer, (c, d) -> withoutInspectionDate(d));
        }
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
                            replay);
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
            live = latestOnceAsTheReplay(kafka, replay);
            flink.cancel(job);
        }
        assertThat(differences(live, replay)).isEmpty();
        assertThat(replay.keySet()).hasSizeGreaterThan(100);
    }

    @Test
    void readingsThatStartAfterEverythingElseIsInLeaveEveryCustomerAsTheReplayDoes()
            throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(FLEET);
        Path sim = fleet.simulationDir();
        Map<String, String> replay = replayDecisions(fleet);

        Map<String, JsonNode> live;
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestFlink flink = TestFlink.start(1, 2)) {
            Fleets.createOutputTopics(kafka);
            kafka.createTopics(1, "meter-readings"); // there, and empty: the head-ends not yet
            produce(kafka, "customers", Files.readAllLines(sim.resolve("customers.jsonl")));
            produce(kafka, "payments", Files.readAllLines(sim.resolve("payments.jsonl")));
            produce(kafka, "inspections", Files.readAllLines(sim.resolve("inspections.jsonl")));
            produce(kafka, "area-readings", Files.readAllLines(sim.resolve("area-readings.jsonl")));
            JobID job = flink.submit(Fleets.live(kafka, "readings-late-test"), 1, null);
            // longer than the job's idleness (10 s here): every input but the readings, and the
            // readings' partition without a reading yet, count as idle
            Thread.sleep(20_000);
            assertThat(OutputTopic.read(kafka.bootstrapServers(), "bills"))
                    .as("bills before any reading")
                    .isEmpty();

            produce(kafka, "meter-readings", Files.readAllLines(sim.resolve("readings.jsonl")));
            live = latestOnceAsTheReplay(kafka, replay);
            flink.cancel(job);
        }
        assertThat(differences(live, replay)).isEmpty();
        assertThat(replay.keySet()).hasSizeGreaterThan(100);
    }

    /** Each customer's decision in the file replay's segments.jsonl. */
    private static Map<String, String> replayDecisions(MonitoredFleet fleet) throws Exception {
        Map<String, String> replay = new TreeMap<>();
        for (String line : Files.readAllLines(fleet.outDir().resolve("segments.jsonl"))) {
            JsonNode s = JSON.readTree(line);
            replay.put(s.get("customerId").asText(), decision(s));
        }
        return replay;
    }

    /**
     * Each customer's latest segment record on the topic, once they all say what {@code replay}
     * says, or as they are when the patience runs out (for the caller's assertion to show).
     */
    private static Map<String, JsonNode> latestOnceAsTheReplay(
            EmbeddedKafka kafka, Map<String, String> replay) throws Exception {
        List<String> segments;
        try {
            segments =
                    await(
                            kafka,
                            "customer-segments",
                            s -> differences(latest(s), replay).isEmpty(),
                            "every customer's latest segment as the replay has it");
        } catch (AssertionError e) {
            segments = OutputTopic.read(kafka.bootstrapServers(), "customer-segments");
        }
        return latest(segments);
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

    /** A decision's next inspection, any date: whether there is one. */
    private static final String ANY_DATE = " (a date)";

    private static String withoutInspectionDate(String decision) {
        int at = decision.lastIndexOf(' ');
        String date = decision.substring(at + 1);
        return decision.substring(0, at) + (date.equals("-") ? " -" : ANY_DATE);
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

    /** The customers whose latest decision is not the replay's. */
    private static Map<String, String> differences(
            Map<String, JsonNode> live, Map<String, String> replay) {
        Map<String, String> differ = new TreeMap<>();
        for (Map.Entry<String, String> e : replay.entrySet()) {
            JsonNode l = live.get(e.getKey());
            String got =
                    l == null
                            ? "none"
                            : e.getValue().endsWith(ANY_DATE)
                                    ? withoutInspectionDate(decision(l))
                                    : decision(l);
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
