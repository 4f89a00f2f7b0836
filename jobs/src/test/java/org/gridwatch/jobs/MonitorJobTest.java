package org.gridwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;
import static org.gridwatch.jobs.Fixtures.reading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.io.CollectingOutputs;
import org.gridwatch.jobs.io.FileInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole job, bounded over a small hand-made replay folder, in a MiniCluster. */
class MonitorJobTest {

    @RegisterExtension static final MiniClusterExtension FLINK = LocalCluster.twoSlots();

    @TempDir Path dir;

    private final EventJson json = new EventJson();

    private CollectingOutputs replay() throws Exception {
        CollectingOutputs outputs = new CollectingOutputs();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new MonitorJob(new FileInputs(dir), outputs, MonitorSettings.DEFAULT).execute(env);
        return outputs;
    }

    @Test
    @Timeout(120)
    void sumsLoadPerAreaAndQuarterHourAndRejectsWhatItCannotUse() throws Exception {
        Files.write(
                dir.resolve("customers.jsonl"),
                List.of(
                        json.customer(customer("C1", "M1", "A001", 8.0)),
                        json.customer(customer("C2", "M2", "A001", 8.0)),
                        "{\"customerId\":\"C3\"}"));
        Files.write(
                dir.resolve("readings.jsonl"),
                List.of(
                        json.reading(reading("M1", "2026-01-15T08:15", 15, 0.4)),
                        json.reading(reading("M2", "2026-01-15T08:15", 15, 0.6)),
                        json.reading(reading("M1", "2026-01-15T08:30", 15, 0.5)),
                        json.reading(reading("M1", "2026-01-15T08:15", 15, 0.4)),
                        json.reading(reading("M9", "2026-01-15T08:30", 15, 0.5)),
                        "not json at all",
                        json.reading(reading("M2", "2026-01-15T10:00", 60, 2.0))));
        Files.write(
                dir.resolve("area-readings.jsonl"),
                List.of(
                        json.areaReading(new AreaReading("A001", at("2026-01-15T08:15"), 15, 1.1)),
                        json.areaReading(
                                new AreaReading("A001", at("2026-01-15T08:15"), 15, 1.1))));

        CollectingOutputs out = replay();

        Map<Long, Double> load =
                out.metrics().stream()
                        .filter(p -> p.measurement().equals("load"))
                        .collect(Collectors.toMap(MetricPoint::timeMillis, p -> p.field("kwh")));
        assertThat(load)
                .containsEntry(at("2026-01-15T08:00"), 1.0)
                .containsEntry(at("2026-01-15T08:15"), 0.5)
                .containsEntry(at("2026-01-15T09:00"), 0.5)
                .containsEntry(at("2026-01-15T09:15"), 0.5)
                .containsEntry(at("2026-01-15T09:30"), 0.5)
                .containsEntry(at("2026-01-15T09:45"), 0.5)
                .hasSize(6);
        assertThat(out.metrics())
                .filteredOn(p -> p.measurement().equals("area_supply"))
                .singleElement()
                .satisfies(p -> assertThat(p.field("kwh")).isEqualTo(1.1));
        assertThat(out.rejected())
                .extracting(Rejected::source, Rejected::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "customers", RejectReason.MISSING_FIELD),
                        org.assertj.core.groups.Tuple.tuple(
                                "meter-readings", RejectReason.DUPLICATE),
                        org.assertj.core.groups.Tuple.tuple(
                                "meter-readings", RejectReason.UNKNOWN_METER),
                        org.assertj.core.groups.Tuple.tuple(
                                "meter-readings", RejectReason.NOT_JSON),
                        org.assertj.core.groups.Tuple.tuple(
                                "area-readings", RejectReason.DUPLICATE));

        List<MetricPoint> ingest =
                out.metrics().stream().filter(p -> p.measurement().equals("ingest")).toList();
        double readingsRead =
                ingest.stream()
                        .filter(p -> "meter-readings".equals(p.tag("source")))
                        .mapToDouble(p -> p.field("records"))
                        .sum();
        double readingsRejected =
                ingest.stream()
                        .filter(p -> "meter-readings".equals(p.tag("source")))
                        .mapToDouble(p -> p.field("rejected"))
                        .sum();
        assertThat(readingsRead).isEqualTo(7);
        assertThat(readingsRejected).isEqualTo(3);
        assertThat(out.metrics())
                .filteredOn(p -> p.measurement().equals("rejected"))
                .extracting(p -> p.tag("reason"))
                .contains("DUPLICATE", "UNKNOWN_METER", "NOT_JSON", "MISSING_FIELD");
    }
}
