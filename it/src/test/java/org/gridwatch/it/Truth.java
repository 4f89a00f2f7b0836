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

/** The simulator's ground truth (truth.jsonl), as the tests need it. */
public record Truth(Map<String, Double> kwhByAreaDay, Map<String, Long> injected, JsonNode totals) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Key of {@link #kwhByAreaDay}: {@code A001/2026-01-01}. */
    public static String areaDay(String area, String date) {
        return area + "/" + date;
    }

    /** Asserts that measured kWh per area and day match the truth, area-day by area-day. */
    public void assertKwhByAreaDay(Map<String, Double> measured) {
        assertThat(measured.keySet()).isEqualTo(kwhByAreaDay.keySet());
        kwhByAreaDay.forEach(
                (areaDay, kwh) ->
                        assertThat(measured.get(areaDay)).as(areaDay).isCloseTo(kwh, within(1e-6)));
    }

    public long injected(String fault) {
        return injected.getOrDefault(fault, 0L);
    }

    public static Truth read(Path file) {
        Map<String, Double> kwh = new HashMap<>();
        Map<String, Long> injected = new HashMap<>();
        JsonNode totals = null;
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                JsonNode n = JSON.readTree(line);
                switch (n.get("type").asText()) {
                    case "area-day" ->
                            kwh.put(
                                    areaDay(n.get("areaId").asText(), n.get("date").asText()),
                                    n.get("kwh").asDouble());
                    case "injected" ->
                            injected.put(n.get("fault").asText(), n.get("count").asLong());
                    case "totals" -> totals = n;
                    default -> {}
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Truth(Map.copyOf(kwh), Map.copyOf(injected), totals);
    }
}
