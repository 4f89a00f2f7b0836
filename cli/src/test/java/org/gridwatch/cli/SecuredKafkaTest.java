package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridwatch.core.kafka.KafkaClientProperties;
import org.gridwatch.embedded.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kafka-properties} against a real broker that wants a SASL/PLAIN login (SASL_PLAINTEXT,
 * in this JVM): the simulator writes and the monitor job reads and writes through it with the
 * properties file, and each command says clearly what is wrong without it.
 */
@Timeout(240)
class SecuredKafkaTest {

    @TempDir static Path dir;
    private static EmbeddedKafka kafka;
    private static Path login;

    @BeforeAll
    static void startABrokerThatWantsALogin() throws IOException {
        kafka = EmbeddedKafka.startWithPlainLogin();
        login = properties("login.properties", kafka.clientSettings());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void simulateAndMonitorWriteAndReadThroughTheLoginOfThePropertiesFile() throws Exception {
        Path out = dir.resolve("out");
        CommandRun simulate =
                onKafka(
                        login,
                        "simulate",
                        "--customers",
                        "20",
                        "--days",
                        "1",
                        "--seed",
                        "4",
                        "--quiet",
                        "--partitions",
                        "2");
        assertThat(simulate.exitCode()).as(simulate.err()).isZero();

        CommandRun monitor =
                onKafka(
                        login,
                        "monitor",
                        "--bounded",
                        "--group-id",
                        "secured-test",
                        "--out",
                        out.toString(),
                        "--quiet");

        assertThat(monitor.exitCode()).as(monitor.err()).isZero();
        // every customer the simulator sent was read through the login
        assertThat(monitor.out()).containsPattern("  customers +20 +20 +0 +0\n");
        List<String> rejected = Files.readAllLines(out.resolve("rejected.jsonl"));
        assertThat(rejected).as("the simulated head-end's duplicates").isNotEmpty();
        assertThat(topic("rejected", kafka.clientSettings()))
                .as("written by the job's Kafka sink through the login")
                .containsExactlyInAnyOrderElementsOf(rejected);
    }

    @Test
    void monitorWithoutThePropertiesFileSaysTheListenerMayNeedIt() {
        CommandRun monitor =
                CommandRun.of(
                        "monitor", "--kafka", kafka.bootstrapServers(), "--bounded", "--quiet");

        assertFailedWith(
                monitor,
                "gridwatch monitor: Kafka at "
                        + kafka.bootstrapServers()
                        + " accepts connections but gave no answer within 10 s; if its listener"
                        + " needs SASL or TLS, give the client settings with --kafka-properties"
                        + " FILE");
    }

    @Test
    void simulateWithAWrongPasswordSaysTheLoginWasRefused() throws IOException {
        Map<String, Object> wrong = new HashMap<>(kafka.clientSettings());
        wrong.put(
                "sasl.jaas.config",
                String.valueOf(wrong.get("sasl.jaas.config"))
                        .replace(EmbeddedKafka.LOGIN_PASSWORD, "guessed"));
        Path file = properties("wrong.properties", wrong);

        CommandRun simulate =
                onKafka(file, "simulate", "--customers", "5", "--days", "1", "--quiet");

        assertFailedWith(
                simulate,
                "gridwatch simulate: Kafka at "
                        + kafka.bootstrapServers()
                        + " did not accept the client's login: Authentication failed: Invalid"
                        + " username or password (see --kafka-properties)");
        assertThat(simulate.err()).doesNotContain("guessed");
    }

    @Test
    void monitorNamesAPropertiesFileThatSetsTheBootstrapServers() throws IOException {
        Path file = properties("bootstrap.properties", Map.of("bootstrap.servers", "x:9092"));

        CommandRun monitor = onKafka(file, "monitor");

        assertThat(monitor.exitCode()).isEqualTo(2);
        assertThat(monitor.errLines().get(0))
                .isEqualTo(
                        "gridwatch monitor: "
                                + KafkaClientProperties.OPTION
                                + ": "
                                + file
                                + ": bootstrap.servers is set by GridWatch (--kafka, --group-id);"
                                + " remove it from the file");
    }

    /** A failure of the work: exit code 1 and this one line on standard error. */
    private static void assertFailedWith(CommandRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(line);
    }

    /** The command with {@code args}, on the test's broker, with the settings of a file. */
    private static CommandRun onKafka(Path properties, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(
                List.of(
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--kafka-properties",
                        properties.toString()));
        return CommandRun.of(all.toArray(String[]::new));
    }

    private static Path properties(String name, Map<String, Object> settings) throws IOException {
        Properties p = new Properties();
        settings.forEach((key, value) -> p.setProperty(key, String.valueOf(value)));
        Path file = dir.resolve(name);
        try (var writer = Files.newBufferedWriter(file)) {
            p.store(writer, null);
        }
        return file;
    }

    /** Every value of a topic, read from its start to its end with the given settings. */
    private static List<String> topic(String topic, Map<String, Object> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
