package org.gridwatch.jobs.io;

import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
        if (bounded && !topicExists(source.topic())) {
            // A bounded read of a topic that is not there would wait for it for ever: there is
            // nothing to read, so the stream is left out, as a replay folder without its file.
            if (FileInputs.isRequired(source)) {
                throw new IllegalArgumentException(
                        "--bounded: there is no topic "
                                + source.topic()
                                + " at "
                                + bootstrapServers);
            }
            return Optional.empty();
        }
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

    /** Asks the cluster, at build time (the client must reach it, as for any bounded read). */
    private boolean topicExists(String topic) {
        Properties p = clientProperties.toProperties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot list the topics at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    static OffsetsInitializer startingOffsets(Source source) {
        // Reference data, read whole on every start: the master, and the live what-if scenarios.
        return source == Source.CUSTOMERS || source == Source.TARIFF_SCENARIOS
                ? OffsetsInitializer.earliest()
                : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    }
}
