package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.QueryResult;
import org.junit.jupiter.api.Test;

/**
 * The worklists per strategy the real job writes to InfluxDB (measurement {@code worklist}) against
 * the same replay's segments.jsonl, each customer's last record: the customers LISTED under each
 * strategy, area and segment are exactly those whose last record names that strategy, in that area
 * and segment.
 */
class WorklistTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theListedCustomersOfEveryListAreThoseWhoseLastRecordPutsThemThere() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        Map<String, TreeSet<String>> expected = new TreeMap<>();
        for (String line : Files.readAllLines(fleet.outDir().resolve("segments.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            for (JsonNode s : n.get("strategies")) {
                String list =
                        s.asText()
                                + " "
                                + n.get("areaId").asText()
                                + " "
                                + n.get("segment").asText();
                expected.computeIfAbsent(list, k -> new TreeSet<>())
                        .add(n.get("customerId").asText());
            }
        }
        assertThat(expected).isNotEmpty();

        QueryResult listed =
                new InfluxQueryClient(fleet.influxUrl())
                        .query(
                                fleet.database(),
                                "SELECT \"customer\" FROM \"worklist\" WHERE \"status\" ="
                                        + " 'LISTED' GROUP BY \"strategy\", \"area\", \"segment\"");
        Map<String, TreeSet<String>> actual = new TreeMap<>();
        for (QueryResult.Series s : listed.series()) {
            String list =
                    s.tags().get("strategy")
                            + " "
                            + s.tags().get("area")
                            + " "
                            + s.tags().get("segment");
            TreeSet<String> customers = new TreeSet<>();
            s.column("customer").forEach(c -> customers.add(String.valueOf(c)));
            assertThat(customers).as(list + ": one point per customer").hasSize(s.rows().size());
            actual.put(list, customers);
        }

        assertThat(actual).isEqualTo(expected);
    }
}
