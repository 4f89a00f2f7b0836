package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.it.TestTopics.firstAtOrAfter;
import static org.gridwatch.it.TestTopics.produce;
import static org.gridwatch.it.TestTopics.produceTombstone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.embedded.ScratchFolder;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.RetainedCheckpoints;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.FileOutputs;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job stopped and started again: resubmitted fresh, it reads the customer master from the start
 * of its compacted topic while the event topics go on from the group's offsets; resumed from its
 * retained checkpoint, it goes on where it stopped, writing every output once. A tombstone on
 * {@code customers} removes the customer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartTest {
    @TempDir static Path dir;
    private Path fleet;
    private List<String> referenceBills;

    @BeforeAll
    void simulate() throws Exception {
        fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(Fleets.ACROSS_BILLING, fleet);
        Path out = dir.resolve("reference");
        Fleets.monitor(new FileInputs(fleet), out, null, null);
        referenceBills = sortedLines(out.resolve("bills.jsonl"));
        assertThat(referenceBills).hasSize(Fleets.ACROSS_BILLING.customers());
    }

    @Test
    void aResubmittedJobReadsTheWholeMasterAndTheRestOfTheReadings() throws Exception {
        List<String> readings = Files.readAllLines(fleet.resolve("readings.jsonl"));
        int half = readings.size() / 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestFlink flink = TestFlink.start(1, 2)) {
            Fleets.createOutputTopics(kafka);
            produce(kafka, "customers", Files.readAllLines(fleet.resolve("customers.jsonl")));
            produce(kafka, "meter-readings", readings.subList(0, half));
            // the first job reads what there is, commits its offsets at each checkpoint, stops
            JobID first = flink.submit(kafkaJob(kafka, "first", true, null), 2, null);
            flink.awaitSuccess(first);

            produce(kafka, "meter-readings", readings.subList(half, readings.size()));
            JobID second = flink.submit(kafkaJob(kafka, "second", true, null), 2, null);
            flink.awaitSuccess(second);

            List<String> rejected = Files.readAllLines(dir.resolve("second/rejected.jsonl"));
            assertThat(rejected).noneMatch(r -> r.contains("UNKNOWN_METER"));
            assertThat(Files.readAllLines(dir.resolve("second/bills.jsonl")))
                    .as("the second job saw January end and billed it")
                    .hasSize(Fleets.ACROSS_BILLING.customers());
        }
    }

    @Test
    void aJobResumedFromItsRetainedCheckpointWritesEveryBillOnce() throws Exception {
        String checkpoints = ScratchFolder.deletedAtExit("gridwatch-retained-").toUri().toString();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestFlink flink = TestFlink.start(1, 2)) {
            Fleets.createOutputTopics(kafka);
            produce(kafka, "customers", Files.readAllLines(fleet.resolve("customers.jsonl")));
            produce(kafka, "payments", Files.readAllLines(fleet.resolve("payments.jsonl")));
            // January is billed once event time passes its end; the readings up to the 30th leave
            // that to the resumed job, which bills from the usage it restored
            List<String> readings = Files.readAllLines(fleet.resolve("readings.jsonl"));
            int beforeTheThirtieth =
                    firstAtOrAfter(
                            readings, OffsetDateTime.parse("2026-01-30T00:00+08:00").toInstant());
            produce(kafka, "meter-readings", readings.subList(0, beforeTheThirtieth));
            JobID first = flink.submit(kafkaJob(kafka, "stopped", false, checkpoints), 2, null);
            flink.awaitCheckpoints(first, 2);
            flink.cancel(first);

            // Event time is not part of a checkpoint: a resumed job moves it, and fires what waits
            // for it, only with new records, as a live feed brings them
            produce(kafka, "meter-readings", readings.subList(beforeTheThirtieth, readings.size()));
            String latest = RetainedCheckpoints.latest(checkpoints).orElseThrow();
            JobID resumed = flink.submit(kafkaJob(kafka, "resumed", false, checkpoints), 2, latest);
            awaitLines(OutputTopicCount.of(kafka, "bills"), referenceBills.size());
            flink.cancel(resumed);

            assertThat(sorted(OutputTopic.read(kafka.bootstrapServers(), "bills")))
                    .isEqualTo(referenceBills);
        }
    }

    @Test
    void aTombstoneRemovesTheCustomerInsteadOfBeingRejected() throws Exception {
        List<String> customers = Files.readAllLines(fleet.resolve("customers.jsonl"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestFlink flink = TestFlink.start(1, 2)) {
            Fleets.createOutputTopics(kafka);
            produce(kafka, "customers", customers);
            produceTombstone(kafka, "C0000001");
            produce(kafka, "meter-readings", Files.readAllLines(fleet.resolve("readings.jsonl")));
            JobID job = flink.submit(kafkaJob(kafka, "tombstone", true, null), 2, null);
            flink.awaitSuccess(job);

            Path out = dir.resolve("tombstone");
            assertThat(Files.readAllLines(out.resolve("bills.jsonl")))
                    .hasSize(Fleets.ACROSS_BILLING.customers() - 1)
                    .noneMatch(b -> b.contains("\"C0000001\""));
            assertThat(Files.readAllLines(out.resolve("segments.jsonl")))
                    .noneMatch(s -> s.contains("\"C0000001\""));
            List<String> rejected = Files.readAllLines(out.resolve("rejected.jsonl"));
            assertThat(rejected).noneMatch(r -> r.contains("\"source\":\"customers\""));
            assertThat(rejected)
                    .anyMatch(r -> r.contains("UNKNOWN_METER") && r.contains("M0000001"));
        }
    }

    private MonitorJob kafkaJob(
            EmbeddedKafka kafka, String name, boolean bounded, String checkpoints)
            throws Exception {
        MonitorSettings settings =
                MonitorSettings.DEFAULT
                        .withCheckpointInterval(Duration.ofMillis(500))
                        .withCheckpointDir(
                                checkpoints != null
                                        ? checkpoints
                                        : ScratchFolder.deletedAtExit("gridwatch-restart-")
                                                .toUri()
                                                .toString());
        return new MonitorJob(
                new KafkaInputs(kafka.bootstrapServers(), "restart-test", bounded),
                MonitorOutputs.all(
                        List.of(
                                new FileOutputs(dir.resolve(name), settings.zone()),
                                new KafkaOutputs(
                                        kafka.bootstrapServers(),
                                        settings.zone(),
                                        "restart-test"))),
                settings);
    }

    /** Counts the committed records of a topic. */
    @FunctionalInterface
    private interface OutputTopicCount {
        int now();

        static OutputTopicCount of(EmbeddedKafka kafka, String topic) {
            return () -> OutputTopic.read(kafka.bootstrapServers(), topic).size();
        }
    }

    private static void awaitLines(OutputTopicCount count, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (count.now() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + n + " records after 3 minutes");
            }
            Thread.sleep(500);
        }
    }

    private static List<String> sortedLines(Path file) throws Exception {
        return sorted(Files.readAllLines(file));
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
