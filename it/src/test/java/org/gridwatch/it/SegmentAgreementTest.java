package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gridwatch.core.event.Segment;
import org.gridwatch.jobs.io.FileInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segments the real job finds over half a year of a simulated fleet, against what the simulator
 * made each customer: its size (the top 20% and top half of the revenue the simulator intends,
 * {@code expectedYearCny}), how it pays ({@code payer}), whether theft was confirmed ({@code
 * theft}) and whether it is a growing business ({@code trend}). The paper's segments read from
 * those traits are the expected ones; the job sees none of them, only readings, payments and
 * inspections.
 */
class SegmentAgreementTest {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentAgreementTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    static final Map<String, Segment> expected = new TreeMap<>();
    static final Map<String, Segment> found = new TreeMap<>();
    static final Map<String, JsonNode> segmentRecords = new TreeMap<>();
    static final Map<String, JsonNode> truthCustomers = new TreeMap<>();

    @BeforeAll
    static void monitorHalfAYear() throws Exception {
        Fleets.simulateToFiles(Fleets.HALF_YEAR, dir.resolve("fleet"));
        Fleets.monitor(new FileInputs(dir.resolve("fleet")), dir.resolve("out"), null, null);
        expected.putAll(expectedSegments(dir.resolve("fleet/truth.jsonl")));
        for (String line : Files.readAllLines(dir.resolve("out/segments.jsonl"))) {
            JsonNode s = JSON.readTree(line);
            found.put(s.get("customerId").asText(), Segment.valueOf(s.get("segment").asText()));
            segmentRecords.put(s.get("customerId").asText(), s);
        }
    }

    /** The paper's segment of each simulated customer, from the traits the simulator drew. */
    static Map<String, Segment> expectedSegments(Path truth) throws Exception {
        List<JsonNode> customers = new ArrayList<>();
        for (String line : Files.readAllLines(truth)) {
            JsonNode n = JSON.readTree(line);
            if (n.get("type").asText().equals("customer")) {
                customers.add(n);
                truthCustomers.put(n.get("customerId").asText(), n);
            }
        }
        customers.sort(
                Comparator.comparingDouble((JsonNode c) -> c.get("expectedYearCny").asDouble())
                        .reversed());
        int half = (customers.size() + 1) / 2;
        Map<String, Segment> out = new TreeMap<>();
        for (int rank = 0; rank < customers.size(); rank++) {
            JsonNode c = customers.get(rank);
            boolean large = c.get("large").asBoolean();
            boolean moderate = rank < half;
            boolean badCredit =
                    !c.get("payer").asText().equals("PUNCTUAL") || c.get("theft").asBoolean();
            boolean growing = c.get("trend").asText().equals("GROWING");
            Segment s;
            if (badCredit) {
                s = large || moderate ? Segment.LOW_RISKY : Segment.LOW_BASIC;
            } else if (large) {
                s = Segment.HIGH;
            } else if (moderate || growing) {
                s = Segment.MEDIUM;
            } else {
                s = Segment.LOW_BASIC;
            }
            out.put(c.get("customerId").asText(), s);
        }
        return out;
    }

    /**
     * The simulator's declining businesses (−25% to −45% a year) among the large customers of good
     * credit all get a retention visit, in HIGH or out of it; and at least half of the visits go to
     * them. The others are steady customers whose six months lag their class's seasonal rise by a
     * quarter (docs/value.md, "Decline and retention"): a visit to a key account that falls behind
     * its peers is cheap, a key account lost unnoticed is not.
     */
    @Test
    void decliningKeyAccountsGetARetentionVisitAndMostVisitsAreToThem() {
        Set<String> declining = new TreeSet<>();
        truthCustomers.forEach(
                (id, t) -> {
                    if (t.get("large").asBoolean()
                            && t.get("payer").asText().equals("PUNCTUAL")
                            && !t.get("theft").asBoolean()
                            && t.get("trend").asText().equals("DECLINING")) {
                        declining.add(id);
                    }
                });
        Set<String> visited = new TreeSet<>();
        segmentRecords.forEach(
                (id, s) -> {
                    for (JsonNode strategy : s.get("strategies")) {
                        if (strategy.asText().equals("RETENTION_VISIT")) {
                            visited.add(id);
                        }
                    }
                });
        assertThat(declining).as("the fleet has declining key accounts").isNotEmpty();
        assertThat(visited).containsAll(declining);
        LOG.info("retention visits: {} (declining in the truth: {})", visited, declining);
        assertThat(2 * declining.size()).isGreaterThanOrEqualTo(visited.size());
    }

    @Test
    void everyCustomerIsSegmented() {
        assertThat(found.keySet()).isEqualTo(expected.keySet());
    }

    @Test
    void theSegmentsAgreeWithWhatTheSimulatorMadeEachCustomer() throws Exception {
        Map<Segment, int[]> agreement = new EnumMap<>(Segment.class);
        Map<String, Integer> confusion = new TreeMap<>();
        expected.forEach(
                (id, want) -> {
                    Segment got = found.get(id);
                    int[] counts = agreement.computeIfAbsent(want, w -> new int[2]);
                    counts[1]++;
                    if (got == want) {
                        counts[0]++;
                    }
                    confusion.merge(want + " → " + got, 1, Integer::sum);
                });
        StringBuilder report = new StringBuilder("\nexpected segment | customers | agree\n");
        agreement.forEach(
                (s, c) ->
                        report.append(
                                "%s | %d | %d (%.0f%%)%n"
                                        .formatted(s, c[1], c[0], 100.0 * c[0] / c[1])));
        confusion.forEach((k, n) -> report.append(k).append(": ").append(n).append('\n'));
        report.append("\ndisagreements (truth: class payer theft trend large; job's record):\n");
        expected.forEach(
                (id, want) -> {
                    if (found.get(id) != want) {
                        JsonNode t = truthCustomers.get(id);
                        report.append(
                                "%s expected %s: %s %s theft=%s %s large=%s; %s%n"
                                        .formatted(
                                                id,
                                                want,
                                                t.get("class").asText(),
                                                t.get("payer").asText(),
                                                t.get("theft").asText(),
                                                t.get("trend").asText(),
                                                t.get("large").asText(),
                                                segmentRecords.get(id)));
                    }
                });
        LOG.info("segment agreement over {} customers:{}", expected.size(), report);
        // for docs/value.md
        Files.writeString(Path.of("target", "segment-agreement.txt"), report);

        // Measured (docs/value.md): HIGH 96%, MEDIUM 86%, LOW_RISKY 100%, LOW_BASIC 95%, 92% in
        // all. What is left is customers near a revenue threshold (the job sees billed revenue,
        // the truth intends a size) and the noise of a trend read from six months.
        agreement.forEach(
                (s, c) ->
                        assertThat(c[0])
                                .as("agreement for %s%s", s, report)
                                .isGreaterThanOrEqualTo((int) Math.ceil(0.85 * c[1])));
        long agree =
                expected.entrySet().stream()
                        .filter(e -> found.get(e.getKey()) == e.getValue())
                        .count();
        assertThat(agree).as(report.toString()).isGreaterThanOrEqualTo(360); // 90% of 400
    }
}
