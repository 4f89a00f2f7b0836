package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.embedded.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwatch segments}: the worklists per strategy over a hand-written segments.jsonl (ten
 * customers, C7 and C4 with two records each) and over the topic. The expected lists are worked out
 * by hand from the file:
 *
 * <pre>
 * customer area segment   grade score current strategies (latest record)
 * C1       A01  HIGH      A     94    0.93    ACCOUNT_MANAGER VIP_CHANNEL OUTAGE_NOTICE_FIRST
 * C2       A02  HIGH      B     82    0.97    ACCOUNT_MANAGER VIP_CHANNEL OUTAGE_NOTICE_FIRST
 * C3       A01  LOW_RISKY C     55    0.70    PREPAID_METER COLLECTION_FOLLOWUP PERIODIC_INSPECTION RESTRICTION, next 03-01
 * C4       A02  LOW_RISKY C     69    0.85    PREPAID_METER COLLECTION_FOLLOWUP DISCONNECTION_NOTICE, next 02-08
 *                                              (an older HIGH record, read after it, does not count)
 * C5       A01  MEDIUM    B     74    0.60    HOTLINE_95598 OFFPEAK_DISCOUNT_OFFER WARNING, saves 120.50 / 130.25
 * C6       A02  MEDIUM    A     91    0.55    HOTLINE_95598 OFFPEAK_DISCOUNT_OFFER, saves 233.20 / 242.40
 * C7       A01  LOW_BASIC B     86    0.30    BASIC_SUPPLY (was HIGH with an account manager)
 * C8       A02  LOW_BASIC B     80    0.10    BASIC_SUPPLY, the offer would cost it (-12.00 / -3.50)
 * C9       A02  LOW_RISKY C     55    0.90    PREPAID_METER COLLECTION_FOLLOWUP PERIODIC_INSPECTION WARNING, next 02-10
 * C10      A01  HIGH      A     90    0.99    ACCOUNT_MANAGER VIP_CHANNEL OUTAGE_NOTICE_FIRST WARNING (and an extra field)
 * </pre>
 */
class SegmentsCommandTest {

    private static final String RESOURCE = "worklist-segments.jsonl";

    @TempDir Path dir;

