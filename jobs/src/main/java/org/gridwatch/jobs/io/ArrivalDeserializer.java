package org.gridwatch.jobs.io;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gridwatch.core.event.MasterChange;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Source;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;

/**
 * Kafka records of one input topic into {@link Arrival}s: parsed, and judged against the wall clock
 * (a live stream cannot look ahead, and nothing real is stamped after now), with each partition's
 * own progress for the late flag. A tombstone on {@code customers} (a key, no value) removes the
 * customer it names.
 */
final class ArrivalDeserializer<T> implements KafkaRecordDeserializationSchema<Arrival<T>> {
    private static final long serialVersionUID = 1L;

    private final InputKind<T> kind;
    private final MonitorSettings settings;
    private transient Map<Integer, StreamIntake<T>> partitions;
    private transient int lastPartition;
    private transient StreamIntake<T> lastIntake;

    ArrivalDeserializer(InputKind<T> kind, MonitorSettings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        partitions = new HashMap<>();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Arrival<T>> out) {
        StreamIntake<T> intake = intakeOf(record.partition());
        byte[] value = record.value();
        if (value == null) {
            out.collect(tombstone(record.key(), intake));
            return;
        }
        out.collect(intake.readLive(value, System.currentTimeMillis()));
    }

    /**
     * The partition's intake: a fetch brings a run of one partition's records, so mostly the last.
     */
    private StreamIntake<T> intakeOf(int partition) {
        if (partition != lastPartition || lastIntake == null) {
            lastIntake =
                    partitions.computeIfAbsent(partition, p -> new StreamIntake<>(kind, settings));
            lastPartition = partition;
        }
        return lastIntake;
    }

    @SuppressWarnings("unchecked")
    private Arrival<T> tombstone(byte[] key, StreamIntake<T> intake) {
        if (kind.source() != Source.CUSTOMERS) {
            return intake.reject(
                    RejectReason.NOT_JSON, "an empty record (a tombstone) on " + kind.topic(), "");
        }
        if (key == null || key.length == 0) {
            return intake.reject(
                    RejectReason.MISSING_FIELD,
                    "a tombstone without a key names no customer to remove",
                    "");
        }
        String customerId = new String(key, StandardCharsets.UTF_8);
        return intake.usableUntimed((T) MasterChange.removal(customerId));
    }

    @Override
    public TypeInformation<Arrival<T>> getProducedType() {
        return kind.arrivalType();
    }
}
