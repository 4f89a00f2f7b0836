package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.ScratchFolder;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.FileOutputs;
import org.gridwatch.jobs.io.InfluxOutputs;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.gridwatch.jobs.io.MonitorInputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.simulator.FleetSimulator;
import org.gridwatch.simulator.KafkaFleetSink;
import org.gridwatch.simulator.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts around the job fail while it runs: influxd stopped for a minute, the Kafka broker
 * restarted. The job reads the fleet from Kafka and must end with every bill, segment and rejection
 * once (files and topics read committed) and every InfluxDB point present: the same as a replay of
 * the same fleet from files that nothing troubled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    private LocalInfluxd influxd;
    private RunOutputs reference;

    @BeforeAll
    void replayTheFleetUntroubled() throws Exception {
        influxd = LocalInfluxd.start();
        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(Fleets.ACROSS_BILLING, fleet);
        reference = run("reference", null, new FileInputs(fleet), (flink, job) -> {});
    }

    @AfterAll
    void stopInfluxd() {
        influxd.close();
    }

    @Test
    void influxdStoppedForAMinuteMidRunLosesNoBillAndNoPoint() throws Exception {
        try (EmbeddedKafka kafka = fleetInKafka()) {
            RunOutputs run =
                    run(
                            "influx_outage",
                            kafka,
                            new KafkaInputs(kafka.bootstrapServers(), "outage", true),
                            (flink, job) -> {
                                awaitFirstPoints("influx_outage");
                                influxd.restart(Duration.ofSeconds(60));
                            });

            run.assertSameAs(reference);
            assertTopicsHoldTheFiles(run, kafka);
        }
    }

    @Test
    void aKafkaBrokerRestartedMidRunLosesNothing() throws Exception {
        try (EmbeddedKafka kafka = fleetInKafka()) {
            RunOutputs run =
                    run(
                            "broker_restart",
                            kafka,
                            new KafkaInputs(kafka.bootstrapServers(), "restart", true),
                            (flink, job) -> {
                                flink.awaitCheckpoints(job, 1);
                                kafka.restartBroker(Duration.ofSeconds(10));
                            });

            run.assertSameAs(reference);
            assertTopicsHoldTheFiles(run, kafka);
        }
    }

    private EmbeddedKafka fleetInKafka() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Fleets.createOutputTopics(kafka);
        try (KafkaFleetSink sink =
                new KafkaFleetSink(
                        kafka.bootstrapServers(), dir.resolve("truth-" + System.nanoTime()), 2)) {
            new FleetSimulator(Fleets.ACROSS_BILLING).run(sink, Progress.NONE);
        }
        return kafka;
    }

    @FunctionalInterface
    private interface Trouble {
        void during(TestFlink flink, JobID job) throws Exception;
    }

    private RunOutputs run(String name, EmbeddedKafka kafka, MonitorInputs inputs, Trouble trouble)
            throws Exception {
        Path out = dir.resolve(name);
        new InfluxQueryClient(influxd.url()).createDatabase(name);
        MonitorSettings settings =
                MonitorSettings.DEFAULT
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withCheckpointDir(
                                ScratchFolder.deletedAtExit("gridwatch-outage-")
                                        .toUri()
                                        .toString());
        List<MonitorOutputs> outputs = new ArrayList<>();
        outputs.add(new FileOutputs(out, settings.zone()));
        outputs.add(new InfluxOutputs(InfluxSettings.of(influxd.url(), name, null, null)));
        if (kafka != null) {
            outputs.add(new KafkaOutputs(kafka.bootstrapServers(), settings.zone(), name));
        }
        try (TestFlink flink = TestFlink.start(1, 2)) {
            JobID job =
                    flink.submit(
                            new MonitorJob(inputs, MonitorOutputs.all(outputs), settings), 2, null);
            trouble.during(flink, job);
            flink.awaitSuccess(job);
        }
        return RunOutputs.read(
                out, kafka == null ? null : kafka.bootstrapServers(), influxd.url(), name);
    }

    private void awaitFirstPoints(String db) throws Exception {
        InfluxQueryClient client = new InfluxQueryClient(influxd.url());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (client.query(db, "SELECT count(\"kwh\") FROM \"load\"").series().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no load point in " + db + " after 2 minutes");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Each topic, read committed, holds the file's records once; the segments topic every change,
     * in order per customer, ending in the file's last state.
     */
    private static void assertTopicsHoldTheFiles(RunOutputs run, EmbeddedKafka kafka)
            throws Exception {
        assertThat(run.topics().get("bills")).isEqualTo(run.files().get("bills.jsonl"));
        assertThat(run.topics().get("rejected")).isEqualTo(run.files().get("rejected.jsonl"));
        Map<String, String> last = new TreeMap<>();
        for (String change : OutputTopic.read(kafka.bootstrapServers(), "customer-segments")) {
            last.put(JSON.readTree(change).get("customerId").asText(), change);
        }
        assertThat(last.values())
                .containsExactlyInAnyOrderElementsOf(run.files().get("segments.jsonl"));
    }
}
