package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.MetadataVersion;
import org.gridwatch.core.event.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka sink against a real single-node KRaft broker in this JVM. */
class KafkaFleetSinkTest {
    private static final SimulationConfig CONFIG =
            SimulationConfig.of(120, 1, 9).withFaults(new FaultRates(0.01, 0.01, 0.01, 120));

    @TempDir static Path dir;
    static KafkaClusterTestKit cluster;
    static RecordingSink expected = new RecordingSink();
    static Map<Source, List<ConsumerRecord<String, String>>> received = new HashMap<>();

    @BeforeAll
    static void sendASimulation() throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder(
                                BootstrapMetadata.fromVersion(
                                        MetadataVersion.latestProduction(), "test"))
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(dir.resolve("kafka"))
                        .build();
        cluster =
                new KafkaClusterTestKit.Builder(nodes)
                        .setDeleteOnClose(true)
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("unstable.api.versions.enable", "false")
                        .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();

        new FleetSimulator(CONFIG).run(expected, Progress.NONE);
        try (KafkaFleetSink sink =
                new KafkaFleetSink(cluster.bootstrapServers(), dir.resolve("truth.jsonl"), 2)) {
            new FleetSimulator(CONFIG).run(sink, Progress.NONE);
        }
        consumeEverything();
    }

    private static void consumeEverything() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            for (Source s : Source.values()) {
                List<TopicPartition> partitions = new ArrayList<>();
                consumer.partitionsFor(s.topic())
                        .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                List<ConsumerRecord<String, String>> records = new ArrayList<>();
                long total = end.values().stream().mapToLong(Long::longValue).sum();
                while (records.size() < total) {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                }
                received.put(s, records);
            }
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sendsEveryRecordToItsTopicWithItsKeyAndEventTime() {
        Map<Source, List<String>> sent = new HashMap<>();
        Map<String, Long> eventTimes = new HashMap<>();
        for (RecordingSink.Input in : expected.inputs) {
            sent.computeIfAbsent(in.source(), s -> new ArrayList<>())
                    .add(in.key() + " " + in.json());
            eventTimes.put(in.json(), in.eventMillis());
        }
        for (Source s :
                List.of(
                        Source.CUSTOMERS,
                        Source.METER_READINGS,
                        Source.AREA_READINGS,
                        Source.PAYMENTS,
                        Source.INSPECTIONS)) {
            List<String> got = new ArrayList<>();
            for (ConsumerRecord<String, String> r : received.get(s)) {
                got.add(r.key() + " " + r.value());
                assertThat(r.timestamp()).isEqualTo(eventTimes.get(r.value()));
            }
            assertThat(got)
                    .as(s.topic())
                    .isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(sent.get(s));
        }
    }

    @Test
    void keepsTheOrderOfEachMetersReadings() {
        Map<String, List<String>> sent = new HashMap<>();
        for (RecordingSink.Input in : expected.inputs) {
            if (in.source() == Source.METER_READINGS) {
                sent.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(in.json());
            }
        }
        Map<String, List<String>> got = new HashMap<>();
        for (ConsumerRecord<String, String> r : received.get(Source.METER_READINGS)) {
            got.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        assertThat(got).isEqualTo(sent);
    }

    @Test
    void createsTopicsThatKeepOldEventTimesForever() throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                cluster.bootstrapServers()))) {
            List<ConfigResource> topics = new ArrayList<>();
            for (Source s : Source.values()) {
                topics.add(new ConfigResource(ConfigResource.Type.TOPIC, s.topic()));
            }
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get();
            for (Map.Entry<ConfigResource, Config> e : configs.entrySet()) {
                assertThat(e.getValue().get("retention.ms").value())
                        .as(e.getKey().name())
                        .isEqualTo("-1");
                String cleanup = e.getValue().get("cleanup.policy").value();
                assertThat(cleanup)
                        .isEqualTo(e.getKey().name().equals("customers") ? "compact" : "delete");
            }
            assertThat(
                            admin.describeTopics(List.of("meter-readings"))
                                    .allTopicNames()
                                    .get()
                                    .get("meter-readings")
                                    .partitions())
                    .hasSize(2);
        }
    }

    @Test
    void writesTheTruthToTheFileAsked() throws Exception {
        assertThat(Files.readAllLines(dir.resolve("truth.jsonl"))).isEqualTo(expected.truth);
    }
}
