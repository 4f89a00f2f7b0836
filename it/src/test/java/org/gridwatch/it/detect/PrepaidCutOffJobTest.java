package org.gridwatch.it.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridwatch.it.Fleets;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.simulator.PayerMix;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-paid meters that cut the supply when the balance runs out ({@code simulate --payers varied
 * --prepaid-cut-off}) through the real monitor job: the weeks of zeros that follow are the meter's
 * relay, not an occupied house's zeros: none of those customers is a THEFT suspect (before, most of
 * those cut off for two weeks or more after their first 21 days were).
 */
class PrepaidCutOffJobTest {
    @TempDir static Path dir;

    @Test
    void aPrepaidMeterThatCutTheSupplyIsNoTheftSuspect() throws Exception {
        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(
                SimulationConfig.of(600, 75, 5)
                        .withPayerMix(new PayerMix(0.05, 0.05, 0.15, 0.15, 0.15, 0.3))
                        .withPrepaidCutOff(true),
                fleet);
        ObjectMapper json = new ObjectMapper();
        LocalDate start = SimulationConfig.DEFAULT_START;
        List<String> cutLong = new ArrayList<>(); // cut after 21 days, for 14 days or more
        Set<String> cut = new HashSet<>();
        for (String line : Files.readAllLines(fleet.resolve("truth.jsonl"))) {
            JsonNode t = json.readTree(line);
            if (t.get("type").asText().equals("prepaid-run-out")) {
                cut.add(t.get("customerId").asText());
                LocalDate runOut = LocalDate.parse(t.get("runOut").asText());
                if (!runOut.isBefore(start.plusDays(21))
                        && !runOut.isAfter(start.plusDays(75 - 15))) {
                    cutLong.add(t.get("customerId").asText());
                }
            }
        }
        assertThat(cutLong)
                .as("pre-paid meters cut for long enough to be judged")
                .hasSizeGreaterThan(2);

        Path out = dir.resolve("out");
        Fleets.monitor(new FileInputs(fleet), out, null, null);
        Set<String> suspects = new HashSet<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            JsonNode a = json.readTree(line);
            if (a.get("type").asText().equals("THEFT")
                    && cut.contains(a.get("customerId").asText())) {
                suspects.add(a.get("customerId").asText());
            }
        }
        assertThat(suspects).as("pre-paid customers whose meter cut the supply").isEmpty();
    }
}
