package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka records of the readings' topic as the job's source reads them: from their bytes, which a
 * usual reading never needs decoded whole, and a rejection still carries the record's text as sent.
 */
class ArrivalDeserializerTest {
    private final ArrivalDeserializer<MeterReading> readings =
            new ArrivalDeserializer<>(InputKind.METER_READINGS, MonitorSettings.DEFAULT);
    private final List<Arrival<MeterReading>> out = new ArrayList<>();
    private final Collector<Arrival<MeterReading>> collector =
            new Collector<>() {
                @Override
                public void collect(Arrival<MeterReading> a) {
                    out.add(a);
                }

                @Override
                public void close() {}
            };

    @BeforeEach
    void open() {
        readings.open(null);
    }

    @Test
    void aUsualReadingIsReadFromItsBytes() {
        read(
                0,
                "{\"meterId\":\"M0000001\",\"ts\":\"2026-01-01T00:15:00+08:00\","
                        + "\"intervalMinutes\":15,\"kwh\":0.022,\"registerKwh\":8624.802}");
        read(
                1,
                "{\"meterId\":\"M0000002\",\"ts\":\"2026-01-01T00:15:00+08:00\","
                        + "\"intervalMinutes\":15,\"kwh\":1.5}");

        // 2026-01-01T00:15+08:00 is 2025-12-31T16:15Z: day 20,453 since 1970-01-01
        long end = (20_453L * 86_400 + 16 * 3600 + 15 * 60) * 1000;
        assertThat(out).hasSize(2).allSatisfy(a -> assertThat(a.isUsable()).isTrue());
        assertThat(out.get(0).value)
                .isEqualTo(new MeterReading("M0000001", end, 15, 0.022, 8624.802, Double.NaN, 0));
        assertThat(out.get(0).eventMillis).isEqualTo(end);
        assertThat(out.get(0).raw).as("a usable record carries no text").isNull();
        assertThat(out.get(1).value)
                .isEqualTo(new MeterReading("M0000002", end, 15, 1.5, Double.NaN, Double.NaN, 0));
    }

    @Test
    void aReadingStampedAheadOfTheWallClockIsRejectedWithItsText() {
        String raw =
                "{\"meterId\":\"M0000001\",\"ts\":\"2099-01-01T00:15:00+08:00\","
                        + "\"intervalMinutes\":15,\"kwh\":0.022}";
        read(0, raw);

        Arrival<MeterReading> a = out.get(0);
        assertThat(a.reason).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
        assertThat(a.raw).isEqualTo(raw);
        assertThat(a.detail).contains("2099-01-01").contains("the wall clock");
    }

    @Test
    void aBrokenRecordIsRejectedWithItsTextDecoded() {
        String broken = "{\"meterId\":\"M0000001\",\"ts\":";
        String foreignId =
                "{\"meterId\":\"Mé1\",\"ts\":\"2026-01-01T00:15:00+08:00\","
                        + "\"intervalMinutes\":15,\"kwh\":0.5}";
        read(0, broken);
        read(0, foreignId);
        readings.deserialize(new ConsumerRecord<>("meter-readings", 0, 9, null, null), collector);

        assertThat(out.get(0).reason).isEqualTo(RejectReason.NOT_JSON);
        assertThat(out.get(0).raw).isEqualTo(broken);
        assertThat(out.get(1).reason).isEqualTo(RejectReason.BAD_ID);
        assertThat(out.get(1).raw).isEqualTo(foreignId);
        assertThat(out.get(2).reason).isEqualTo(RejectReason.NOT_JSON);
        assertThat(out.get(2).detail).contains("tombstone");
    }

    private void read(int partition, String text) {
        readings.deserialize(
                new ConsumerRecord<>(
                        "meter-readings",
                        partition,
                        out.size(),
                        "k".getBytes(StandardCharsets.UTF_8),
                        text.getBytes(StandardCharsets.UTF_8)),
                collector);
    }
}
