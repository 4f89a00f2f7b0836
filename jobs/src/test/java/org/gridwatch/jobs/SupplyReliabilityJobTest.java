package org.gridwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.jobs.io.CollectingOutputs;
import org.gridwatch.jobs.io.FileInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supply reliability through the whole job, on a hand-made area (docs/supply-reliability.md): three
 * customers, an outage from 10:00 to 11:00 seen by a meter read every 15 minutes and one read
 * hourly, and a customer that kept its supply.
 */
class SupplyReliabilityJobTest {

    @RegisterExtension static final MiniClusterExtension FLINK = LocalCluster.twoSlots();

    private static final int OFF = MeterEvent.POWER_OFF.bit();
    private static final int ON = MeterEvent.POWER_ON.bit();

    @TempDir Path dir;

    private final EventJson json = new EventJson();

    private String reading(String meter, String end, int minutes, int events) {
        return json.reading(
                new MeterReading(meter, at(end), minutes, 0.1, Double.NaN, Double.NaN, events));
    }

    @Test
    @Timeout(120)
    void anAreasIndicesAndItsCustomersInterruptionsWorkedByHand() throws Exception {
        Files.write(
                dir.resolve("customers.jsonl"),
                List.of(
                        json.customer(customer("C1", "M1", "A001", 8.0)),
                        json.customer(customer("C2", "M2", "A001", 8.0)),
                        json.customer(customer("C3", "M3", "A001", 8.0))));
        List<String> readings = new ArrayList<>();
        // 08:00 to 16:00 on 15 January. M1 and M3 every 15 minutes, M2 hourly.
        for (int q = 1; q <= 32; q++) {
            String end = String.format("2026-01-15T%02d:%02d", 8 + q / 4, (q % 4) * 15);
            int m1 = end.endsWith("10:15") ? OFF : end.endsWith("11:15") ? ON : 0;
            readings.add(reading("M1", end, 15, m1));
            readings.add(reading("M3", end, 15, 0));
            if (q % 4 == 0) {
                int m2 = end.endsWith("11:00") ? OFF : end.endsWith("12:00") ? ON : 0;
                readings.add(reading("M2", end, 60, m2));
            }
        }
        Files.write(dir.resolve("readings.jsonl"), readings);

        CollectingOutputs out = new CollectingOutputs();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new MonitorJob(new FileInputs(dir), out, MonitorSettings.DEFAULT).execute(env);

        // C1: off at the middle of 10:00-10:15, on at the middle of 11:00-11:15: 60 minutes.
        // C2: off at the middle of 10:00-11:00, on at the middle of 11:00-12:00: 60 minutes.
        assertThat(out.interruptions())
                .containsExactlyInAnyOrder(
                        new CustomerInterruption(
                                "C1",
                                "A001",
                                "NONE",
                                at("2026-01-15T10:07") + 30_000,
                                at("2026-01-15T11:07") + 30_000),
                        new CustomerInterruption(
                                "C2",
                                "A001",
                                "NONE",
                                at("2026-01-15T10:30"),
                                at("2026-01-15T11:30")));

        // 3 customers served, 2 interruptions, 120 customer-minutes:
        // SAIDI 120 / 3 = 40 min, SAIFI 2 / 3, CAIDI 120 / 2 = 60 min.
        for (String area : new String[] {"A001", "ALL"}) {
            for (String segment : new String[] {"ALL", "NONE"}) {
                for (String window : new String[] {"MONTH", "ROLLING_12_MONTHS"}) {
                    MetricPoint last = last(out, area, segment, window);
                    String as = area + " " + segment + " " + window;
                    assertThat(last.field("customers")).as(as).isEqualTo(3.0);
                    assertThat(last.field("interruptions")).as(as).isEqualTo(2.0);
                    assertThat(last.field("saidi")).as(as).isCloseTo(40.0, within(1e-9));
                    assertThat(last.field("saifi")).as(as).isCloseTo(2.0 / 3, within(1e-9));
                    assertThat(last.field("caidi")).as(as).isCloseTo(60.0, within(1e-9));
                    assertThat(last.field("maifi")).as(as).isEqualTo(0.0);
                }
            }
            assertThat(last(out, area, "HIGH", "MONTH").field("customers")).isEqualTo(0.0);
        }
        // Written at the end of the quarter hour in which the interruptions were emitted: C2's at
        // its end plus the 75 minutes' hold, 12:45, in the quarter hour ending 13:00.
        assertThat(
                        out.metrics().stream()
                                .filter(p -> p.measurement().equals("supply_reliability"))
                                .filter(p -> "A001".equals(p.tag("area")))
                                .filter(p -> p.field("interruptions") == 2.0)
                                .mapToLong(MetricPoint::timeMillis)
                                .min()
                                .orElseThrow())
                .isEqualTo(at("2026-01-15T13:00"));
        assertThat(out.alerts()).isEmpty();
    }

    private static MetricPoint last(
            CollectingOutputs out, String area, String segment, String window) {
        return out.metrics().stream()
                .filter(p -> p.measurement().equals("supply_reliability"))
                .filter(p -> area.equals(p.tag("area")))
                .filter(p -> segment.equals(p.tag("segment")))
                .filter(p -> window.equals(p.tag("window")))
                .max(Comparator.comparingLong(MetricPoint::timeMillis))
                .orElseThrow(() -> new AssertionError("no point for " + area + " " + segment));
    }
}