    private static List<String> lines() {
        try (InputStream in = SegmentsCommandTest.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A replay's output folder holding the file as segments.jsonl. */
    private Path replay() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.write(out.resolve("segments.jsonl"), lines());
        return out;
    }

    /** The customers of the table's rows, in order (line 0: the count, 1: the order, 2: header). */
    private static List<String> customersOf(CommandRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> out = run.out().lines().toList();
        return out.subList(3, out.size()).stream().map(l -> l.trim().split("\\s+")[1]).toList();
    }

    private List<String> worklist(String... options) throws IOException {
        String[] args = new String[options.length + 3];
        args[0] = "segments";
        args[1] = "--input";
        args[2] = replay().toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return customersOf(CommandRun.of(args));
    }

    @Test
    void accountManagersGetTheirCustomersMostValuableFirstAndOnlyByTheLatestRecord()
            throws Exception {
        assertThat(worklist("--strategy", "ACCOUNT_MANAGER")).containsExactly("C10", "C2", "C1");
        assertThat(worklist("--strategy", "account_manager", "--area", "A01"))
                .containsExactly("C10", "C1");
        assertThat(worklist("--strategy", "BASIC_SUPPLY")).containsExactly("C7", "C8");
    }

    @Test
    void collectorsGetTheWorstCreditFirstThenTheMostValuable() throws Exception {
        // all grade C; C9 and C3 both 55, C9 worth more; then C4 at 69
        assertThat(worklist("--strategy", "COLLECTION_FOLLOWUP")).containsExactly("C9", "C3", "C4");
        // C before B before A, whatever the score
        assertThat(worklist("--strategy", "WARNING")).containsExactly("C9", "C5", "C10");
        assertThat(worklist("--strategy", "DISCONNECTION_NOTICE")).containsExactly("C4");
    }

    @Test
    void inspectionsSoonestFirstAndTheOffpeakOfferLargestSavingFirst() throws Exception {
        assertThat(worklist("--strategy", "PERIODIC_INSPECTION")).containsExactly("C9", "C3");
        assertThat(worklist("--strategy", "OFFPEAK_DISCOUNT_OFFER")).containsExactly("C6", "C5");
    }

    @Test
    void filtersBySegmentAndGradeAndListsEveryoneWithoutAStrategy() throws Exception {
        assertThat(worklist("--segment", "low_risky")).containsExactly("C9", "C4", "C3");
        assertThat(worklist("--strategy", "HOTLINE_95598", "--grade", "B")).containsExactly("C5");
        assertThat(worklist("--grade", "A,B", "--segment", "HIGH,MEDIUM"))
                .containsExactly("C10", "C2", "C1", "C5", "C6");
        assertThat(worklist())
                .containsExactly("C10", "C2", "C1", "C9", "C4", "C3", "C5", "C6", "C7", "C8");
        assertThat(worklist("--strategy", "ACCOUNT_MANAGER", "--top", "2"))
                .containsExactly("C10", "C2");
    }

    @Test
    void theTableSaysHowManyInWhichOrderAndShowsEveryColumn() throws Exception {
        CommandRun run =
                CommandRun.of(
                        "segments",
                        "--input",
                        replay().resolve("segments.jsonl").toString(),
                        "--strategy",
                        "OFFPEAK_DISCOUNT_OFFER");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> out = run.out().lines().toList();
        assertThat(out.get(0))
                .isEqualTo("2 customers with OFFPEAK_DISCOUNT_OFFER (of 10 customers seen)");
        assertThat(out.get(1)).startsWith("ordered by off-peak saving descending");
        assertThat(out.get(2).split("\\s{2,}"))
                .containsExactly(
                        "rank",
                        "customer",
                        "area",
                        "segment",
                        "grade",
                        "score",
                        "current",
                        "potential",
                        "next inspection",
                        "offpeak CNY/yr",
                        "with shift",
                        "updated",
                        "strategies");
        assertThat(out.get(3).trim().split("\\s{2,}"))
                .containsExactly(
                        "1",
                        "C6",
                        "A02",
                        "MEDIUM",
                        "A",
                        "91",
                        "0.55",
                        "0.65",
                        "-",
                        "233.20",
                        "242.40",
                        "2026-02-08 00:00",
                        "HOTLINE_95598, OFFPEAK_DISCOUNT_OFFER");
        assertThat(out.get(4).trim().split("\\s{2,}"))
                .containsExactly(
                        "2",
                        "C5",
                        "A01",
                        "MEDIUM",
                        "B",
                        "74",
                        "0.60",
                        "0.70",
                        "-",
                        "120.50",
                        "130.25",
                        "2026-02-12 09:00",
                        "HOTLINE_95598, OFFPEAK_DISCOUNT_OFFER, WARNING");
        assertThat(out).hasSize(5);
    }

    @Test
    void csvHasAHeaderAndOneLineACustomerAndJsonTheRecordsAsRead() throws Exception {
        String input = replay().toString();
        CommandRun csv =
                CommandRun.of(
                        "segments",
                        "--input",
                        input,
                        "--strategy",
                        "COLLECTION_FOLLOWUP",
                        "--format",
                        "CSV");

        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(csv.out().lines().toList())
                .containsExactly(
                        "rank,customer,area,segment,grade,score,current_value,potential_value,"
                                + "next_inspection,offpeak_saving_cny_per_year,"
                                + "offpeak_saving_with_shift_cny_per_year,updated,strategies",
                        "1,C9,A02,LOW_RISKY,C,55,0.90,0.45,2026-02-10T00:00:00+08:00,,,"
                                + "2026-02-08T00:00:00+08:00,"
                                + "PREPAID_METER COLLECTION_FOLLOWUP PERIODIC_INSPECTION WARNING",
                        "2,C3,A01,LOW_RISKY,C,55,0.70,0.30,2026-03-01T00:00:00+08:00,,,"
                                + "2026-02-20T10:30:00+08:00,"
                                + "PREPAID_METER COLLECTION_FOLLOWUP PERIODIC_INSPECTION"
                                + " RESTRICTION",
                        "3,C4,A02,LOW_RISKY,C,69,0.85,0.50,2026-02-08T00:00:00+08:00,,,"
                                + "2026-02-08T00:00:00+08:00,"
                                + "PREPAID_METER COLLECTION_FOLLOWUP DISCONNECTION_NOTICE");

        CommandRun json =
                CommandRun.of(
                        "segments",
                        "--input",
                        input,
                        "--strategy",
                        "ACCOUNT_MANAGER",
                        "--format",
                        "json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        List<String> lines = lines();
        assertThat(json.out().lines().toList())
                .containsExactly(lines.get(9), lines.get(1), lines.get(0));
        assertThat(lines.get(9)).contains("\"why\":{");
    }

    @Test
    void readsWhatTheJobWritesForASegmentChange() {
        EventJson json = new EventJson(ZoneId.of("Asia/Shanghai"));
        long ts = Instant.parse("2026-05-20T16:00:00Z").toEpochMilli();
        SegmentChange change =
                new SegmentChange(
                        "C0000087",
                        "A003",
                        ts,
                        Segment.MEDIUM,
                        0.91,
                        0.75,
                        74,
                        CreditGrade.B,
                        new String[] {"HOTLINE_95598", "OFFPEAK_DISCOUNT_OFFER"},
                        ts + 86_400_000L,
                        new OffpeakOffer("residential-tiered-offpeak", 233.2, 242.4));

        SegmentRow row = SegmentRow.parse(json.segmentChange(change));

        assertThat(row)
                .isEqualTo(
                        new SegmentRow(
                                "C0000087",
                                "A003",
                                ts,
                                "MEDIUM",
                                "B",
                                74,
                                0.91,
                                0.75,
                                List.of("HOTLINE_95598", "OFFPEAK_DISCOUNT_OFFER"),
                                ts + 86_400_000L,
                                233.2,
                                242.4,
                                json.segmentChange(change)));
    }

    @Test
    void refusesBadArgumentsWithOneLineAndExitCode2() throws Exception {
        String input = replay().toString();
        CommandRun wrong = CommandRun.of("segments", "--input", input, "--strategy", "VIP");
        assertUsage(wrong, "--strategy VIP is not a service strategy; the strategies are");
        assertThat(wrong.errLines().get(0))
                .contains(
                        "ACCOUNT_MANAGER, VIP_CHANNEL, OUTAGE_NOTICE_FIRST",
                        "COLLECTION_FOLLOWUP",
                        "DISCONNECTION_NOTICE");
        assertUsage(CommandRun.of("segments"), "give exactly one of --input and --kafka");
        assertUsage(
                CommandRun.of("segments", "--input", input, "--kafka", "localhost:9092"),
                "give exactly one of --input and --kafka");
        assertUsage(
                CommandRun.of("segments", "--input", input, "--segment", "GOLD"),
                "--segment GOLD is not one of HIGH, MEDIUM, LOW_RISKY, LOW_BASIC");
        assertUsage(
                CommandRun.of("segments", "--input", input, "--grade", "D"),
                "--grade D is not one of A, B, C");
        assertUsage(
                CommandRun.of("segments", "--input", input, "--format", "xml"),
                "--format xml is not table, csv or json");
        assertUsage(
                CommandRun.of("segments", "--kafka", "localhost:9092", "--format", "csv"),
                "with --kafka add --once");
        assertUsage(CommandRun.of("segments", "--input", input, "--top", "-1"), "--top -1");
    }

    @Test
    void aFolderWithoutSegmentsAndABadLineAreOneLine() throws Exception {
        CommandRun none = CommandRun.of("segments", "--input", dir.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.errLines())
                .singleElement()
                .asString()
                .contains("no such file", "segments.jsonl");

        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of(lines().get(0), "{\"customerId\":\"X\",\"ts\":\"2026-01-01\"}"));
        CommandRun run = CommandRun.of("segments", "--input", bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("line 2 is not a segment record");
    }

    @Test
    @Timeout(120)
    void readsTheTopicsHistoryKeepingEachCustomersLatestRecord() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, "customer-segments");
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                for (String line : lines()) {
                    producer.send(
                            new ProducerRecord<>(
                                    "customer-segments",
                                    SegmentRow.parse(line).customerId(),
                                    line));
                }
                producer.send(new ProducerRecord<>("customer-segments", "C99", "not json"));
            }

