package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A year and a week of a small fleet, most of it growing or declining: each customer's first week
 * against the same week a year later. Same dates, so the seasons cancel, and each week has every
 * weekday once; what is left is (1 + growth) and noise (weather, the customer's own days).
 */
class TrendTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DAY = 86_400_000L;

    static SimulationConfig config =
            SimulationConfig.of(150, 372, 8)
                    .withFaults(FaultRates.NONE)
                    .withOutagesPerAreaYear(0)
                    .withTrendMix(new TrendMix(0.4, 0.3));
    static Map<String, JsonNode> byMeter = new HashMap<>();
    static Map<String, long[]> weekWh = new HashMap<>();

    /** The payments and the truth of the run. */
    static RecordingSink kept = new RecordingSink();

    /** Sums each meter's first and last week as the readings go by, keeping nothing else. */
    @BeforeAll
    static void simulate() throws Exception {
        long start = config.start().atStartOfDay(config.zone()).toInstant().toEpochMilli();
        long lastWeek = start + 365 * DAY;
        FleetSink sink =
                new FleetSink() {
                    @Override
                    public void input(Source source, String key, long eventMillis, String json) {
                        if (source == Source.PAYMENTS) {
                            kept.input(source, key, eventMillis, json);
                        }
                        if (source != Source.METER_READINGS) {
                            return;
                        }
                        long intervalStart = eventMillis - 1; // the interval ends at eventMillis
                        int week =
                                intervalStart < start + 7 * DAY
                                        ? 0
                                        : intervalStart >= lastWeek ? 1 : -1;
                        if (week >= 0) {
                            weekWh.computeIfAbsent(key, k -> new long[2])[week] += wh(json);
                        }
                    }

                    @Override
                    public void truth(String json) {
                        kept.truth(json);
                    }

                    @Override
                    public void close() {}
                };
        new FleetSimulator(config).run(sink, Progress.NONE);
        for (String t : kept.truth) {
            if (t.startsWith("{\"type\":\"customer\"")) {
                JsonNode n = MAPPER.readTree(t);
                byMeter.put(n.get("meterId").asText(), n);
            }
        }
    }

    private static long wh(String json) {
        int i = json.indexOf("\"kwh\":") + 6;
        return Math.round(Double.parseDouble(json.substring(i, json.indexOf(',', i))) * 1000);
    }

    /** Each customer's last week over its first, divided by (1 + growth): ≈ 1 for everyone. */
    private static List<Double> residuals(Trend trend) {
        List<Double> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : weekWh.entrySet()) {
            JsonNode c = byMeter.get(e.getKey());
            if (Trend.valueOf(c.get("trend").asText()) == trend && e.getValue()[0] > 0) {
                double ratio = e.getValue()[1] / (double) e.getValue()[0];
                out.add(ratio / (1 + c.get("growth").asDouble()));
            }
        }
        return out;
    }

    private static double geometricMean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += Math.log(v);
        }
        return Math.exp(sum / values.size());
    }

    @Test
    void growsAGrowingCustomersWeekByItsAnnualRateInAYear() {
        List<Double> growing = residuals(Trend.GROWING);
        assertThat(growing).hasSizeGreaterThan(40);
        // Without the trend this would be 1 / (1 + growth): 0.63 to 0.8. What is left is the
        // weather of one week against another, up to about 10% for households.
        assertThat(geometricMean(growing)).isCloseTo(1.0, within(0.15));
        assertThat(growing).allSatisfy(r -> assertThat(r).isBetween(0.6, 1.6));
    }

    @Test
    void shrinksADecliningCustomersWeekByItsAnnualRateInAYear() {
        List<Double> declining = residuals(Trend.DECLINING);
        assertThat(declining).hasSizeGreaterThan(30);
        // Without the trend: 1.33 to 2.
        assertThat(geometricMean(declining)).isCloseTo(1.0, within(0.15));
    }

    @Test
    void setsGrowingAndDecliningCustomersApartFromSteadyOnes() {
        // Against the steady customers of the same run the fleet-wide weather cancels too.
        double steady = geometricMean(residuals(Trend.STEADY));
        assertThat(geometricMean(residuals(Trend.GROWING)) / steady).isCloseTo(1.0, within(0.06));
        assertThat(geometricMean(residuals(Trend.DECLINING)) / steady).isCloseTo(1.0, within(0.06));
    }

    @Test
    void topsUpAGrowingPrepaidCustomerByMoreAsItsUseGrows() {
        Map<String, List<Long>> topUps = new HashMap<>();
        for (RecordingSink.Input in : kept.inputs) {
            if (in.json().contains("\"PREPAID\"")) {
                int i = in.json().indexOf("\"amount\":") + 9;
                long fen =
                        Math.round(
                                Double.parseDouble(
                                                in.json().substring(i, in.json().indexOf(',', i)))
                                        * 100);
                topUps.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(fen);
            }
        }
        long first = 0;
        long last = 0;
        int customers = 0;
        for (JsonNode c : byMeter.values()) {
            List<Long> amounts = topUps.get(c.get("customerId").asText());
            if (c.get("trend").asText().equals("GROWING")
                    && amounts != null
                    && amounts.size() > 2) {
                first += amounts.get(0);
                last += amounts.get(amounts.size() - 1);
                customers++;
            }
        }
        assertThat(customers).isPositive();
        // Growth of 25-60% in a year; top-ups are sized by a month of the current typical day.
        assertThat(last).isGreaterThan(first * 6 / 5);
    }
}
