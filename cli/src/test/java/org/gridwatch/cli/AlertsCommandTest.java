package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Severity;
import org.gridwatch.embedded.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridwatch alerts}: arguments, the ranked worklist, its filters, file and Kafka. */
class AlertsCommandTest {

    private static final long T0 = java.time.Instant.parse("2026-01-20T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;
    private static final EventJson JSON = new EventJson(ZoneId.of("Asia/Shanghai"));

    @TempDir Path dir;

    private static Alert alert(
            String id,
            String customer,
            String area,
            AlertType type,
            double score,
            Severity severity,
            long ts,
            AlertStatus status,
            double valueAtRisk) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("zeroDays", 3);
        evidence.put("nightShare", 0.031234);
        return new Alert(
                id,
                customer,
                customer == null ? null : "M" + customer.substring(1),
                area,
                type,
                "rule-" + type.name().toLowerCase(),
                score,
                severity,
                ts,
                evidence,
                status,
                valueAtRisk,
                Double.NaN,
                new ArrayList<>(),
                Alert.NONE);
    }

    /**
     * Priorities: T1 0.9 × 50 = 45 (raised day 0, updated day 2), T2 0.5 × 200 = 100, A3 0.8 × 10 =
     * 8 (ARREARS, LOW, area A02), L4 area loss 0.7 (no value at risk), T5 closed.
     */
    private static List<String> lines() {
        return List.of(
                JSON.alert(
                        alert(
                                "T1",
                                "C1",
                                "A01",
                                AlertType.THEFT,
                                0.6,
                                Severity.MEDIUM,
                                T0,
                                AlertStatus.OPEN,
                                50)),
                JSON.alert(
                        alert(
                                "T2",
                                "C2",
                                "A01",
                                AlertType.THEFT,
                                0.5,
                                Severity.MEDIUM,
                                T0,
                                AlertStatus.OPEN,
                                200)),
                JSON.alert(
                        alert(
                                "A3",
                                "C3",
                                "A02",
                                AlertType.ARREARS,
                                0.8,
                                Severity.LOW,
                                T0 + DAY,
                                AlertStatus.OPEN,
                                10)),
                JSON.alert(
                        alert(
                                "L4",
                                null,
                                "A02",
                                AlertType.AREA_LOSS,
                                0.7,
                                Severity.HIGH,
                                T0 + DAY,
                                AlertStatus.OPEN,
                                Double.NaN)),
                JSON.alert(
                        alert(
                                "T5",
                                "C5",
                                "A01",
                                AlertType.THEFT,
                                0.99,
                                Severity.HIGH,
                                T0,
                                AlertStatus.OPEN,
                                900)),
                JSON.alert(
                        alert(
                                "T1",
                                "C1",
                                "A01",
                                AlertType.THEFT,
                                0.9,
                                Severity.HIGH,
                                T0 + 2 * DAY,
                                AlertStatus.UPDATED,
                                50)),
                JSON.alert(
                        alert(
                                "T5",
                                "C5",
                                "A01",
                                AlertType.THEFT,
                                0.1,
                                Severity.LOW,
                                T0 + 2 * DAY,
                                AlertStatus.CLOSED,
                                900)));
    }

