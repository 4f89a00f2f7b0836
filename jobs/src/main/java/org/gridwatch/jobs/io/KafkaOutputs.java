package org.gridwatch.jobs.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Output;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.TheftScore;
import org.gridwatch.core.kafka.KafkaClientProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract's output topics. Bills, segment changes and alerts are keyed by customer id (an
 * alert without a customer by its area id), so that one customer's records land in one partition in
 * the order they were made (a consumer folding {@code customer-segments} to each customer's latest
 * state depends on it); rejections carry no key.
 *
 * <p>Exactly once: each sink writes in Kafka transactions that commit when a checkpoint completes,
 * so a consumer with {@code isolation.level=read_committed} sees every record once, after the
 * checkpoint that made it (every 10 s by default), whatever failed and restarted in between. A
 * consumer that reads uncommitted may also see records of transactions a failure aborted.
 */
public final class KafkaOutputs implements MonitorOutputs {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOutputs.class);

    /**
     * How long a transaction may stay open: it must outlast a checkpoint interval and the time a
     * failed job takes to come back and commit what its last checkpoint made, else the broker
     * aborts it and those records are lost. 15 minutes is what every broker allows by default
     * ({@code transaction.max.timeout.ms}); raise both for longer outages. A {@code
     * transaction.timeout.ms} in {@code --kafka-properties} replaces it.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private final String bootstrapServers;
    private final ZoneId zone;
    private final String transactionalIdPrefix;
    private final KafkaClientProperties clientProperties;

    /** A broker that needs no client settings of its own (no security). */
    public KafkaOutputs(String bootstrapServers, ZoneId zone, String transactionalIdPrefix) {
        this(bootstrapServers, zone, transactionalIdPrefix, KafkaClientProperties.NONE);
    }

    /**
     * @param transactionalIdPrefix unique to this job among the jobs writing to the cluster, and
     *     the same when the job is restarted (so its unfinished transactions are found and ended)
     * @param clientProperties settings of {@code --kafka-properties} (security), given to every
     *     producer
     */
    public KafkaOutputs(
            String bootstrapServers,
            ZoneId zone,
            String transactionalIdPrefix,
            KafkaClientProperties clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.zone = zone;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.clientProperties = clientProperties;
    }

    @Override
    public void rejected(DataStream<Rejected> rejected) {
        write(rejected, Output.REJECTED, OutputJson.ofRejected(zone), r -> null);
    }

    @Override
    public void bills(DataStream<Bill> bills) {
        write(bills, Output.BILLS, OutputJson.ofBill(zone), Bill::customerId);
    }

    @Override
    public void segments(DataStream<SegmentChange> changes) {
        write(
                changes,
                Output.SEGMENTS,
                OutputJson.ofSegmentChange(zone),
                SegmentChange::customerId);
    }

    /**
     * Every version of every alert, keyed by customer (by area for an alert without a customer,
     * AREA_LOSS), so that the versions of one alert stay in order in one partition and a consumer
     * keeping the last version of each alert id sees the latest.
     */
    @Override
    public void alerts(DataStream<Alert> alerts) {
        write(alerts, Output.ALERTS, OutputJson.ofAlert(zone), KafkaOutputs::keyOf);
    }

    /**
     * Every customer's theft score each time a day has moved it, keyed by customer: the topic is
     * compacted, so it keeps each customer's latest score for good.
     */
    @Override
    public void theftScores(DataStream<TheftScore> scores) {
        write(scores, Output.THEFT_SCORES, OutputJson.ofTheftScore(zone), TheftScore::customerId);
    }

    /** An alert's Kafka key: its customer, or its area when it has no customer. */
    static String keyOf(Alert alert) {
        return alert.customerId() != null ? alert.customerId() : alert.areaId();
    }

    private <T> void write(
            DataStream<T> records, Output output, OutputJson<T> json, KeyOf<T> keyOf) {
        records.sinkTo(topic(output.topic(), new ContractRecords<>(output.topic(), json, keyOf)))
                .name("kafka: " + output.topic())
                .uid("sink-kafka-" + output.topic());
    }

    private <T> KafkaSink<T> topic(String topic, ContractRecords<T> records) {
        createIfMissing(topic);
        KafkaSinkBuilder<T> sink =
                KafkaSink.<T>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(records)
                        .setKafkaProducerConfig(clientProperties.toProperties())
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(transactionalIdPrefix + "-" + topic)
                        // After a failure, the transactions a lost TaskManager left open are
                        // found by listing the open transactions on the topics, not by guessing
                        // their ids from the checkpoint ids: a checkpoint that never reached a
                        // writer leaves a gap in those, and a transaction beyond the gap stayed
                        // open, blocking read-committed readers (ExactlyOnceTest caught it about
                        // once in ten runs). Needs Kafka 3.0+ and the right to describe the
                        // output topics' producers.
                        .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING);
        if (!clientProperties.asMap().containsKey(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)) {
            // --kafka-properties may set its own, e.g. for a broker whose
            // transaction.max.timeout.ms is below 15 minutes
            sink.setProperty(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
        }
        return sink.build();
    }

    /**
     * Creates an output topic that does not exist yet, with the broker's default partitions and
     * replicas, when the job is built (on the client, which reaches the brokers anyway): a topic
     * auto-created by a first transactional write can fail that write, and the sink lists the open
     * transactions of its topics after a failure, which needs them to exist. Where the job may not
     * create topics, it says so and goes on; the operator creates them (docker-compose does).
     */
    private void createIfMissing(String topic) {
        Properties p = clientProperties.toProperties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(
                                List.of(
                                        new NewTopic(topic, Optional.empty(), Optional.empty())
                                                .configs(configsOf(topic))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                LOG.info("created the output topic {} at {}", topic, bootstrapServers);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn(
                        "could not create the output topic {} at {} ({}); create it before the"
                                + " job writes to it",
                        topic,
                        bootstrapServers,
                        e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            LOG.warn("could not reach {} to check the output topic {}", bootstrapServers, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a new output topic is created with: {@code customer-segments} is compacted, so that each
     * customer's latest record (its key is the customer) stays for good, which is what a worklist
     * read from the topic needs ({@code gridwatch segments --kafka}); so is {@code theft-scores},
     * each customer's latest score; the others keep the broker's defaults.
     */
    public static Map<String, String> configsOf(String topic) {
        return topic.equals(Output.SEGMENTS.topic()) || topic.equals(Output.THEFT_SCORES.topic())
                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                : Map.of();
    }

    /** The Kafka key of an output record, or null for none. */
    @FunctionalInterface
    interface KeyOf<T> extends Serializable {
        String of(T record);
    }

    /**
     * An output record as a Kafka record: the contract's JSON line, its key, and its event time as
     * the record's timestamp.
     */
    static final class ContractRecords<T>
            implements KafkaRecordSerializationSchema<T>, KafkaDatasetFacetProvider {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final OutputJson<T> json;
        private final KeyOf<T> keyOf;
        private transient EventJson eventJson;

        ContractRecords(String topic, OutputJson<T> json, KeyOf<T> keyOf) {
            this.topic = topic;
            this.json = json;
            this.keyOf = keyOf;
        }

        /** The topic written, which the sink lists open transactions on after a failure. */
        @Override
        public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
            return Optional.of(
                    new DefaultKafkaDatasetFacet(
                            DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
        }

        @Override
        public void open(
                SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
            eventJson = new EventJson(json.zone());
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                T record, KafkaSinkContext context, Long timestamp) {
            String key = keyOf.of(record);
            return new ProducerRecord<>(
                    topic,
                    null,
                    // Kafka refuses negative timestamps: a record without event time gets the
                    // producer's clock
                    timestamp == null || timestamp < 0 ? null : timestamp,
                    key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    json.writer().write(eventJson, record).getBytes(StandardCharsets.UTF_8));
        }
    }
}