            CommandRun run =
                    CommandRun.of(
                            "segments",
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--once",
                            "--strategy",
                            "ACCOUNT_MANAGER");

            assertThat(customersOf(run)).containsExactly("C10", "C2", "C1");
            assertThat(run.out().lines().findFirst().orElseThrow())
                    .isEqualTo("3 customers with ACCOUNT_MANAGER (of 10 customers seen)");
            assertThat(run.err())
                    .contains("1 records of 'customer-segments' were not segment records");

            CommandRun collectors =
                    CommandRun.of(
                            "segments",
                            "--kafka",
                            kafka.bootstrapServers(),
                            "--once",
                            "--strategy",
                            "COLLECTION_FOLLOWUP",
                            "--format",
                            "csv");
            assertThat(collectors.exitCode()).as(collectors.err()).isZero();
            assertThat(collectors.out().lines().skip(1).map(l -> l.split(",")[1]))
                    .containsExactly("C9", "C3", "C4");
        }
    }

    @Test
    @Timeout(120)
    void followsTheTopicAndRedrawsWhenACustomerLeavesTheList() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, "customer-segments");
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                for (String line : lines()) {
                    producer.send(
                            new ProducerRecord<>(
                                    "customer-segments",
                                    SegmentRow.parse(line).customerId(),
                                    line));
                }
                producer.flush();

                picocli.CommandLine gridwatch = GridWatch.commandLine();
                java.io.StringWriter out = new java.io.StringWriter();
                gridwatch.setOut(new java.io.PrintWriter(out, true));
                gridwatch.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
                SegmentsCommand command = gridwatch.getSubcommands().get("segments").getCommand();
                String after = "2 customers with ACCOUNT_MANAGER (of 10 customers seen)";
                long deadline = System.nanoTime() + 60_000_000_000L;
                command.stopRequested =
                        () -> {
                            synchronized (out) {
                                return out.toString().contains(after)
                                        || System.nanoTime() > deadline;
                            }
                        };
                java.util.concurrent.atomic.AtomicInteger exit =
                        new java.util.concurrent.atomic.AtomicInteger(-1);
                Thread follower =
                        new Thread(
                                () ->
                                        exit.set(
                                                gridwatch.execute(
                                                        "segments",
                                                        "--kafka",
                                                        kafka.bootstrapServers(),
                                                        "--strategy",
                                                        "ACCOUNT_MANAGER")));
                follower.start();
                while (!out.toString().contains("3 customers with ACCOUNT_MANAGER")) {
                    assertThat(System.nanoTime()).as("the first list").isLessThan(deadline);
                    Thread.sleep(100);
                }
                // C2 is valued MEDIUM a month later: off the account manager's list
                String c2 = lines().get(1);
                producer.send(
                        new ProducerRecord<>(
                                "customer-segments",
                                "C2",
                                c2.replace("2026-02-08T00:00:00", "2026-03-08T00:00:00")
                                        .replace("\"HIGH\"", "\"MEDIUM\"")
                                        .replace(
                                                "[\"ACCOUNT_MANAGER\",\"VIP_CHANNEL\","
                                                        + "\"OUTAGE_NOTICE_FIRST\"]",
                                                "[\"HOTLINE_95598\"]")));
                producer.flush();
                follower.join(60_000);

                assertThat(exit.get()).isZero();
                String last = out.toString().substring(out.toString().lastIndexOf(after));
                assertThat(last.lines().skip(3).map(l -> l.trim().split("\\s+")[1]))
                        .containsExactly("C10", "C1");
            }
        }
    }

    private static void assertUsage(CommandRun run, String reason) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).startsWith("gridwatch segments: ").contains(reason);
    }
}
