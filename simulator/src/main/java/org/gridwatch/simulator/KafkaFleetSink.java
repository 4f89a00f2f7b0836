package org.gridwatch.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.kafka.KafkaClientProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a simulation to Kafka: each input record to its topic ({@link Source#topic()}), keyed by
 * meter, area or customer id, with the record's event time as the Kafka timestamp. The producer is
 * idempotent with acks=all, so a retry never duplicates a record; the duplicates in the data are
 * the simulated head-end's, on purpose. The customer master is flushed before the first reading, so
 * a consumer that starts reading all topics together finds the customers first.
 *
 * <p>Missing topics are created with unlimited retention (customers: compacted): the simulated
 * event times lie in the past, and a topic under the default 7-day time retention would delete them
 * as soon as they arrive. Topics that exist are used as they are.
 *
 * <p>A failed send fails the next call (or {@link #close()}): nothing is lost silently.
 */
public final class KafkaFleetSink implements FleetSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaFleetSink.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 60;

    private final Producer<String, String> producer;
    private final LineFile truthFile;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private boolean customersFlushed;

    /** Sends to {@code bootstrap}; the truth lines are dropped. */
    public KafkaFleetSink(String bootstrap) throws IOException {
        this(bootstrap, null, 1);
    }

    /**
     * @param truthFile where to write the truth lines, or null to drop them
     * @param partitions the partitions of topics this sink has to create
     */
    public KafkaFleetSink(String bootstrap, Path truthFile, int partitions) throws IOException {
        this(bootstrap, truthFile, partitions, KafkaClientProperties.NONE);
    }

    /**
     * @param clientProperties settings of {@code --kafka-properties} (security), given to the
     *     producer and to the admin client that creates topics; they may also tune the producer
     */
    public KafkaFleetSink(
            String bootstrap,
            Path truthFile,
            int partitions,
            KafkaClientProperties clientProperties)
            throws IOException {
        createMissingTopics(bootstrap, partitions, clientProperties);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Bigger batches than the default 16 KB: readings come in bursts of one per meter.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "gridwatch-simulator");
        p.putAll(clientProperties.toProperties());
        this.producer = new KafkaProducer<>(p);
        this.truthFile = truthFile == null ? null : new LineFile(truthFile);
    }

    /**
     * How many readings the {@code meter-readings} topic holds (0 when it does not exist): a fleet
     * sent before shows there, and sending it again would deliver every record twice.
     */
    public static long readingsHeld(String bootstrap, KafkaClientProperties clientProperties)
            throws IOException {
        Properties p = clientProperties.toProperties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String topic = Source.METER_READINGS.topic();
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics()
                    .names()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .contains(topic)) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
            for (TopicPartitionInfo info :
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .get(topic)
                            .partitions()) {
                ends.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
                starts.put(new TopicPartition(topic, info.partition()), OffsetSpec.earliest());
            }
            long held = 0;
            for (var e :
                    admin.listOffsets(ends)
                            .all()
                            .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .entrySet()) {
                held += e.getValue().offset();
            }
            for (var s :
                    admin.listOffsets(starts)
                            .all()
                            .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .entrySet()) {
                held -= s.getValue().offset();
            }
            return held;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(
                    "cannot read the topics at " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the topics at " + bootstrap, e);
        }
    }

    private static void createMissingTopics(
            String bootstrap, int partitions, KafkaClientProperties clientProperties)
            throws IOException {
        Properties p = clientProperties.toProperties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing =
                    admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Source s : Source.values()) {
                if (existing.contains(s.topic())) {
                    continue;
                }
                Map<String, String> configs = new HashMap<>();
                configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
                if (s == Source.CUSTOMERS) {
                    configs.put(
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                }
                missing.add(
                        new NewTopic(s.topic(), Optional.of(partitions), Optional.empty())
                                .configs(configs));
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.info("created {} topics on {}", missing.size(), bootstrap);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another producer creating them at the same time is fine
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(
                    "cannot set up topics on " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting up topics on " + bootstrap, e);
        }
    }

    @Override
    public void input(Source source, String key, long eventMillis, String json) throws IOException {
        checkFailure();
        if (source != Source.CUSTOMERS && !customersFlushed) {
            producer.flush();
            checkFailure();
            customersFlushed = true;
        }
        producer.send(
                new ProducerRecord<>(source.topic(), null, eventMillis, key, json),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    @Override
    public void truth(String json) throws IOException {
        if (truthFile != null) {
            truthFile.write(json);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            producer.flush();
            checkFailure();
        } finally {
            producer.close();
            if (truthFile != null) {
                truthFile.close();
            }
        }
    }

    private void checkFailure() throws IOException {
        Exception e = failure.get();
        if (e != null) {
            throw new IOException("sending to Kafka failed: " + e.getMessage(), e);
        }
    }
}
