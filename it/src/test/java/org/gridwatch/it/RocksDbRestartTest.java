package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.it.TestTopics.produce;
import static org.gridwatch.it.TestTopics.timeOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.it.TestFlink.CheckpointSize;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.RetainedCheckpoints;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.FileOutputs;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor job on RocksDB with incremental checkpoints ({@code --state-backend rocksdb}), on a
 * MiniCluster: it reads the first half of the readings from Kafka, checkpoints them, and is
 * cancelled before January is billed; resumed from its retained checkpoint with the second half on
 * the topic, it bills January exactly as an uninterrupted run on the heap backend does. Its
 * checkpoints are incremental: once the state stops changing, a checkpoint uploads a small part of
 * the state it refers to, and the RocksDB files it reuses sit in the job's {@code shared/} folder.
 */
class RocksDbRestartTest {
    private static final String GROUP = "rocksdb-test";

    /**
     * Small, and across January's billing: event time passes February 8 (the month's end plus the
     * allowed lateness) in the second half of the readings.
     */
    private static final SimulationConfig FLEET =
            SimulationConfig.of(60, 13, 2029).withStart(LocalDate.of(2026, 1, 27));

    @TempDir static Path dir;

    @Test
    void aJobOnRocksDbCheckpointsIncrementallyAndResumesToTheBillsOfAnUninterruptedRun()
            throws Exception {
        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(FLEET, fleet);
        List<String> readings = Files.readAllLines(fleet.resolve("readings.jsonl"));
        List<String> payments = Files.readAllLines(fleet.resolve("payments.jsonl"));
        int half = readings.size() / 2;
        // The payments as a live feed has them: those before the middle reading with the first
        // half, the others with the second, so that nothing moves event time past the middle
        // while the first job runs.
        Instant middle = timeOf(readings.get(half));
        List<String> earlyPayments =
                payments.stream().filter(p -> timeOf(p).isBefore(middle)).toList();
        List<String> latePayments =
                payments.stream().filter(p -> !timeOf(p).isBefore(middle)).toList();
        String checkpoints = dir.resolve("checkpoints").toUri().toString();
        Path out = dir.resolve("rocksdb");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestFlink flink = TestFlink.start(1, 2)) {
            // The uninterrupted run: the same files, on the heap backend.
            Path reference = dir.resolve("reference");
            MonitorSettings heap =
                    MonitorSettings.DEFAULT
                            .withCheckpointInterval(Duration.ofSeconds(1))
                            .withCheckpointDir(
                                    dir.resolve("reference-checkpoints").toUri().toString())
                            .withStateBackend(MonitorSettings.HASHMAP);
            flink.awaitSuccess(
                    flink.submit(
                            new MonitorJob(
                                    new FileInputs(fleet),
                                    new FileOutputs(reference, heap.zone()),
                                    heap),
                            2,
                            null));
            List<String> referenceBills = sortedLines(reference.resolve("bills.jsonl"));
            assertThat(referenceBills).hasSize(FLEET.customers());

            produce(kafka, "customers", Files.readAllLines(fleet.resolve("customers.jsonl")));
            produce(kafka, "payments", earlyPayments);
            produce(kafka, "meter-readings", readings.subList(0, half));

            JobID first = flink.submit(job(kafka, out, checkpoints), 2, null);
            // Kafka offsets are committed when a checkpoint completes: that checkpoint holds the
            // state of every reading of the first half.
            awaitCommitted(kafka, "meter-readings", half);
            awaitCommitted(kafka, "payments", earlyPayments.size());
            int done = flink.completedCheckpointCount(first);
            flink.awaitCheckpoints(first, done + 1);
            Path jobDir = dir.resolve("checkpoints").resolve(first.toHexString());
            Set<String> uploaded = sharedFiles(jobDir);
            flink.awaitCheckpoints(first, done + 3);
            List<CheckpointSize> sizes = flink.completedCheckpointSizes(first);
            Set<String> later = sharedFiles(jobDir);
            flink.cancel(first);

            assertThat(uploaded)
                    .as("RocksDB's files of incremental checkpoints, in the job's shared/ folder")
                    .isNotEmpty();
            assertThat(later)
                    .as(
                            "two checkpoints later the newest refers to files uploaded before"
                                    + " instead of uploading them again (only the newest is"
                                    + " retained: files no checkpoint refers to are deleted)")
                    .containsAnyElementsOf(uploaded);
            CheckpointSize last = sizes.get(sizes.size() - 1);
            assertThat(last.incrementalBytes())
                    .as("what the last checkpoint uploaded, of the state it refers to: %s", sizes)
                    .isLessThan(last.fullBytes());
            assertThat(lines(out.resolve("bills.jsonl")))
                    .as("stopped midway: January is billed only after February 8")
                    .isEmpty();

            String latest = RetainedCheckpoints.latest(checkpoints).orElseThrow();
            produce(kafka, "payments", latePayments);
            produce(kafka, "meter-readings", readings.subList(half, readings.size()));
            JobID resumed = flink.submit(job(kafka, out, checkpoints), 2, latest);
            awaitLines(out.resolve("bills.jsonl"), referenceBills.size());
            flink.awaitCheckpoints(resumed, flink.completedCheckpointCount(resumed) + 1);
            flink.cancel(resumed);

            assertThat(sortedLines(out.resolve("bills.jsonl"))).isEqualTo(referenceBills);
        }
    }

    /**
     * The job on RocksDB, reading Kafka and writing files. Topics without records (inspections,
     * area readings, scenarios) hold event time back until they count as idle: after 10 s here
     * instead of a minute, for a short test; the readings, read without a pause, do not count as
     * idle before their end.
     */
    private static MonitorJob job(EmbeddedKafka kafka, Path out, String checkpoints) {
        MonitorSettings settings =
                MonitorSettings.DEFAULT
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withCheckpointDir(checkpoints)
                        .withIdleness(
                                Duration.ofSeconds(10), MonitorSettings.DEFAULT.masterIdleness())
                        .withStateBackend(MonitorSettings.ROCKSDB);
        return new MonitorJob(
                new KafkaInputs(kafka.bootstrapServers(), GROUP, false),
                new FileOutputs(out, settings.zone()),
                settings);
    }

    /** Waits until the group has committed {@code records} offsets of {@code topic} in all. */
    private static void awaitCommitted(EmbeddedKafka kafka, String topic, long records)
            throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                long sum =
                        committed.entrySet().stream()
                                .filter(e -> e.getKey().topic().equals(topic))
                                .filter(e -> e.getValue() != null)
                                .mapToLong(e -> e.getValue().offset())
                                .sum();
                if (sum >= records) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            topic + ": " + sum + " of " + records + " committed after 3 minutes");
                }
                Thread.sleep(200);
            }
        }
    }

    private static void awaitLines(Path file, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (lines(file).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "fewer than " + n + " lines in " + file + " after 3 minutes");
            }
            Thread.sleep(200);
        }
    }

    /**
     * The names of the files in the job's shared/ folder: RocksDB's table files that incremental
     * checkpoints uploaded (under names of their own), which a later checkpoint may refer to.
     */
    private static Set<String> sharedFiles(Path jobDir) {
        String[] names = jobDir.resolve("shared").toFile().list();
        return names == null ? Set.of() : Set.of(names);
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static List<String> sortedLines(Path file) throws Exception {
        return lines(file).stream().sorted().toList();
    }
}
