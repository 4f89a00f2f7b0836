package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.simulator.FaultRates;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supply reliability through the real job (docs/supply-reliability.md): a simulated February with
 * many planned and unplanned area outages, the job's SAIDI, SAIFI and CAIDI per area and for the
 * fleet against the same indices worked out from truth.jsonl alone.
 *
 * <p>From the truth: every customer of an area in outage [from, to) has one sustained interruption.
 * Its meter flags POWER_OFF on the reading that covers {@code from} and POWER_ON on the one that
 * covers {@code to}; read at the middle of those readings (the monitor's documented rule), the
 * interruption lasts {@code mid(to) − mid(from)}. The meters' reading intervals come from
 * readings.jsonl, the areas' customers from the truth's outage lines.
 */
class SupplyReliabilityJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE = 60_000L;

    /**
     * 300 customers, February 2026 and two days of March (so February's last outages end within the
     * data), about 3 outages per area in February, no delivery faults.
     */
    static final SimulationConfig OUTAGES =
            SimulationConfig.of(300, 30, 2046)
                    .withStart(LocalDate.of(2026, 2, 1))
                    .withFaults(FaultRates.NONE)
                    .withOutagesPerAreaYear(25)
                    .withPlannedOutagesPerAreaYear(20);

    @TempDir Path dir;

    @Test
    @Timeout(600)
    void theJobsIndicesPerAreaAndForTheFleetAreTheTruthsReadAtMidInterval() throws Exception {
        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(OUTAGES, fleet);
        Collector collector = new Collector();
        Fleets.monitor(new FileInputs(fleet), dir.resolve("out"), null, null, List.of(collector));

        Map<String, Integer> intervalOf = new HashMap<>(); // meter -> minutes
        Map<String, String> areaOfMeter = new HashMap<>();
        for (String line : Files.readAllLines(fleet.resolve("customers.jsonl"))) {
            JsonNode c = JSON.readTree(line);
            areaOfMeter.put(c.get("meterId").asText(), c.get("areaId").asText());
        }
        for (String line : Files.readAllLines(fleet.resolve("readings.jsonl"))) {
            JsonNode r = JSON.readTree(line);
            intervalOf.putIfAbsent(r.get("meterId").asText(), r.get("intervalMinutes").asInt());
        }
        Map<String, Long> customers = new TreeMap<>();
        areaOfMeter.values().forEach(a -> customers.merge(a, 1L, Long::sum));
        long end = OffsetDateTime.parse("2026-03-01T00:00:00+08:00").toInstant().toEpochMilli();
        long dataEnd = OffsetDateTime.parse("2026-03-03T00:00:00+08:00").toInstant().toEpochMilli();

        Map<String, long[]> expectedCount = new TreeMap<>();
        Map<String, Double> expectedMinutes = new TreeMap<>();
        Map<String, Double> trueMinutes = new TreeMap<>();
        int planned = 0;
        int unplanned = 0;
        for (String line : Files.readAllLines(fleet.resolve("truth.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            if (!"outage".equals(n.get("type").asText())) {
                continue;
            }
            String area = n.get("areaId").asText();
            long from = OffsetDateTime.parse(n.get("from").asText()).toInstant().toEpochMilli();
            long to = OffsetDateTime.parse(n.get("to").asText()).toInstant().toEpochMilli();
            assertThat(n.get("customers").asLong()).isEqualTo(customers.get(area));
            if (from >= end) {
                continue; // March's
            }
            assertThat(to + 60 * MINUTE).isLessThanOrEqualTo(dataEnd);
            if (n.get("planned").asBoolean()) {
                planned++;
            } else {
                unplanned++;
            }
            for (Map.Entry<String, String> m : areaOfMeter.entrySet()) {
                if (!m.getValue().equals(area)) {
                    continue;
                }
                long interval = intervalOf.get(m.getKey()) * MINUTE;
                double minutes = (mid(to, interval) - mid(from, interval)) / (double) MINUTE;
                expectedCount.computeIfAbsent(area, a -> new long[1])[0]++;
                expectedMinutes.merge(area, minutes, Double::sum);
                trueMinutes.merge(area, (to - from) / (double) MINUTE, Double::sum);
            }
        }
        assertThat(planned).as("planned outages").isGreaterThan(0);
        assertThat(unplanned).as("unplanned outages").isGreaterThan(0);

        Map<String, MetricPoint> lastMonth = new TreeMap<>();
        collector.metrics().stream()
                .filter(p -> p.measurement().equals(Measurements.SUPPLY_RELIABILITY))
                .filter(p -> "ALL".equals(p.tag("segment")) && "MONTH".equals(p.tag("window")))
                .filter(p -> p.timeMillis() <= end)
                .sorted(Comparator.comparingLong(MetricPoint::timeMillis))
                .forEach(p -> lastMonth.put(p.tag("area"), p));

        long fleetCustomers = 0;
        long fleetInterruptions = 0;
        double fleetMinutes = 0;
        double fleetTrueMinutes = 0;
        for (Map.Entry<String, Long> area : customers.entrySet()) {
            String a = area.getKey();
            long n = area.getValue();
            long count = expectedCount.containsKey(a) ? expectedCount.get(a)[0] : 0;
            double minutes = expectedMinutes.getOrDefault(a, 0.0);
            MetricPoint p = lastMonth.get(a);
            assertThat(p).as(a).isNotNull();
            assertThat(p.field("customers")).as(a + " customers").isEqualTo(n);
            assertThat(p.field("interruptions")).as(a + " interruptions").isEqualTo(count);
            assertThat(p.field("saidi")).as(a + " SAIDI").isCloseTo(minutes / n, within(1e-6));
            assertThat(p.field("saifi"))
                    .as(a + " SAIFI")
                    .isCloseTo((double) count / n, within(1e-9));
            if (count > 0) {
                assertThat(p.field("caidi"))
                        .as(a + " CAIDI")
                        .isCloseTo(minutes / count, within(1e-6));
            }
            fleetCustomers += n;
            fleetInterruptions += count;
            fleetMinutes += minutes;
            fleetTrueMinutes += trueMinutes.getOrDefault(a, 0.0);
        }
        MetricPoint all = lastMonth.get(Measurements.ALL_AREAS);
        assertThat(all.field("customers")).isEqualTo(fleetCustomers);
        assertThat(all.field("interruptions")).isEqualTo(fleetInterruptions);
        assertThat(all.field("saidi")).isCloseTo(fleetMinutes / fleetCustomers, within(1e-6));
        assertThat(all.field("saifi"))
                .isCloseTo((double) fleetInterruptions / fleetCustomers, within(1e-9));
        System.out.printf(
                "supply reliability, February: %d planned + %d unplanned outages; fleet SAIDI %.2f"
                        + " min (truth's own durations: %.2f), SAIFI %.4f, CAIDI %.1f min (truth"
                        + " %.1f)%n",
                planned,
                unplanned,
                all.field("saidi"),
                fleetTrueMinutes / fleetCustomers,
                all.field("saifi"),
                all.field("caidi"),
                fleetTrueMinutes / Math.max(1, fleetInterruptions));

        // Every customer interruption the job emitted is one the truth explains, by area.
        Map<String, Long> emitted = new TreeMap<>();
        for (CustomerInterruption i : collector.interruptions()) {
            if (i.startMillis() < end) {
                emitted.merge(i.areaId(), 1L, Long::sum);
            }
        }
        Map<String, Long> expected = new TreeMap<>();
        expectedCount.forEach((a, c) -> expected.put(a, c[0]));
        assertThat(emitted).isEqualTo(expected);

        // ... and the replay's interruptions.jsonl holds the same, one line per customer
        // interruption, each with its minutes at the middle of its readings' intervals.
        Map<String, Long> inFile = new TreeMap<>();
        double fileMinutes = 0;
        for (String line : Files.readAllLines(dir.resolve("out/interruptions.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            long start = OffsetDateTime.parse(n.get("start").asText()).toInstant().toEpochMilli();
            long stop = OffsetDateTime.parse(n.get("end").asText()).toInstant().toEpochMilli();
            assertThat(n.get("minutes").asDouble())
                    .isCloseTo((stop - start) / (double) MINUTE, within(0.05));
            assertThat(n.get("sustained").asBoolean()).isTrue();
            if (start < end) {
                inFile.merge(n.get("areaId").asText(), 1L, Long::sum);
                fileMinutes += (stop - start) / (double) MINUTE;
            }
        }
        assertThat(inFile).isEqualTo(expected);
        assertThat(fileMinutes)
                .isCloseTo(
                        expectedMinutes.values().stream().mapToDouble(Double::doubleValue).sum(),
                        within(1e-6));
    }

    /** The middle of the reading of {@code interval} that covers the instant {@code t}. */
    private static long mid(long t, long interval) {
        return Math.floorDiv(t, interval) * interval + interval / 2;
    }

    /** Collects the job's metrics and interruptions in this JVM. */
    static final class Collector implements MonitorOutputs {
        private static final long serialVersionUID = 1L;
        private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();
        private final String id = java.util.UUID.randomUUID().toString();

        @Override
        public void metrics(DataStream<MetricPoint> points) {
            points.sinkTo(new Collect<>(id + "/metrics")).name("collect metrics");
        }

        @Override
        public void interruptions(DataStream<CustomerInterruption> interruptions) {
            interruptions
                    .sinkTo(new Collect<>(id + "/interruptions"))
                    .name("collect interruptions");
        }

        @Override
        public void alerts(DataStream<Alert> alerts) {}

        @SuppressWarnings("unchecked")
        List<MetricPoint> metrics() {
            return (List<MetricPoint>) (List<?>) RESULTS.getOrDefault(id + "/metrics", List.of());
        }

        @SuppressWarnings("unchecked")
        List<CustomerInterruption> interruptions() {
            return new ArrayList<>(
                    (List<CustomerInterruption>)
                            (List<?>) RESULTS.getOrDefault(id + "/interruptions", List.of()));
        }

        private static final class Collect<T> implements Sink<T> {
            private static final long serialVersionUID = 1L;
            private final String name;

            Collect(String name) {
                this.name = name;
            }

            @Override
            public SinkWriter<T> createWriter(WriterInitContext context) {
                List<Object> list =
                        RESULTS.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
                return new SinkWriter<>() {
                    @Override
                    public void write(T element, Context context) {
                        list.add(element);
                    }

                    @Override
                    public void flush(boolean endOfInput) {}

                    @Override
                    public void close() {}
                };
            }
        }
    }
}
