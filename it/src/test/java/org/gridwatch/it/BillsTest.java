package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The monitor job's bills, from the real job over the simulated fleet, against the truth. */
class BillsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void billsEveryCustomerTheAmountTheSimulatorBilledToTheFen() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        Map<String, String> truth = new TreeMap<>();
        for (String line : Files.readAllLines(fleet.simulationDir().resolve("truth.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            if (n.get("type").asText().equals("bill") && !n.get("opening").asBoolean()) {
                truth.put(key(n), facts(n));
            }
        }
        Map<String, String> billed = new TreeMap<>();
        for (String line : Files.readAllLines(fleet.outDir().resolve("bills.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            billed.put(key(n), facts(n));
        }

        assertThat(truth).hasSize(Fleets.SMALL.customers());
        assertThat(billed).isEqualTo(truth);
    }

    private static String key(JsonNode bill) {
        return bill.get("customerId").asText() + " " + bill.get("period").asText();
    }

    /** What must agree: tariff, amount to the fen, issue and due dates. */
    private static String facts(JsonNode bill) {
        return bill.get("tariffId").asText()
                + " "
                + bill.get("amount").decimalValue().setScale(2)
                + " "
                + bill.get("issued").asText()
                + " "
                + bill.get("due").asText();
    }
}