    private Path file() throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        Files.write(file, lines());
        return file;
    }

    /** The alert ids of the table's rows, in order. */
    private static List<String> customersOf(CommandRun run) {
        List<String> out = run.out().lines().toList();
        // line 0: the count; line 1: the header
        return out.subList(2, out.size()).stream().map(l -> l.trim().split("\\s+")[1]).toList();
    }

    @Test
    void listsTheOpenAlertsOfAFileRankedByPriorityWithTheirLatestVersion() throws Exception {
        CommandRun run = CommandRun.of("alerts", "--file", file().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(customersOf(run)).containsExactly("C2", "C1", "C3", "-");
        List<String> out = run.out().lines().toList();
        assertThat(out.get(0)).isEqualTo("4 open alerts (of 5 alert ids seen)");
        assertThat(out.get(1))
                .startsWith("rank  customer")
                .contains("CNY at risk", "priority", "since", "updated", "evidence");
        // T1: the latest version (score 0.9, HIGH, UPDATED), since its first (day 0, 08:00 local)
        assertThat(out.get(3))
                .contains(
                        "C1",
                        "A01",
                        "THEFT",
                        "HIGH",
                        "0.90",
                        "50.00",
                        "45.00",
                        "UPDATED",
                        "rule-theft",
                        "2026-01-20 08:00",
                        "2026-01-22 08:00",
                        "nightShare=0.03123; zeroDays=3");
        assertThat(out.get(5)).contains("-", "A02", "AREA_LOSS", "0.70").doesNotContain("CNY");
    }

    @Test
    void filtersByTypeMinimumSeverityAreaAndTop() throws Exception {
        String f = file().toString();

        assertThat(customersOf(CommandRun.of("alerts", "--file", f, "--type", "theft")))
                .containsExactly("C2", "C1");
        assertThat(customersOf(CommandRun.of("alerts", "--file", f, "--severity", "MEDIUM")))
                .containsExactly("C2", "C1", "-");
        assertThat(customersOf(CommandRun.of("alerts", "--file", f, "--severity", "HIGH")))
                .containsExactly("C1", "-");
        assertThat(customersOf(CommandRun.of("alerts", "--file", f, "--area", "A02")))
                .containsExactly("C3", "-");
        assertThat(customersOf(CommandRun.of("alerts", "--file", f, "--type", "ARREARS,AREA_LOSS")))
                .containsExactly("C3", "-");
        CommandRun top = CommandRun.of("alerts", "--file", f, "--top", "2");
        assertThat(customersOf(top)).containsExactly("C2", "C1");
        assertThat(top.out()).startsWith("4 open alerts, the top 2 shown (of 5 alert ids seen)");
    }

    @Test
    void rankingBreaksTiesByAlertIdAndKeepsTheNewestVersionWhateverTheOrder() {
        AlertBoard board = new AlertBoard();
        Alert newer =
                alert(
                        "B",
                        "C2",
                        "A01",
                        AlertType.THEFT,
                        0.5,
                        Severity.LOW,
                        T0 + DAY,
                        AlertStatus.UPDATED,
                        10);
        Alert older =
                alert(
                        "B",
                        "C2",
                        "A01",
                        AlertType.THEFT,
                        0.9,
                        Severity.LOW,
                        T0,
                        AlertStatus.OPEN,
                        10);
        board.add(AlertRow.parse(JSON.alert(newer)));
        board.add(AlertRow.parse(JSON.alert(older)));
        board.add(
                AlertRow.parse(
                        JSON.alert(
                                alert(
                                        "A",
                                        "C1",
                                        "A01",
                                        AlertType.THEFT,
                                        0.5,
                                        Severity.LOW,
                                        T0,
                                        AlertStatus.OPEN,
                                        10))));

        List<AlertBoard.Entry> ranked = board.ranked(AlertBoard.Filter.ALL);

        assertThat(ranked).extracting(e -> e.latest().alertId()).containsExactly("A", "B");
        assertThat(ranked.get(1).latest().score()).isEqualTo(0.5);
        assertThat(ranked.get(1).sinceMillis()).isEqualTo(T0);
    }

    @Test
    void refusesBadArgumentsWithOneLineAndExitCode2() throws Exception {
        String f = file().toString();
        assertUsage(CommandRun.of("alerts"), "give exactly one of --kafka and --file");
        assertUsage(
                CommandRun.of("alerts", "--file", f, "--kafka", "localhost:9092"),
                "give exactly one of --kafka and --file");
        assertUsage(CommandRun.of("alerts", "--file", f, "--type", "FRAUD"), "--type FRAUD");
        assertUsage(CommandRun.of("alerts", "--file", f, "--severity", "URGENT"), "--severity");
        assertUsage(CommandRun.of("alerts", "--file", f, "--top", "-1"), "--top -1");
        assertUsage(
                CommandRun.of("alerts", "--file", f, "--kafka-properties", f),
                "--kafka-properties goes with --kafka");
    }

    @Test
    void saysWhichLineOfTheFileIsNotAnAlert() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of(lines().get(0), "{\"alertId\":\"X\"}"));

        CommandRun run = CommandRun.of("alerts", "--file", bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("line 2 is not an alert: no type");
    }

    @Test
    void aMissingFileIsOneLine() {
        CommandRun run = CommandRun.of("alerts", "--file", dir.resolve("none.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("no such file");
    }

    @Test
    @Timeout(120)
    void readsTheTopicFromTheBeginningWithOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, "alerts");
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                for (String line : lines()) {
                    AlertRow row = AlertRow.parse(line);
                    String key = row.customerId() != null ? row.customerId() : row.areaId();
                    producer.send(new ProducerRecord<>("alerts", key, line));
                }
                producer.send(new ProducerRecord<>("alerts", "C9", "not json"));
            }

            CommandRun run = CommandRun.of("alerts", "--kafka", kafka.bootstrapServers(), "--once");

            assertThat(run.exitCode()).as(run.err()).isZero();
            List<String> out = run.out().lines().toList();
            assertThat(out.get(0)).isEqualTo("4 open alerts (of 5 alert ids seen)");
            assertThat(out.subList(2, 6))
                    .extracting(l -> l.trim().split("\\s+")[1])
                    .containsExactly("C2", "C1", "C3", "-");
            assertThat(out).last().asString().isEqualTo("1 records of 'alerts' were not alerts");
        }
    }

    private static void assertUsage(CommandRun run, String reason) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).startsWith("gridwatch alerts: ").contains(reason);
    }
}
