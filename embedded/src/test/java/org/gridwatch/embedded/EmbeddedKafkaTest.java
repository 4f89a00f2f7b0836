package org.gridwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class EmbeddedKafkaTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void listensOnAPortOfLocalhost() {
        assertThat(kafka.bootstrapServers()).matches("localhost:\\d+");
    }

    @Test
    void deliversAProducedRecordToAConsumerOfANewTopic() throws Exception {
        kafka.createTopics(1, "readings");

        try (KafkaProducer<String, String> producer = producer()) {
            RecordMetadata written =
                    producer.send(new ProducerRecord<>("readings", "meter-7", "{\"kwh\":0.42}"))
                            .get();
            assertThat(written.offset()).isZero();
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("test-reader")) {
            consumer.subscribe(List.of("readings"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo("meter-7");
        assertThat(received.get(0).value()).isEqualTo("{\"kwh\":0.42}");
    }

    @Test
    void createsTopicsWithTheirPartitionsAndAcceptsThemAgain() throws Exception {
        kafka.createTopics(3, "payments", "alerts");
        kafka.createTopics(3, "payments", "alerts", "rejected");
        // An existing topic keeps its partitions; only the new one gets the new count.
        kafka.createTopics(5, "payments", "bills");

        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            Map<String, Integer> partitions =
                    admin
                            .describeTopics(List.of("payments", "alerts", "rejected", "bills"))
                            .allTopicNames()
                            .get()
                            .entrySet()
                            .stream()
                            .collect(
                                    Collectors.toMap(
                                            Map.Entry::getKey,
                                            e -> e.getValue().partitions().size()));
            assertThat(partitions)
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("payments", 3, "alerts", 3, "rejected", 3, "bills", 5));
        }
    }

    @Test
    void leavesNeitherThreadsNorFilesBehindWhenClosed() {
        Set<Thread> before = liveNonDaemonThreads();

        EmbeddedKafka second = EmbeddedKafka.start();
        second.createTopics(1, "customers");
        second.close();
        second.close();

        assertThat(second.dataDirectory()).doesNotExist();
        Set<Thread> left = liveNonDaemonThreads();
        left.removeAll(before);
        assertThat(left).extracting(Thread::getName).isEmpty();
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .collect(Collectors.toSet());
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
    }

    @Test
    void keepsItsRecordsAndItsAddressAcrossABrokerRestart() throws Exception {
        kafka.createTopics(1, "restarts");
        String address = kafka.bootstrapServers();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("restarts", "a", "before")).get();
        }

        kafka.restartBroker(Duration.ofSeconds(2));

        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("restarts", "b", "after")).get();
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("restart-reader")) {
            consumer.subscribe(List.of("restarts"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        assertThat(kafka.bootstrapServers()).isEqualTo(address);
        assertThat(values).containsExactly("before", "after");
    }
}
