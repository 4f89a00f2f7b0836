package org.gridwatch.it.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.it.Fleets;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's meter faults ({@code --meter-faults}) through the real monitor job, with the
 * head-end's usual delivery faults: every meter that falls silent, and every meter whose intervals
 * read zero while its register counts, gets its customer's DATA_QUALITY alert with the rule that
 * names it, within days; no other customer gets one from the data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeterFaultsJobTest {
    @TempDir static Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> faults = new ArrayList<>();

    /** Customer id to its DATA_QUALITY alerts (the last version of each). */
    private final Map<String, List<JsonNode>> quality = new HashMap<>();

    /** Customer id to its THEFT alerts (the last version of each): nobody steals in this fleet. */
    private final Map<String, List<JsonNode>> theft = new HashMap<>();

    @BeforeAll
    void replay() throws Exception {
        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(SimulationConfig.of(120, 40, 3).withMeterFaults(0.2), fleet);
        for (String line : Files.readAllLines(fleet.resolve("truth.jsonl"))) {
            JsonNode t = json.readTree(line);
            if ("meterFault".equals(t.path("type").asText())) {
                faults.add(t);
            }
        }
        Path out = dir.resolve("out");
        Fleets.monitor(new FileInputs(fleet), out, null, null);
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            JsonNode a = json.readTree(line);
            if ("DATA_QUALITY".equals(a.get("type").asText())) {
                quality.computeIfAbsent(a.get("customerId").asText(), k -> new ArrayList<>())
                        .add(a);
            } else if ("THEFT".equals(a.get("type").asText())) {
                theft.computeIfAbsent(a.get("customerId").asText(), k -> new ArrayList<>()).add(a);
            }
        }
    }

    private static LocalDate opened(JsonNode alert) {
        String id = alert.get("alertId").asText();
        return LocalDate.parse(
                id.substring(id.lastIndexOf(':') + 1), DateTimeFormatter.BASIC_ISO_DATE);
    }

    @Test
    void everyInjectedFaultIsTheMeteringTeamsWithinDays() {
        assertThat(faults).hasSize(24); // a fifth of the 120 honest customers
        for (JsonNode f : faults) {
            String customer = f.get("customerId").asText();
            LocalDate start = LocalDate.parse(f.get("start").asText());
            boolean silent = f.get("kind").asText().equals("silent");
            String rule = silent ? "meter-silent" : "register-disagrees-with-intervals";
            // a silence is called on its third day; a disagreement on its second day with a
            // complete day's readings, and the head-end loses or delays a reading in 250
            int allowed = silent ? 2 : 5;
            assertThat(quality.getOrDefault(customer, List.of()))
                    .as("%s, %s from %s", customer, f.get("kind").asText(), start)
                    .anySatisfy(
                            a -> {
                                assertThat(a.get("rule").asText()).isEqualTo(rule);
                                assertThat(opened(a)).isBetween(start, start.plusDays(allowed));
                            });
        }
    }

    @Test
    void aSilenceEndsWithTheMetersFirstReadingAndNoOtherCustomerIsCalledOut() {
        Map<String, JsonNode> byCustomer = new HashMap<>();
        for (JsonNode f : faults) {
            byCustomer.put(f.get("customerId").asText(), f);
        }
        quality.forEach(
                (customer, alerts) -> {
                    for (JsonNode a : alerts) {
                        if (a.get("rule").asText().equals("meter-fault-found")) {
                            continue; // an inspector's finding, not the data's
                        }
                        assertThat(byCustomer).as(customer).containsKey(customer);
                    }
                });
        for (JsonNode f : faults) {
            if (!f.get("kind").asText().equals("silent")) {
                continue;
            }
            JsonNode last =
                    quality.get(f.get("customerId").asText()).stream()
                            .filter(a -> a.get("rule").asText().equals("meter-silent"))
                            .findFirst()
                            .orElseThrow();
            // the fault's end is the first day the meter reads again, within the 40 days
            if (LocalDate.parse(f.get("end").asText()).isBefore(LocalDate.of(2026, 2, 10))) {
                assertThat(last.get("status").asText()).isEqualTo("CLOSED");
                assertThat(last.get("evidence").get("resumedOn").asText())
                        .isEqualTo(f.get("end").asText());
                assertThat(last.get("evidence").get("silentDays").asInt())
                        .isEqualTo(f.get("days").asInt());
            }
        }
    }

    @Test
    void aMeterWhoseIntervalsReadZeroWhileItsRegisterCountsIsNoTheftSuspect() {
        // The register bills the month (it wins over the intervals), so such a customer pays for
        // everything the meter measured: the intervals are the meter's fault, not the customer's
        // doing. Before the register's direction was told apart, most of them were THEFT suspects.
        List<String> zeroed = new ArrayList<>();
        for (JsonNode f : faults) {
            if (f.get("kind").asText().equals("intervals-zero")) {
                zeroed.add(f.get("customerId").asText());
            }
        }
        assertThat(zeroed).isNotEmpty();
        for (String customer : zeroed) {
            assertThat(theft.getOrDefault(customer, List.of())).as(customer).isEmpty();
        }
    }
}
