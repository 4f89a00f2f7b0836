package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The simulator's ground truth (truth.jsonl), as the tests need it. */
public record Truth(
        Map<String, Double> kwhByAreaDay,
        Map<String, Double> suppliedKwhByAreaDay,
        Map<String, Long> injected,
        JsonNode totals) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Key of {@link #kwhByAreaDay}: {@code A001/2026-01-01}. */
    public static String areaDay(String area, String date) {
        return area + "/" + date;
    }

    /** Asserts that measured kWh per area and day match the truth, area-day by area-day. */
    public void assertKwhByAreaDay(Map<String, Double> measured) {
        assertEqualByAreaDay(kwhByAreaDay, measured);
    }

    /** The same for the supply into each area: each quarter hour's energy once. */
    public void assertSuppliedKwhByAreaDay(Map<String, Double> measured) {
        assertEqualByAreaDay(suppliedKwhByAreaDay, measured);
    }

    private static void assertEqualByAreaDay(
            Map<String, Double> expected, Map<String, Double> measured) {
        assertThat(measured.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (areaDay, kwh) ->
                        assertThat(measured.get(areaDay)).as(areaDay).isCloseTo(kwh, within(1e-6)));
    }

    public long injected(String fault) {
        return injected.getOrDefault(fault, 0L);
    }

    /**
     * The rejections the simulator's head-end faults must cause, as "source reason" → count: every
     * copy and every record sent again in other intervals, nothing else.
     */
    public Map<String, Long> rejectionsOfInjectedFaults() {
        Map<String, Long> out = new TreeMap<>();
        out.put("meter-readings DUPLICATE", injected("DUPLICATE"));
        out.put("meter-readings OVERLAP", injected("OVERLAPPING"));
        out.put("area-readings DUPLICATE", injected("AREA_DUPLICATE"));
        out.put("area-readings OVERLAP", injected("AREA_OVERLAPPING"));
        out.values().removeIf(n -> n == 0);
        return out;
    }

    public static Truth read(Path file) {
        Map<String, Double> kwh = new HashMap<>();
        Map<String, Double> supplied = new HashMap<>();
        Map<String, Long> injected = new HashMap<>();
        JsonNode totals = null;
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                JsonNode n = JSON.readTree(line);
                switch (n.get("type").asText()) {
                    case "area-day" -> {
                        String key = areaDay(n.get("areaId").asText(), n.get("date").asText());
                        kwh.put(key, n.get("kwh").asDouble());
                        supplied.put(key, n.get("suppliedKwh").asDouble());
                    }
                    case "injected" ->
                            injected.put(n.get("fault").asText(), n.get("count").asLong());
                    case "totals" -> totals = n;
                    default -> {}
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Truth(Map.copyOf(kwh), Map.copyOf(supplied), Map.copyOf(injected), totals);
    }
}
