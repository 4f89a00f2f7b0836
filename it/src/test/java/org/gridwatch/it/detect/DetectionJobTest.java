package org.gridwatch.it.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridwatch.core.detect.AttackKind;
import org.gridwatch.core.event.Source;
import org.gridwatch.embedded.ScratchFolder;
import org.gridwatch.it.Fleets;
import org.gridwatch.it.MonitoredFleet;
import org.gridwatch.jobs.io.FileInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The detectors through the real monitor job: a simulated fleet with a tenth of its customers
 * stealing from day 28 ({@link Fleets#THEFT}), replayed from files; the alerts it writes against
 * the simulator's truth. Three weeks of theft after three of history: a short run, so the bars are
 * those of a short run (docs/detection.md has the long ones).
 */
class DetectionJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<JsonNode> alerts;
    private static Map<String, JsonNode> thieves;

    @BeforeAll
    static void replay() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(Fleets.THEFT);
        alerts = lines(fleet.outDir().resolve("alerts.jsonl"));
        thieves = new HashMap<>();
        for (JsonNode t : lines(fleet.simulationDir().resolve("truth.jsonl"))) {
            if ("theft".equals(t.path("type").asText())) {
                thieves.put(t.get("customerId").asText(), t);
            }
        }
    }

    @Test
    void aReplayAtParallelismOneWritesTheSameAlertsToTheLastDecimal() throws Exception {
        // Late readings are many in this fleet (the simulator delays some by hours): which of them
        // still count for their day must not depend on which task's event time moved first.
        MonitoredFleet fleet = MonitoredFleet.of(Fleets.THEFT);
        Path out = ScratchFolder.deletedAtExit("gridwatch-detection-p1-");
        Fleets.monitor(1, new FileInputs(fleet.simulationDir()), out, null, null, List.of());

        List<String> atTwo = Files.readAllLines(fleet.outDir().resolve("alerts.jsonl"));
        assertThat(atTwo).anyMatch(a -> a.contains("\"THEFT\""));
        assertThat(Files.readAllLines(out.resolve("alerts.jsonl")).stream().sorted())
                .containsExactlyElementsOf(atTwo.stream().sorted().toList());
    }

    @ParameterizedTest
    @EnumSource(
            value = Source.class,
            names = {"CUSTOMERS", "AREA_READINGS", "PAYMENTS", "INSPECTIONS"})
    void anInputReadAfterTheReadingsHaveStartedChangesNoOutput(Source late) throws Exception {
        // The job's event time waits for every input; which late readings count for their day must
        // not: they are judged by the readings' own. About 8 days of readings go first (waiting in
        // the join for their meters, when the master is the late one).
        MonitoredFleet fleet = MonitoredFleet.of(Fleets.THEFT);
        Path out = ScratchFolder.deletedAtExit("gridwatch-detection-late-" + late.topic() + "-");
        long first = 300_000;
        Fleets.monitorWithoutCheckpoints(
                2, new SourceReadLate(new FileInputs(fleet.simulationDir()), late, first), out);

        assertThat(SourceReadLate.READINGS_BEFORE_IT.get()).isGreaterThanOrEqualTo(first);
        for (String file :
                List.of(
                        "alerts.jsonl",
                        "bills.jsonl",
                        "segments.jsonl",
                        "interruptions.jsonl",
                        "theft-scores.jsonl",
                        "rejected.jsonl")) {
            List<String> onTime = Files.readAllLines(fleet.outDir().resolve(file));
            assertThat(Files.readAllLines(out.resolve(file)).stream().sorted())
                    .as(file)
                    .containsExactlyElementsOf(onTime.stream().sorted().toList());
        }
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static List<JsonNode> ofType(String type) {
        return alerts.stream().filter(a -> a.get("type").asText().equals(type)).toList();
    }

    /**
     * The replay's theft-scores.jsonl: one line per customer, the fleet's every customer, each
     * naming the THEFT alert it has open at the end exactly when alerts.jsonl's last version of
     * that alert is not CLOSED; and ranked by it, the thieves stand above the honest (an AUC, each
     * customer's score against every other's) better than alerts alone rank them, where a customer
     * without one counts 0.
     */
    @Test
    void everyCustomersTheftScoreRanksTheFleet() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(Fleets.THEFT);
        List<JsonNode> scores = lines(fleet.outDir().resolve("theft-scores.jsonl"));
        List<JsonNode> customers = lines(fleet.simulationDir().resolve("customers.jsonl"));
        Map<String, JsonNode> byCustomer = new HashMap<>();
        for (JsonNode s : scores) {
            assertThat(byCustomer.put(s.get("customerId").asText(), s)).as("one line").isNull();
        }
        Set<String> everyone = new HashSet<>();
        customers.forEach(c -> everyone.add(c.get("customerId").asText()));
        assertThat(byCustomer.keySet()).isEqualTo(everyone);

        Map<String, JsonNode> lastVersion = new HashMap<>();
        for (JsonNode a : ofType("THEFT")) {
            lastVersion.put(a.get("alertId").asText(), a);
        }
        Set<String> openAtEnd = new HashSet<>();
        lastVersion.forEach(
                (id, a) -> {
                    if (!a.get("status").asText().equals("CLOSED")) {
                        openAtEnd.add(id);
                    }
                });
        Set<String> named = new HashSet<>();
        for (JsonNode s : scores) {
            double score = s.get("score").asDouble();
            assertThat(score).isBetween(0.0, 1.0);
            if (s.has("alertId")) {
                named.add(s.get("alertId").asText());
            }
        }
        assertThat(named).isEqualTo(openAtEnd);

        Map<String, Double> bestAlert = new HashMap<>();
        for (JsonNode a : ofType("THEFT")) {
            bestAlert.merge(a.get("customerId").asText(), a.get("score").asDouble(), Math::max);
        }
        double byScore = auc(everyone, c -> byCustomer.get(c).get("score").asDouble());
        double byAlerts = auc(everyone, c -> bestAlert.getOrDefault(c, 0.0));
        assertThat(byScore)
                .as("AUC by the theft score %.4f, by alerts alone %.4f", byScore, byAlerts)
                .isGreaterThan(byAlerts)
                .isGreaterThanOrEqualTo(0.9);
    }

    /** Thieves against honest customers by {@code score}: wins, ties half, over all pairs. */
    private static double auc(
            Set<String> everyone, java.util.function.ToDoubleFunction<String> score) {
        List<Double> thief = new ArrayList<>();
        List<Double> honest = new ArrayList<>();
        for (String c : everyone) {
            (thieves.containsKey(c) ? thief : honest).add(score.applyAsDouble(c));
        }
        double wins = 0;
        for (double t : thief) {
            for (double h : honest) {
                wins += t > h ? 1 : t == h ? 0.5 : 0;
            }
        }
        return wins / ((double) thief.size() * honest.size());
    }

    /**
     * A utility's own alert score (0.9) through the job: the theft scores are those of the default
     * run, to the last decimal (the setting does not touch them); the customers with a THEFT alert
     * are some of those the default 0.5 alerts, and fewer.
     */
    @Test
    void aUtilitysOwnAlertScoreAlertsFewerOfTheSameCustomersAndLeavesTheScores() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(Fleets.THEFT);
        Path out = ScratchFolder.deletedAtExit("gridwatch-detection-alert-score-");
        Fleets.monitor(new FileInputs(fleet.simulationDir()), out, s -> s.withTheftAlertScore(0.9));

        Map<String, Double> atDefault = lastScores(fleet.outDir());
        assertThat(lastScores(out)).isEqualTo(atDefault);
        Set<String> alertedAtDefault = theftAlerted(alerts);
        Set<String> alertedAtOwn = theftAlerted(lines(out.resolve("alerts.jsonl")));
        assertThat(alertedAtOwn).isNotEmpty();
        assertThat(alertedAtDefault).containsAll(alertedAtOwn);
        assertThat(alertedAtOwn.size()).isLessThan(alertedAtDefault.size());
    }

    private static Map<String, Double> lastScores(Path out) throws Exception {
        Map<String, Double> scores = new HashMap<>();
        for (JsonNode s : lines(out.resolve("theft-scores.jsonl"))) {
            scores.put(s.get("customerId").asText(), s.get("score").asDouble());
        }
        return scores;
    }

    private static Set<String> theftAlerted(List<JsonNode> alerts) {
        Set<String> customers = new HashSet<>();
        for (JsonNode a : alerts) {
            if (a.get("type").asText().equals("THEFT")) {
                customers.add(a.get("customerId").asText());
            }
        }
        return customers;
    }

    @Test
    void theftAlertsGoMostlyToThieves() {
        Set<String> alerted = new HashSet<>();
        for (JsonNode a : ofType("THEFT")) {
            alerted.add(a.get("customerId").asText());
        }
        long right = alerted.stream().filter(thieves::containsKey).count();
        assertThat(alerted).isNotEmpty();
        assertThat((double) right / alerted.size())
                .as(
                        "precision of THEFT alerts: %d of %d alerted are thieves",
                        right, alerted.size())
                .isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void mostThievesWhoseMeterReadsLessAreFoundWithinThreeWeeks() {
        int level = 0;
        int found = 0;
        Set<String> alerted = new HashSet<>();
        for (JsonNode a : ofType("THEFT")) {
            alerted.add(a.get("customerId").asText());
        }
        for (Map.Entry<String, JsonNode> t : thieves.entrySet()) {
            AttackKind kind = AttackKind.parse(t.getValue().get("attack").asText());
            if (kind.effect() == AttackKind.Effect.LEVEL) {
                level++;
                found += alerted.contains(t.getKey()) ? 1 : 0;
            }
        }
        assertThat((double) found / level)
                .as("%d of %d level thieves alerted", found, level)
                .isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void oneAlertPerCustomerAndTypeWithIdsFromTheDayItOpened() {
        Map<String, Integer> openPerCustomer = new HashMap<>();
        for (JsonNode a : ofType("THEFT")) {
            String customer = a.get("customerId").asText();
            assertThat(a.get("alertId").asText()).matches("theft:" + customer + ":2026\\d{4}");
            if (!a.get("status").asText().equals("CLOSED")) {
                openPerCustomer.merge(customer, 1, Integer::sum);
            }
            assertThat(a.get("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(a.get("evidence").get("usualDailyKwh").asDouble()).isPositive();
        }
        assertThat(openPerCustomer.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
    }

    /**
     * The area's loss matched with a customer's drop reaches the alert through the job: where it is
     * in the evidence, the drop and the rise are both there, from about the same day, and what it
     * added is within [0, 2] spreads; some thief's alert carries it.
     */
    @Test
    void theftAlertsSayWhenTheAreasLossRoseWithTheCustomersDrop() {
        int thievesMatched = 0;
        for (JsonNode a : ofType("THEFT")) {
            JsonNode e = a.get("evidence");
            if (!e.has("areaBalance")) {
                continue;
            }
            thievesMatched += thieves.containsKey(a.get("customerId").asText()) ? 1 : 0;
            assertThat(e.get("areaBalance").asText())
                    .startsWith("area " + a.get("areaId").asText() + "'s loss rose ");
            assertThat(e.get("meteredDropKwh").asDouble()).isPositive();
            assertThat(e.get("areaLossRiseKwh").asDouble()).isPositive();
            java.time.LocalDate drop = java.time.LocalDate.parse(e.get("meteredDropFrom").asText());
            java.time.LocalDate rise =
                    java.time.LocalDate.parse(e.get("areaLossRiseFrom").asText());
            assertThat(Math.abs(drop.toEpochDay() - rise.toEpochDay())).isLessThanOrEqualTo(3);
            assertThat(e.get("areaBalanceSpreads").asDouble()).isBetween(0.0, 2.0);
        }
        assertThat(thievesMatched).as("THEFT alerts to thieves with the area's loss").isPositive();
    }

    /**
     * The area's hourly fit reaches the alert through the job: where it is in the evidence, it
     * names the customer's area, its β and standard error, and what it added or took within [−2, 2]
     * spreads (docs/detection.md, section 2).
     */
    @Test
    void theftAlertsSayWhetherTheAreasHourlyLossFollowsTheCustomer() {
        int named = 0;
        int thiefRecords = 0;
        for (JsonNode a : ofType("THEFT")) {
            JsonNode e = a.get("evidence");
            if (!e.has("areaHourlyBalance")) {
                continue;
            }
            named++;
            thiefRecords += thieves.containsKey(a.get("customerId").asText()) ? 1 : 0;
            assertThat(e.get("areaHourlyBalance").asText())
                    .startsWith(
                            "area "
                                    + a.get("areaId").asText()
                                    + "'s hourly loss follows this customer's metered hours: ");
            assertThat(e.get("areaLossPerMeteredKwhSe").asDouble()).isPositive();
            assertThat(e.get("areaHourlySpreads").asDouble()).isBetween(-2.0, 2.0);
            // against the customer's drop, or (with no case of its own) as a load around the meter
            double part =
                    e.has("areaBypassSpreads")
                            ? e.get("areaBypassSpreads").asDouble()
                            : Math.abs(e.get("areaHourlySpreads").asDouble());
            assertThat(part).isGreaterThanOrEqualTo(0.25).isLessThanOrEqualTo(2.0);
        }
        System.out.printf(
                "THEFT alert records naming the area's hourly fit: %d, thieves' %d%n",
                named, thiefRecords);
    }

    @Test
    void areaLossAlertsNameTheAreaAndItsLikeliestThieves() {
        List<JsonNode> areaLoss = ofType("AREA_LOSS");
        assertThat(areaLoss).as("an area with a thief shows more loss than usual").isNotEmpty();
        for (JsonNode a : areaLoss) {
            JsonNode e = a.get("evidence");
            assertThat(a.get("customerId").isNull()).isTrue();
            assertThat(a.get("alertId").asText())
                    .startsWith("area-loss:" + a.get("areaId").asText());
            assertThat(e.get("suppliedKwh").asDouble())
                    .isGreaterThan(e.get("meteredKwh").asDouble());
            assertThat(e.get("lossPct").asDouble()).isGreaterThan(e.get("usualLossPct").asDouble());
            assertThat(e.get("suspects").asText()).isNotBlank();
        }
    }
}
