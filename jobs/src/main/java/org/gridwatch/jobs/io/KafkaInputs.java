package org.gridwatch.jobs.io;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.kafka.KafkaClientProperties;

/**
 * The contract's Kafka topics. Unbounded by default; {@code bounded} reads up to the offsets that
 * exist when the job starts and then finishes, for reprocessing a topic like a file replay.
 */
public final class KafkaInputs implements MonitorInputs {
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final String groupId;
    private final boolean bounded;
    private final KafkaClientProperties clientProperties;

    /** A broker that needs no client settings of its own (no security). */
    public KafkaInputs(String bootstrapServers, String groupId, boolean bounded) {
        this(bootstrapServers, groupId, bounded, KafkaClientProperties.NONE);
    }

    /**
     * @param clientProperties settings of {@code --kafka-properties} (security), given to every
     *     consumer
     */
    public KafkaInputs(
            String bootstrapServers,
            String groupId,
            boolean bounded,
            KafkaClientProperties clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.bounded = bounded;
        this.clientProperties = clientProperties;
    }

    @Override
    public Optional<DataStream<String>> open(StreamExecutionEnvironment env, Source source) {
        KafkaSourceBuilder<String> builder =
                KafkaSource.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        // A pattern, not a topic list: an optional stream whose topic does not
                        // exist yet is found by partition discovery instead of failing the job.
                        .setTopicPattern(Pattern.compile(Pattern.quote(source.topic())))
                        .setGroupId(groupId)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new RawValue());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        } else {
            // New partitions (and optional topics created later) are found within 30 s: soon
            // enough for a topic scaled out under load, rare enough for the broker.
            builder.setProperty("partition.discovery.interval.ms", "30000");
        }
        // Last, so that the file may also tune a client setting made above.
        builder.setProperties(clientProperties.toProperties());
        return Optional.of(
                env.fromSource(
                                builder.build(),
                                WatermarkStrategy.noWatermarks(),
                                "kafka: " + source.topic())
                        .uid("source-kafka-" + source.topic()));
    }

    /**
     * The record value as text; a tombstone (null value) becomes an empty record and is rejected.
     */
    static final class RawValue implements KafkaRecordDeserializationSchema<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
            byte[] value = record.value();
            out.collect(value == null ? "" : new String(value, StandardCharsets.UTF_8));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
