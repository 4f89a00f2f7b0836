package org.gridwatch.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker running inside this JVM: one KRaft node that is both broker and controller,
 * listening on a free port of localhost, with its logs in a temporary folder that is deleted on
 * close. For the demo and for integration tests; it keeps one replica of everything, so it is no
 * place for data that matters.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The user and password of {@link #startWithPlainLogin()}: the test kit's super user, whom its
     * authorizer allows everything.
     */
    public static final String LOGIN_USER = JaasUtils.KAFKA_PLAIN_ADMIN;

    public static final String LOGIN_PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;

    private final KafkaClusterTestKit cluster;
    private final Path dataDirectory;
    private final String bootstrapServers;
    private final Map<String, Object> clientSettings;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedKafka(
            KafkaClusterTestKit cluster, Path dataDirectory, Map<String, Object> clientSettings) {
        this.cluster = cluster;
        this.dataDirectory = dataDirectory;
        this.bootstrapServers = cluster.bootstrapServers();
        this.clientSettings = Map.copyOf(clientSettings);
        // A demo stopped with Ctrl-C should still stop the broker and remove its logs.
        this.shutdownHook = new Thread(this::close, "gridwatch-embedded-kafka-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a single-node broker and returns once it accepts clients (a few seconds). */
    public static EmbeddedKafka start() {
        return start(SecurityProtocol.PLAINTEXT, Map.of());
    }

    /**
     * Starts a single-node broker whose clients must log in with SASL/PLAIN over plaintext
     * (SASL_PLAINTEXT) as {@link #LOGIN_USER}: to test clients' security settings, the way a
     * secured production cluster asks for them. {@link #clientSettings()} gives what a client
     * needs. The test kit sets the broker's JAAS file as a JVM-wide system property.
     */
    public static EmbeddedKafka startWithPlainLogin() {
        return start(
                SecurityProtocol.SASL_PLAINTEXT,
                Map.of(
                        "security.protocol",
                        "SASL_PLAINTEXT",
                        "sasl.mechanism",
                        "PLAIN",
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\""
                                + LOGIN_USER
                                + "\" password=\""
                                + LOGIN_PASSWORD
                                + "\";"));
    }

    private static EmbeddedKafka start(
            SecurityProtocol protocol, Map<String, Object> clientSettings) {
        long startedAt = System.nanoTime();
        Path dataDirectory = ScratchFolder.create("gridwatch-kafka-");
        KafkaClusterTestKit cluster = null;
        try {
            cluster = newCluster(dataDirectory, protocol);
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, dataDirectory, clientSettings);
            LOG.info(
                    "Kafka broker ready at {} after {} ms (logs in {})",
                    kafka.bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
                    dataDirectory);
            return kafka;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeAfterFailedStart(cluster, dataDirectory, e);
            throw new IllegalStateException("Could not start the embedded Kafka broker", e);
        }
    }

    /** The address clients use, as "localhost:PORT". */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The security settings a client of this broker needs besides the bootstrap servers: none for
     * {@link #start()}, the SASL login for {@link #startWithPlainLogin()}.
     */
    public Map<String, Object> clientSettings() {
        return clientSettings;
    }

    /**
     * Creates each topic with the given number of partitions (one replica) unless it already
     * exists, and returns once every partition has a leader, so that producers and consumers can
     * start right away. A topic that already exists is left as it is, whatever its partitions.
     */
    public void createTopics(int partitions, String... topics) {
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "A topic needs at least one partition: " + partitions);
        }
        if (topics.length == 0) {
            throw new IllegalArgumentException("No topic named");
        }
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, partitions, (short) 1));
        }
        Map<String, Object> adminSettings = new HashMap<>(clientSettings);
        adminSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminSettings)) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                awaitCreated(result.getKey(), result.getValue());
            }
            awaitLeaders(admin, List.of(topics));
        }
    }

    /**
     * Stops the broker, keeping its logs, and starts it again on the same port after {@code down}:
     * a broker restart as clients see it. The controller (the same node in this single-node
     * cluster) stays up.
     */
    public synchronized void restartBroker(Duration down) {
        try {
            for (BrokerServer broker : cluster.brokers().values()) {
                broker.shutdown();
            }
            LOG.info("Kafka broker at {} stopped for {}", bootstrapServers, down);
            sleep(down);
            for (BrokerServer broker : cluster.brokers().values()) {
                broker.startup();
            }
            cluster.waitForReadyBrokers();
            LOG.info("Kafka broker at {} started again", bootstrapServers);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka broker did not come back", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restarting the broker", e);
        }
    }

    /** Stops the broker and deletes its logs; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeShutdownHook();
        long stoppingAt = System.nanoTime();
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Kafka broker at {} did not stop cleanly", bootstrapServers, e);
        } finally {
            ScratchFolder.delete(dataDirectory);
        }
        LOG.info(
                "Kafka broker at {} stopped in {} ms",
                bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    /** The folder holding the broker's logs, removed by {@link #close()}. */
    Path dataDirectory() {
        return dataDirectory;
    }

    private static KafkaClusterTestKit newCluster(Path dataDirectory, SecurityProtocol protocol)
            throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder(
                                BootstrapMetadata.fromVersion(
                                        MetadataVersion.latestProduction(), "gridwatch"))
                        .setBrokerSecurityProtocol(protocol)
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(dataDirectory)
                        .build();
        KafkaClusterTestKit.Builder builder =
                new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
        singleNodeSettings().forEach(builder::setConfigProp);
        if (protocol != SecurityProtocol.PLAINTEXT) {
            // Logging in is what this broker tests, not ACLs: the test kit's authorizer would also
            // refuse the broker's own registration over the plaintext controller listener.
            builder.setConfigProp("authorizer.class.name", "");
        }
        return builder.build();
    }

    /**
     * Broker settings that differ from Kafka's defaults. The defaults assume three brokers; with
     * one, the internal topics of consumer groups and transactions could never be created.
     */
    private static Map<String, Object> singleNodeSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        // Consumers join at once instead of waiting 3 s for more members that will not come.
        settings.put("group.initial.rebalance.delay.ms", "0");
        // Simulated and replayed records carry event times in the past; under the default 7-day
        // time retention the broker would delete them as soon as they arrive.
        settings.put("log.retention.ms", "-1");
        // Flink's exactly-once KafkaSink asks for 1 h transactions; Kafka's default cap is 15 min.
        settings.put("transaction.max.timeout.ms", String.valueOf(Duration.ofHours(1).toMillis()));
        // The test kit enables unreleased protocol versions; clients here should meet a release.
        settings.put("unstable.api.versions.enable", "false");
        settings.put("unstable.feature.versions.enable", "false");
        return settings;
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("Created topic {}", topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                LOG.debug("Topic {} already exists", topic);
                return;
            }
            throw new IllegalStateException("Could not create topic " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    /** A created topic may still be without leaders for a moment; clients would then retry. */
    private static void awaitLeaders(Admin admin, List<String> topics) {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(topics).allTopicNames().get();
                if (descriptions.values().stream().allMatch(EmbeddedKafka::hasAllLeaders)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Could not describe topics " + topics, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + topics, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Topics " + topics + " have no leaders after " + TOPIC_READY_TIMEOUT);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private static boolean hasAllLeaders(TopicDescription description) {
        for (TopicPartitionInfo partition : description.partitions()) {
            if (partition.leader() == null || partition.leader().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static void closeAfterFailedStart(
            KafkaClusterTestKit cluster, Path dataDirectory, Exception failure) {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        ScratchFolder.delete(dataDirectory);
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmIsAlreadyShuttingDown) {
            // Then this close() may be the hook itself.
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + "]";
    }
}
