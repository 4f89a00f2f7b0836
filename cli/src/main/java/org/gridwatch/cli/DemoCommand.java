package org.gridwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.detect.TheftEvidence;
import org.gridwatch.core.event.Output;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.io.InfluxOutputs;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.simulator.KafkaFleetSink;
import org.gridwatch.simulator.SimulationConfig;
import org.gridwatch.simulator.TheftMix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch demo}: Kafka, the simulator, the monitor job in a local Flink with its web UI,
 * InfluxDB when one can be had, and a live summary, all from this one process. See docs/demo.md.
 */
@Command(
        name = "demo",
        header = "Everything on this machine, no set-up: Kafka, simulator, Flink, live summary.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The whole system on this machine, no set-up: a Kafka broker inside this process,"
                    + " the simulator playing a fleet into it (one simulated hour per second),"
                    + " the monitor job in a local Flink with its web UI, metrics to InfluxDB when"
                    + " one answers on localhost:8086 or influxd is installed, and a live summary"
                    + " here. Ctrl-C stops everything; nothing is left running or on disk.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  gridwatch demo",
            "  gridwatch demo --customers 10000 --speed 600 --port 8082",
            "  gridwatch demo --customers 200 --duration 60 --no-influx"
        })
public final class DemoCommand implements Callable<Integer> {
    /** Share of the demo fleet who steal, and the day theft starts (see config()). */
    static final double DEMO_THIEVES = 0.02;

    static final int DEMO_THEFT_START = TheftEvidence.MIN_HISTORY_DAYS;

    /** Parallel tasks of the job: two, to show the shape of a parallel job on a laptop. */
    static final int PARALLELISM = 2;

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    private static final Duration REFRESH_ON_TERMINAL = Duration.ofSeconds(2);
    private static final Duration REFRESH_ELSEWHERE = Duration.ofSeconds(10);

    @Spec CommandSpec spec;

    @Option(
            names = "--customers",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Customers of the simulated fleet (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(
            names = "--days",
            paramLabel = "D",
            defaultValue = "45",
            description = "Simulated days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--speed",
            paramLabel = "X",
            defaultValue = "3600",
            description =
                    "Simulated seconds per second (default: ${DEFAULT-VALUE}, an hour a second;"
                            + " 0 = as fast as possible).")
    double speed;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Seed of the simulated fleet (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--influx",
            paramLabel = "URL",
            description = "Write metrics to this InfluxDB (default: localhost:8086 if it answers).")
    String influx;

    @Option(names = "--no-influx", description = "Write no metrics to any InfluxDB.")
    boolean noInflux;

    @Option(
            names = "--private-influx",
            description =
                    "Start a private influxd even when one answers on localhost:8086 (its data"
                            + " is deleted when the demo stops).")
    boolean privateInflux;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8081",
            description = "Port of Flink's web UI (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(
            names = "--duration",
            paramLabel = "SECONDS",
            description = "Stop by itself after this long (default: at Ctrl-C).")
    Long durationSeconds;

    private volatile SummarySnapshot lastSnapshot;
    private volatile long lastInfluxLoadPoints = -1;

    @Override
    public Integer call() throws Exception {
        SimulationConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "gridwatch demo: %,d customers, %d days from %s, %s%n",
                customers,
                days,
                config.start(),
                speed == 0
                        ? "as fast as possible"
                        : speed == 3600
                                ? "an hour a second"
                                : String.format(Locale.ROOT, "speed %,.0f", speed));
        String log = System.getProperty("gridwatch.log.file");
        if (log != null) {
            out.println("  log       " + shortPath(log));
        }
        out.flush();
        long started = System.nanoTime();
        try (StopRequest stop = StopRequest.onCtrlC();
                DemoInflux influx = influx();
                EmbeddedKafka kafka = startKafka(out);
                LiveSummary summary = LiveSummary.open(MonitorSettings.DEFAULT.allowedLateness());
                LocalFlink flink = LocalFlink.start(PARALLELISM, port)) {
            MonitorSettings settings = settings(flink.scratchCheckpoints());
            List<String> where = influx.describe();
            out.println("  InfluxDB  " + where.get(0));
            for (String more : where.subList(1, where.size())) {
                out.println("            " + more);
            }
            out.println("  Flink     " + flink.webUi() + " (web UI), parallelism " + PARALLELISM);
            out.flush();
            StreamExecutionEnvironment env = flink.environment();
            new MonitorJob(
                            new CountedInputs(
                                    new KafkaInputs(
                                            kafka.bootstrapServers(), "gridwatch-demo", false),
                                    summary),
                            outputs(kafka.bootstrapServers(), settings, influx, summary),
                            settings)
                    .build(env);
            // The sink creates the input topics (customers compacted, retention unlimited) before
            // the job subscribes to them.
            KafkaFleetSink sink = new KafkaFleetSink(kafka.bootstrapServers(), null, PARALLELISM);
            JobID job;
            try {
                job = flink.submit(env, "GridWatch monitor (demo)");
            } catch (Exception e) {
                sink.close();
                throw e;
            }
            CompletableFuture<JobResult> result = flink.result(job);
            try (SimulatorRun simulator = SimulatorRun.start(config, sink)) {
                showUntilStopped(stop, summary, simulator, result, influx, flink, config, started);
                out.println("stopping ...");
                out.flush();
            }
            flink.cancel(job);
            QuietKafka.clientsToLogFileOnly();
            Throwable failure = result.isDone() ? LocalFlink.failure(result.get()) : null;
            if (failure != null) {
                throw new IllegalStateException(
                        "the monitor job failed: " + LocalFlink.reason(failure));
            }
        }
        out.println("stopped");
        out.flush();
        return ExitCode.OK;
    }

