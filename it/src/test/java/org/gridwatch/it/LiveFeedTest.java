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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.gridwatch.embedded.EmbeddedKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The monitor job live on Kafka, fed as a utility's systems feed it, with two things a replay never
 * shows. The readings pause (a head-end outage) while the payments, inspections and area readings
 * of the pause go on ahead of them; and during the pause the master moves a suspect to another
 * transformer area (a replay reads the whole master before the readings). The fleet is {@link
 * Fleets#THEFT}'s, and its uninterrupted replay from files is the reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveFeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("patience", 180));

    private List<JsonNode> replay;
    private String thief;
    private String oldArea;
    private String newArea;
    private Instant dayBeforeTheEnd;
    private JsonNode opened;
    private List<JsonNode> live;

    @BeforeAll
    void feedTheJobLive() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(Fleets.THEFT);
        Path sim = fleet.simulationDir();
        replay = lines(fleet.outDir().resolve("alerts.jsonl"));
        // The thief whose THEFT alert the replay opened first. The feed pauses two days after that
        // alert's day (a day closes 2 h after its midnight), while the alert is open.
        Set<String> thieves =
                lines(sim.resolve("truth.jsonl")).stream()
                        .filter(t -> "theft".equals(t.path("type").asText()))
                        .map(t -> t.get("customerId").asText())
                        .collect(Collectors.toSet());
        JsonNode first =
                replay.stream()
                        .filter(a -> "THEFT".equals(a.path("type").asText()))
                        .filter(a -> thieves.contains(a.path("customerId").asText()))
                        .min(Comparator.comparing(a -> timeOf(a.toString())))
                        .orElseThrow();
        thief = first.get("customerId").asText();
        oldArea = first.get("areaId").asText();
        Instant pause = timeOf(first.toString()).plus(Duration.ofDays(2));

        List<String> customers = Files.readAllLines(sim.resolve("customers.jsonl"));
        String master =
                customers.stream()
                        .filter(c -> c.contains("\"customerId\":\"" + thief + "\""))
                        .findFirst()
                        .orElseThrow();
        newArea =
                customers.stream()
                        .map(c -> c.replaceAll(".*\"areaId\":\"([^\"]+)\".*", "$1"))
                        .filter(a -> !a.equals(oldArea))
                        .findFirst()
                        .orElseThrow();
        String moved =
                master.replace("\"areaId\":\"" + oldArea + "\"", "\"areaId\":\"" + newArea + "\"");
        assertThat(moved).isNotEqualTo(master);
        // A live run closes a day once a reading of the next has come; the replay also closes the
        // last at the end of its input. The replay's last alert of a day the live run closes, in
        // an area the move does not touch: once the live run has written it, the feed is through.
        dayBeforeTheEnd =
                Files.readAllLines(sim.resolve("readings.jsonl")).stream()
                        .map(TestTopics::timeOf)
                        .max(Comparator.naturalOrder())
                        .orElseThrow()
                        .minus(Duration.ofDays(1));
        JsonNode last =
                untouched(replay).stream()
                        .filter(a -> !timeOf(a.toString()).isAfter(dayBeforeTheEnd))
                        .max(Comparator.comparing(a -> timeOf(a.toString())))
                        .orElseThrow();
        assertThat(timeOf(last.toString())).isAfter(pause.plus(Duration.ofDays(3)));

        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestFlink flink = TestFlink.start(1, 2)) {
            Fleets.createOutputTopics(kafka);
            produce(kafka, "customers", customers);
            produceFeed(kafka, sim, pause, true);
            // At parallelism 1 the readings' one partition is read by one task, in the files'
            // order,
            // as the replay reads the file: which late readings still count for their day is then
            // decided as the replay decides it (at 2, a task without a partition holds the
            // readings'
            // event time back for the idleness, and what comes meanwhile counts).
            JobID job = flink.submit(Fleets.live(kafka, "live-test"), 1, null);
            opened =
                    awaitAlert(
                            kafka,
                            a ->
                                    a.path("customerId").asText().equals(thief)
                                            && "THEFT".equals(a.path("type").asText()),
                            "a THEFT alert on " + thief);

            // The head-end pauses: the rest of the payments, inspections and area readings come
            // first (longer than the job's idleness, 10 s here), then the master's move, then the
            // readings.
            produceFeed(kafka, sim, pause, false);
            produce(kafka, "customers", List.of(moved));
            Thread.sleep(15_000);
            produceReadings(kafka, sim, pause);
            try {
                awaitAlert(kafka, a -> a.equals(last), "the replay's last alert, " + last);
            } catch (AssertionError e) {
                String id = last.get("alertId").asText();
                throw new AssertionError(
                        e.getMessage()
                                + "; the live run's versions of "
                                + id
                                + ": "
                                + alerts(kafka).stream()
                                        .filter(a -> a.path("alertId").asText().equals(id))
                                        .toList(),
                        e);
            }
            live = alerts(kafka);
            flink.cancel(job);
        }
    }

    @Test
    void aPauseInTheReadingsWhileTheOtherInputsGoOnLosesNoAlert() {
        // Every alert as the replay left it, of the days the live run closed, in the areas the move
        // does not touch: with the readings let go idle in the pause, event time followed the
        // payments and area readings, and the days of the pause closed without their readings.
        List<JsonNode> expected =
                untouched(replay).stream()
                        .filter(a -> !timeOf(a.toString()).isAfter(dayBeforeTheEnd))
                        .toList();
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(live).containsAll(expected);
    }

    @Test
    void aSuspectMovedToAnotherAreaHasItsTheftAlertThereClosedWithTheReason() {
        String alertId = opened.get("alertId").asText();
        List<JsonNode> versions =
                live.stream().filter(a -> a.path("alertId").asText().equals(alertId)).toList();
        JsonNode closed = versions.get(versions.size() - 1);

        assertThat(opened.get("areaId").asText()).isEqualTo(oldArea);
        assertThat(closed.get("status").asText())
                .as("the alert's last version, of %s", versions)
                .isEqualTo("CLOSED");
        assertThat(closed.get("evidence").get("closedBecause").asText())
                .isEqualTo("moved to area " + newArea);
        assertThat(closed.get("areaId").asText()).isEqualTo(oldArea);
        assertThat(live)
                .as("the old area's last word on %s is the closed alert", thief)
                .filteredOn(a -> a.path("customerId").asText().equals(thief))
                .filteredOn(a -> a.path("areaId").asText().equals(oldArea))
                .last()
                .isEqualTo(closed);
    }

    /** The alerts of the areas the move does not touch. */
    private List<JsonNode> untouched(List<JsonNode> alerts) {
        return alerts.stream()
                .filter(a -> !Set.of(oldArea, newArea).contains(a.path("areaId").asText()))
                .toList();
    }

    /**
     * The payments, inspections and area readings before the pause ({@code before}) or from it, in
     * the files' order: a record that came late stays where it came.
     */
    private static void produceFeed(EmbeddedKafka kafka, Path sim, Instant pause, boolean before)
            throws Exception {
        for (String[] input :
                new String[][] {
                    {"area-readings", "area-readings.jsonl"},
                    {"payments", "payments.jsonl"},
                    {"inspections", "inspections.jsonl"}
                }) {
            List<String> lines = Files.readAllLines(sim.resolve(input[1]));
            int at = firstAtOrAfter(lines, pause);
            produce(
                    kafka,
                    input[0],
                    before ? lines.subList(0, at) : lines.subList(at, lines.size()));
        }
        if (before) {
            List<String> readings = Files.readAllLines(sim.resolve("readings.jsonl"));
            produce(kafka, "meter-readings", readings.subList(0, firstAtOrAfter(readings, pause)));
        }
    }

    private static void produceReadings(EmbeddedKafka kafka, Path sim, Instant pause)
            throws Exception {
        List<String> readings = Files.readAllLines(sim.resolve("readings.jsonl"));
        produce(
                kafka,
                "meter-readings",
                readings.subList(firstAtOrAfter(readings, pause), readings.size()));
    }

    private static JsonNode awaitAlert(EmbeddedKafka kafka, Predicate<JsonNode> wanted, String what)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<JsonNode> alerts = alerts(kafka);
            for (JsonNode a : alerts) {
                if (wanted.test(a)) {
                    return a;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no "
                                + what
                                + " on the alerts topic after "
                                + PATIENCE
                                + "; its latest: "
                                + alerts.stream()
                                        .max(Comparator.comparing(a -> timeOf(a.toString())))
                                        .map(JsonNode::toString)
                                        .orElse("none"));
            }
            Thread.sleep(500);
        }
    }

    private static List<JsonNode> alerts(EmbeddedKafka kafka) throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : OutputTopic.read(kafka.bootstrapServers(), "alerts")) {
            alerts.add(JSON.readTree(line));
        }
        return alerts;
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
