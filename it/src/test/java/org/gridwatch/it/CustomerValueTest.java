package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Segment;
import org.junit.jupiter.api.Test;

/**
 * The customer-value side of the real job over the simulated fleet: one segment record per billed
 * customer in segments.jsonl, and the fleet metrics in InfluxDB against numbers computed here,
 * independently, from bills.jsonl and the customer master.
 */
class CustomerValueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 12-month revenue per customer from bills.jsonl, exact. */
    private static Map<String, BigDecimal> revenueByCustomer(MonitoredFleet fleet)
            throws Exception {
        Map<String, BigDecimal> revenue = new TreeMap<>();
        for (String line : Files.readAllLines(fleet.outDir().resolve("bills.jsonl"))) {
            JsonNode bill = JSON.readTree(line);
            revenue.merge(
                    bill.get("customerId").asText(),
                    bill.get("amount").decimalValue(),
                    BigDecimal::add);
        }
        return revenue;
    }

    private static Map<String, String> areaByCustomer(MonitoredFleet fleet) throws Exception {
        Map<String, String> area = new TreeMap<>();
        for (String line : Files.readAllLines(fleet.simulationDir().resolve("customers.jsonl"))) {
            JsonNode c = JSON.readTree(line);
            area.put(c.get("customerId").asText(), c.get("areaId").asText());
        }
        return area;
    }

    /** The share of the top ceil(20% of n) revenues, by sorting, in BigDecimal. */
    private static double topTwentyShare(List<BigDecimal> revenues) {
        List<BigDecimal> sorted = new ArrayList<>(revenues);
        sorted.sort((a, b) -> b.compareTo(a));
        int top = (sorted.size() * 20 + 99) / 100;
        BigDecimal all = sorted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal topSum =
                sorted.subList(0, top).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return topSum.divide(all, MathContext.DECIMAL64).doubleValue();
    }

    private static Map<String, List<Object>> concentration(MonitoredFleet fleet) {
        Map<String, List<Object>> byArea = new TreeMap<>();
        new InfluxSeries(fleet.influxUrl(), fleet.database())
                .points("revenue_concentration", "top20_share, revenue, customers", "")
                .forEach(
                        (key, fields) ->
                                byArea.put(key.replaceAll(".*area=([A-Z0-9]+).*", "$1"), fields));
        return byArea;
    }

    @Test
    void theTopTwentyPercentShareTheJobReportsIsTheOneComputedFromItsBills() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        Map<String, BigDecimal> revenue = revenueByCustomer(fleet);
        Map<String, String> areas = areaByCustomer(fleet);
        Map<String, List<BigDecimal>> byArea = new TreeMap<>();
        revenue.forEach(
                (customer, amount) ->
                        byArea.computeIfAbsent(areas.get(customer), a -> new ArrayList<>())
                                .add(amount));
        byArea.put("ALL", new ArrayList<>(revenue.values()));

        Map<String, List<Object>> reported = concentration(fleet);

        assertThat(reported.keySet()).isEqualTo(byArea.keySet());
        byArea.forEach(
                (area, revenues) -> {
                    List<Object> fields = reported.get(area);
                    assertThat(((Number) fields.get(0)).doubleValue())
                            .as("top-20%% share of %s", area)
                            .isCloseTo(topTwentyShare(revenues), within(1e-12));
                    assertThat(((Number) fields.get(2)).intValue()).isEqualTo(revenues.size());
                });
        assertThat(((Number) reported.get("ALL").get(1)).doubleValue())
                .isCloseTo(
                        revenue.values().stream()
                                .reduce(BigDecimal.ZERO, BigDecimal::add)
                                .doubleValue(),
                        within(1e-6));
    }

    @Test
    void theReplayWritesOneSegmentRecordPerBilledCustomer() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        List<JsonNode> segments = new ArrayList<>();
        for (String line : Files.readAllLines(fleet.outDir().resolve("segments.jsonl"))) {
            segments.add(JSON.readTree(line));
        }

        assertThat(segments)
                .extracting(s -> s.get("customerId").asText())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(revenueByCustomer(fleet).keySet());
        assertThat(segments)
                .allSatisfy(
                        s -> {
                            Segment.valueOf(s.get("segment").asText());
                            CreditGrade.valueOf(s.get("creditGrade").asText());
                            assertThat(s.get("currentValue").asDouble()).isBetween(0.0, 1.0);
                            assertThat(s.get("potentialValue").asDouble()).isBetween(0.0, 1.0);
                            assertThat(s.get("strategies").size()).isPositive();
                        });
        // the top 20% by revenue are high use; with the credit of a first bill (B, 80 or a
        // little more) they are HIGH only from 85, so at least some are MEDIUM
        assertThat(segments.stream().map(s -> s.get("segment").asText()).distinct())
                .contains("MEDIUM", "LOW_BASIC");
    }

    @Test
    void theFleetsTallyIsTheSumOfEachAreasLatestTally() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        InfluxSeries series = new InfluxSeries(fleet.influxUrl(), fleet.database());
        // time → area → "segment grade" → customers; areas write only when their customers move
        TreeMap<String, Map<String, Map<String, Double>>> byTime = new TreeMap<>();
        series.points("segments", "customers", "")
                .forEach(
                        (key, fields) -> {
                            String time = key.substring(key.indexOf(" @ ") + 3);
                            byTime.computeIfAbsent(time, t -> new TreeMap<>())
                                    .computeIfAbsent(tag(key, "area"), a -> new TreeMap<>())
                                    .put(
                                            tag(key, "segment") + " " + tag(key, "grade"),
                                            ((Number) fields.get(0)).doubleValue());
                        });
        Map<String, Map<String, Double>> latestByArea = new TreeMap<>();
        assertThat(byTime).isNotEmpty();
        byTime.forEach(
                (time, areas) -> {
                    areas.forEach(
                            (area, cells) -> {
                                if (!area.equals("ALL")) {
                                    latestByArea.put(area, cells);
                                }
                            });
                    Map<String, Double> summed = new TreeMap<>();
                    latestByArea
                            .values()
                            .forEach(
                                    cells ->
                                            cells.forEach(
                                                    (c, n) -> summed.merge(c, n, Double::sum)));
                    assertThat(areas.get("ALL")).as("the fleet at %s", time).isEqualTo(summed);
                });
    }

    private static String tag(String key, String name) {
        return key.replaceAll(".*\\b" + name + "=([^,}]*).*", "$1");
    }

    @Test
    void theSegmentTallyCountsEveryBilledCustomerOnceWithTheirRevenue() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        Map<String, List<Object>> tally =
                new InfluxSeries(fleet.influxUrl(), fleet.database())
                        .points("segments", "customers, revenue", "WHERE \"area\" = 'ALL'");
        // the last tally: the latest timestamp of all
        String latest =
                tally.keySet().stream()
                        .map(k -> k.substring(k.indexOf(" @ ") + 3))
                        .max(String::compareTo)
                        .orElseThrow();
        double customers = 0;
        double revenue = 0;
        for (Map.Entry<String, List<Object>> e : tally.entrySet()) {
            if (e.getKey().endsWith(" @ " + latest)) {
                customers += ((Number) e.getValue().get(0)).doubleValue();
                revenue += ((Number) e.getValue().get(1)).doubleValue();
            }
        }
        Map<String, BigDecimal> billed = revenueByCustomer(fleet);

        assertThat(customers).isEqualTo(billed.size());
        assertThat(revenue)
                .isCloseTo(
                        billed.values().stream()
                                .reduce(BigDecimal.ZERO, BigDecimal::add)
                                .doubleValue(),
                        within(1e-6));
    }
}