    /** Refreshes the summary until Ctrl-C, --duration, or a failure of the job or simulator. */
    private void showUntilStopped(
            StopRequest stop,
            LiveSummary summary,
            SimulatorRun simulator,
            CompletableFuture<JobResult> job,
            DemoInflux influx,
            LocalFlink flink,
            SimulationConfig config,
            long started)
            throws InterruptedException {
        boolean terminal = DemoScreen.isTerminal();
        try (DemoScreen screen =
                new DemoScreen(
                        spec.commandLine().getOut(),
                        terminal,
                        config.zone(),
                        flink.webUi().toString(),
                        influx)) {
            refresh(stop, summary, simulator, job, influx, screen, terminal, started);
        }
    }

    private void refresh(
            StopRequest stop,
            LiveSummary summary,
            SimulatorRun simulator,
            CompletableFuture<JobResult> job,
            DemoInflux influx,
            DemoScreen screen,
            boolean terminal,
            long started)
            throws InterruptedException {
        Duration refresh = terminal ? REFRESH_ON_TERMINAL : REFRESH_ELSEWHERE;
        long deadline =
                durationSeconds == null
                        ? Long.MAX_VALUE
                        : started + Duration.ofSeconds(durationSeconds).toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Duration wait =
                    left < refresh.toNanos() ? Duration.ofNanos(Math.max(left, 0)) : refresh;
            boolean stopNow = stop.await(wait) || System.nanoTime() >= deadline;
            lastSnapshot = summary.snapshot();
            lastInfluxLoadPoints = influx.loadPoints();
            screen.show(
                    screen.lines(
                            lastSnapshot,
                            simulator,
                            lastInfluxLoadPoints,
                            System.nanoTime() - started));
            if (stopNow || job.isDone() || simulator.failure() != null) {
                screen.leave();
                if (simulator.failure() != null) {
                    throw new IllegalStateException(
                            "the simulator failed: " + simulator.failure().getMessage());
                }
                return;
            }
        }
    }

    private SimulationConfig config() {
        if (noInflux && (influx != null || privateInflux)) {
            throw usage("--no-influx goes with neither --influx nor --private-influx");
        }
        if (influx != null && privateInflux) {
            throw usage("give --influx URL or --private-influx, not both");
        }
        if (port < 0 || port > 65535) {
            throw usage("--port must be 0..65535, got " + port);
        }
        if (port != 0 && !LocalFlink.isFree(port)) {
            throw new IllegalStateException(LocalFlink.portTaken(port));
        }
        if (durationSeconds != null && durationSeconds <= 0) {
            throw usage("--duration must be a positive number of seconds");
        }
        try {
            // 2% thieves from day 21 (earlier in a short run): the three weeks of honest history
            // the detectors need before they judge a day, then theft for them to find.
            return SimulationConfig.of(customers, days, seed)
                    .withSpeed(speed)
                    .withTheft(TheftMix.of(DEMO_THIEVES, Math.min(DEMO_THEFT_START, days / 2)));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /**
     * The job's settings for a demo. Idleness is wall-clock time: at an hour a second, a stream
     * silent for 5 s has been silent for 5 simulated hours (payments, an area's supply on one
     * partition), and waiting the production default of a minute would hold event time back for a
     * simulated 2.5 days. The master is read within a second of the start. Checkpoints every 5 s
     * flush InfluxDB often enough for a live dashboard.
     */
    static MonitorSettings settings(String checkpointDir) {
        return MonitorSettings.DEFAULT
                .withIdleness(Duration.ofSeconds(5), Duration.ofSeconds(2))
                .withCheckpointInterval(Duration.ofSeconds(5))
                .withCheckpointDir(checkpointDir);
    }

    private DemoInflux influx() {
        if (noInflux) {
            return DemoInflux.none("--no-influx");
        }
        if (influx != null) {
            return DemoInflux.at(influx);
        }
        return DemoInflux.find(privateInflux);
    }

    private static EmbeddedKafka startKafka(PrintWriter out) {
        EmbeddedKafka kafka = QuietKafka.start();
        List<String> outputs = new ArrayList<>();
        for (Output o : Output.values()) {
            outputs.add(o.topic());
        }
        kafka.createTopics(PARALLELISM, outputs.toArray(String[]::new));
        out.println(
                "  Kafka     "
                        + kafka.bootstrapServers()
                        + " (inside this process; deleted when the demo stops)");
        out.flush();
        return kafka;
    }

    private static MonitorOutputs outputs(
            String kafka, MonitorSettings settings, DemoInflux influx, LiveSummary summary) {
        List<MonitorOutputs> all = new ArrayList<>();
        all.add(new KafkaOutputs(kafka, settings.zone(), "gridwatch-demo"));
        if (influx.isAvailable()) {
            all.add(new InfluxOutputs(influx.settings()));
        }
        all.add(new LiveSummaryOutputs(summary));
        return MonitorOutputs.all(all);
    }

    /** The path relative to the working folder when it lies below it. */
    private static String shortPath(String file) {
        Path path = Path.of(file).toAbsolutePath();
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path).toString() : file;
    }

    private ParameterException usage(String reason) {
        return new ParameterException(spec.commandLine(), reason);
    }

    /** The summary as last shown, for tests; null before the first refresh. */
    SummarySnapshot lastSnapshot() {
        return lastSnapshot;
    }

    /** The load points InfluxDB held at the last refresh; -1 without InfluxDB. */
    long lastInfluxLoadPoints() {
        return lastInfluxLoadPoints;
    }
}
