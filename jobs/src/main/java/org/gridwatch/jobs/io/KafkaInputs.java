package org.gridwatch.jobs.io;

import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.kafka.KafkaClientProperties;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;

/**
 * The contract's Kafka topics. Unbounded by default; {@code bounded} reads up to the offsets that
 * exist when the job starts and then finishes, for reprocessing a topic like a file replay.
 *
 * <p>Where a fresh job starts (a job restored from a checkpoint or savepoint resumes from the
 * offsets in it): the event topics from the consumer group's committed offsets (Flink commits them
 * at each checkpoint), else from the earliest; the compacted {@code customers} topic always from
 * the earliest, because the master is a table: a job that started at the group's offset would know
 * no customer and reject every reading UNKNOWN_METER.
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
    public <T> Optional<DataStream<Arrival<T>>> open(
            StreamExecutionEnvironment env, InputKind<T> kind, MonitorSettings settings) {
        Source source = kind.source();
        KafkaSourceBuilder<Arrival<T>> builder =
                KafkaSource.<Arrival<T>>builder()
                        .setBootstrapServers(bootstrapServers)
                        // A pattern, not a topic list: an optional stream whose topic does not
                        // exist yet is found by partition discovery instead of failing the job.
                        .setTopicPattern(Pattern.compile(Pattern.quote(source.topic())))
                        .setGroupId(groupId)
                        .setStartingOffsets(startingOffsets(source))
                        .setDeserializer(new ArrivalDeserializer<>(kind, settings));
        builder.setProperties(clientProperties.toProperties());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        } else {
            // New partitions (and optional topics created later) are found within 30 s: soon
            // enough for a topic scaled out under load, rare enough for the broker.
            builder.setProperty("partition.discovery.interval.ms", "30000");
        }
        return Optional.of(
                env.fromSource(
                                builder.build(),
                                ArrivalTiming.of(kind, settings),
                                "kafka: " + source.topic(),
                                kind.arrivalType())
                        .uid("source-kafka-" + source.topic()));
    }

    static OffsetsInitializer startingOffsets(Source source) {
        return source == Source.CUSTOMERS
                ? OffsetsInitializer.earliest()
                : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    }
}
