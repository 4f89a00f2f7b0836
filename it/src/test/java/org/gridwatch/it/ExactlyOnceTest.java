package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.gridwatch.core.kafka.KafkaClientProperties;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.ScratchFolder;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.FileOutputs;
import org.gridwatch.jobs.io.InfluxOutputs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once, proven on the real parts: the small fleet replayed by the real job on a Flink
 * MiniCluster of two TaskManagers, writing files, Kafka topics (transactional, read committed) and
 * InfluxDB. A run that fails after a checkpoint and one that loses a TaskManager must write exactly
 * what a run without failure writes: every line, every record, every point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceTest {
    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

    @TempDir static Path dir;
    private Path fleet;
    private String influxUrl;
    private RunOutputs reference;

    /** What a test does to the job while it runs. */
    @FunctionalInterface
    private interface Trouble {
        void during(TestFlink flink, JobID job) throws Exception;
    }

    @BeforeAll
    void replayTheFleetOnceWithoutTrouble() throws Exception {
        fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(Fleets.ACROSS_BILLING, fleet);
        influxUrl = MonitoredFleet.shared().influxUrl();
        Run run = run("eo_reference", false, (flink, job) -> {});
        assertThat(run.restarted).isFalse();
        reference = run.outputs;
        assertThat(reference.files().get("bills.jsonl")).hasSize(Fleets.ACROSS_BILLING.customers());
    }

    @Test
    void aFailureAfterACheckpointChangesNoOutput() throws Exception {
        Run run = run("eo_failure", true, (flink, job) -> {});

        assertThat(run.restarted).as("the injected failure restarted the job").isTrue();
        run.outputs.assertSameAs(reference);
    }

    @Test
    void losingOneOfTwoTaskManagersChangesNoOutput() throws Exception {
        Run run =
                run(
                        "eo_lost_taskmanager",
                        false,
                        (flink, job) -> {
                            flink.awaitCheckpoints(job, 1);
                            flink.terminateTaskManager(0);
                        });

        assertThat(run.restarted).as("the lost TaskManager restarted the job").isTrue();
        run.outputs.assertSameAs(reference);
    }

    private record Run(RunOutputs outputs, boolean restarted) {}

    /**
     * Transactions that time out after 30 s instead of 15 min: in one JVM a lost TaskManager's
     * producer threads can outlive it and open a transaction after the restored job has listed and
     * aborted the open ones; the broker ends it after the timeout, and the reader waits for that
     * (OutputTopic). 30 s is far longer than a restart here takes, so nothing committed late is
     * lost to it.
     */
    private KafkaClientProperties shortTransactions() throws Exception {
        Path file = dir.resolve("short-transactions.properties");
        Files.writeString(file, "transaction.timeout.ms=30000\n");
        return KafkaClientProperties.read(file);
    }

    private Run run(String name, boolean failAfterCheckpoint, Trouble trouble) throws Exception {
        Path out = dir.resolve(name);
        new InfluxQueryClient(influxUrl).createDatabase(name);
        MonitorSettings settings =
                MonitorSettings.DEFAULT
                        .withCheckpointInterval(Duration.ofMillis(200))
                        .withCheckpointDir(
                                ScratchFolder.deletedAtExit("gridwatch-eo-").toUri().toString());
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestFlink flink = TestFlink.start(2, 2)) {
            Fleets.createOutputTopics(kafka);
            List<MonitorOutputs> outputs =
                    new java.util.ArrayList<>(
                            List.of(
                                    new FileOutputs(out, settings.zone()),
                                    new KafkaOutputs(
                                            kafka.bootstrapServers(),
                                            settings.zone(),
                                            name,
                                            shortTransactions()),
                                    new InfluxOutputs(
                                            InfluxSettings.of(influxUrl, name, null, null))));
            if (failAfterCheckpoint) {
                outputs.add(new FailOnceAfterCheckpoint(name));
            }
            JobID job =
                    flink.submit(
                            new MonitorJob(
                                    new FileInputs(fleet), MonitorOutputs.all(outputs), settings),
                            2,
                            null);
            trouble.during(flink, job);
            boolean restarted = flink.awaitSuccess(job);
            return new Run(
                    RunOutputs.read(out, kafka.bootstrapServers(), influxUrl, name), restarted);
        }
    }

    /**
     * Throws once, in the metrics stream, at the first point after the first checkpoint completed
     * (checkpoints every 200 ms: the replay is over in a few seconds, and a failure armed later
     * could miss it). Until then each point is held a millisecond: the stream backs up behind it,
     * so points are still to come when the checkpoint completes, however long it takes on a busy
     * machine (CI once saw the replay end before the first checkpoint did, and no failure).
     */
    private static final class FailOnceAfterCheckpoint implements MonitorOutputs {
        private static final long serialVersionUID = 1L;
        private final String run;

        FailOnceAfterCheckpoint(String run) {
            this.run = run;
            FAILED.put(run, new AtomicBoolean());
        }

        @Override
        public void metrics(DataStream<MetricPoint> points) {
            points.map(new Fail(run)).name("inject a failure").sinkTo(new DiscardingSink<>());
        }
    }

    private static final class Fail
            implements MapFunction<MetricPoint, MetricPoint>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        private final String run;
        private transient boolean armed;

        Fail(String run) {
            this.run = run;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            armed |= checkpointId >= 1;
        }

        @Override
        public MetricPoint map(MetricPoint p) throws InterruptedException {
            if (!armed && !FAILED.get(run).get()) {
                Thread.sleep(1);
            }
            if (armed && FAILED.get(run).compareAndSet(false, true)) {
                throw new IllegalStateException("failure injected after a checkpoint");
            }
            return p;
        }
    }
}
