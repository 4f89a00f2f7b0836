package org.gridwatch.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.embedded.ScratchFolder;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.io.FileOutputs;
import org.gridwatch.jobs.io.InfluxOutputs;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.gridwatch.jobs.io.MonitorInputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.simulator.FileFleetSink;
import org.gridwatch.simulator.FleetSimulator;
import org.gridwatch.simulator.PayerMix;
import org.gridwatch.simulator.Progress;
import org.gridwatch.simulator.SimulationConfig;
import org.gridwatch.simulator.TheftMix;

/** The fleet every integration test uses, and how the tests run the real monitor job over it. */
public final class Fleets {
    private Fleets() {}

    /**
     * Small enough for seconds, big enough for every class, many areas and every delivery fault;
     * across a month's end, so that January is billed (a replay does not bill the month its data
     * ends inside: February here).
     */
    public static final SimulationConfig SMALL =
            SimulationConfig.of(300, 4, 2026).withStart(LocalDate.of(2026, 1, 29));

    /**
     * Seven weeks with a tenth of the customers stealing from day 28 (every attack kind), for the
     * detectors through the real job: their history needs three weeks before a day is judged.
     */
    public static final SimulationConfig THEFT =
            SimulationConfig.of(400, 49, 2031).withTheft(TheftMix.of(0.1, 28));

    /**
     * Across a billing: January 20 to February 9, so that January's bills are issued while the job
     * runs (event time passes February 8, the month's end plus the allowed lateness), not only at
     * the end of the input. For the tests that trouble a running job.
     */
    public static final SimulationConfig ACROSS_BILLING =
            SimulationConfig.of(200, 20, 2029).withStart(LocalDate.of(2026, 1, 20));

    /**
     * Half a year with every persona, for the customer-value checks: January to June are billed
     * (the data runs to July 3; June's bill needs the month's last day). Billing starts with the
     * run (no opening bill), so the job knows every bill a payment settles.
     */
    public static final SimulationConfig HALF_YEAR =
            SimulationConfig.of(400, 184, 2027).withOpeningBill(false);

    /**
     * Five and a half months with the varied payer personas (late, never, occasional, chronic,
     * bouncing, pre-paid run-outs), for the arrears alerts: January's and February's bills can
     * reach 90 days past due within the run. No opening bill, so the job bills every bill that can
     * fall into arrears.
     */
    public static final SimulationConfig ARREARS =
            SimulationConfig.of(500, 170, 2037)
                    .withPayerMix(PayerMix.VARIED)
                    .withOpeningBill(false);

    /**
     * Creates the job's output topics, as an operator does before starting it (docker-compose's
     * kafka-topics service): a topic auto-created by the first transactional write can fail that
     * write with an out-of-order sequence while its partition gets its leader.
     */
    public static void createOutputTopics(EmbeddedKafka kafka) {
        kafka.createTopics(2, "bills", "customer-segments", "rejected", "alerts");
    }

    /**
     * The monitor job live on Kafka, as the live-feed tests run it: transactional outputs committed
     * at each checkpoint (every second), and a stream other than the readings idle after 10 s
     * without records instead of a minute. {@code name} is its consumer group, transactions' prefix
     * and checkpoint folder's.
     */
    public static MonitorJob live(EmbeddedKafka kafka, String name) {
        MonitorSettings settings =
                MonitorSettings.DEFAULT
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withCheckpointDir(
                                ScratchFolder.deletedAtExit("gridwatch-" + name + "-")
                                        .toUri()
                                        .toString())
                        .withIdleness(
                                Duration.ofSeconds(10), MonitorSettings.DEFAULT.masterIdleness());
        return new MonitorJob(
                new KafkaInputs(kafka.bootstrapServers(), name, false),
                new KafkaOutputs(kafka.bootstrapServers(), settings.zone(), name),
                settings);
    }

    public static void simulateToFiles(SimulationConfig config, Path dir) throws Exception {
        try (FileFleetSink sink = new FileFleetSink(dir)) {
            new FleetSimulator(config).run(sink, Progress.NONE);
        }
    }

    /**
     * Runs the monitor job to its end in a local Flink of parallelism 2. Restarts are off: a bad
     * record that made the job fail would fail the test instead of being retried away.
     */
    public static void monitor(MonitorInputs inputs, Path out, String influxUrl, String database)
            throws Exception {
        monitor(inputs, out, influxUrl, database, List.of());
    }

    /** As above, with more outputs (e.g. the Kafka topics) beside the files and InfluxDB. */
    public static void monitor(
            MonitorInputs inputs,
            Path out,
            String influxUrl,
            String database,
            List<MonitorOutputs> more)
            throws Exception {
        monitor(2, inputs, out, influxUrl, database, more);
    }

    /** As above, at the given parallelism. */
    public static void monitor(
            int parallelism,
            MonitorInputs inputs,
            Path out,
            String influxUrl,
            String database,
            List<MonitorOutputs> more)
            throws Exception {
        List<MonitorOutputs> outputs = new ArrayList<>();
        outputs.add(new FileOutputs(out, MonitorSettings.DEFAULT.zone()));
        if (influxUrl != null) {
            outputs.add(new InfluxOutputs(InfluxSettings.of(influxUrl, database, null, null)));
        }
        outputs.addAll(more);
        run(parallelism, inputs, outputs, checkpointed(MonitorSettings.DEFAULT));
    }

    /** As above, writing files only, with the settings {@code change} makes (a zone, say). */
    public static void monitor(
            MonitorInputs inputs,
            Path out,
            java.util.function.UnaryOperator<MonitorSettings> change)
            throws Exception {
        MonitorSettings settings = checkpointed(change.apply(MonitorSettings.DEFAULT));
        run(2, inputs, List.of(new FileOutputs(out, settings.zone())), settings);
    }

    private static MonitorSettings checkpointed(MonitorSettings settings) {
        return settings.withCheckpointInterval(Duration.ofSeconds(1))
                .withCheckpointDir(
                        ScratchFolder.deletedAtExit("gridwatch-checkpoints-").toUri().toString());
    }

    /**
     * Runs the monitor job to its end writing files only, without checkpoints: for inputs that
     * block a source task, whose barrier an aligned checkpoint would wait for.
     */
    public static void monitorWithoutCheckpoints(int parallelism, MonitorInputs inputs, Path out)
            throws Exception {
        run(
                parallelism,
                inputs,
                List.of(new FileOutputs(out, MonitorSettings.DEFAULT.zone())),
                MonitorSettings.DEFAULT.withCheckpointInterval(Duration.ZERO));
    }

    private static void run(
            int parallelism,
            MonitorInputs inputs,
            List<MonitorOutputs> outputs,
            MonitorSettings settings)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        new MonitorJob(inputs, MonitorOutputs.all(outputs), settings).execute(env);
    }
}
