package org.gridwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Source;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.simulator.FileFleetSink;
import org.gridwatch.simulator.FleetSimulator;
import org.gridwatch.simulator.Progress;
import org.gridwatch.simulator.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch bench}: the monitor job against a trivial baseline job over the same readings,
 * alternated in one run so that a noisy machine slows both alike (docs/benchmarks.md).
 */
@Command(
        name = "bench",
        header = "The monitor's throughput against a trivial Flink job's, from files and Kafka.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Generates a fleet (or takes --input), then runs, alternating in this one process (or"
                    + " each in a JVM of its own: --separate-jvms), the"
                    + " monitor job with everything on (as `gridwatch monitor --input/--kafka"
                    + " --out` runs it) and the trivial baseline (parse each reading's JSON, key"
                    + " by meter, keep a sum in keyed state) over the same readings: from the"
                    + " files, and from a Kafka broker started in this process. Prints"
                    + " readings/s of each run; after the warm-up rounds, the median of each"
                    + " job, their ratio, and the median of each round's ratio (paired).",
            "Then, from Kafka, the latency: the monitor reading a live feed at a quarter of its"
                    + " median (--latency-rate), twice in this process, the second measured (in"
                    + " the first the JIT compiles the job's code as it runs).",
            "A benchmark, not a test: run it on a machine doing nothing else, and compare runs"
                    + " on the same machine only.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  gridwatch bench                                  # 1,000 customers x 35 days",
            "  gridwatch bench --customers 10000 --days 7 --rounds 2 --sources files",
            "  gridwatch bench --input runs/jan --sources kafka"
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "Use this folder's .jsonl files instead of generating a fleet.")
    Path input;

    @Option(
            names = "--customers",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Customers of the generated fleet (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(
            names = "--days",
            paramLabel = "D",
            defaultValue = "35",
            description =
                    "Days of the generated fleet (default: ${DEFAULT-VALUE}: a month billed and"
                            + " valued).")
    int days;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "Seed of the generated fleet (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rounds",
            paramLabel = "R",
            defaultValue = "3",
            description =
                    "Rounds per source; each runs the monitor, then the baseline (default:"
                            + " ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--warmup",
            paramLabel = "W|auto",
            defaultValue = "2",
            description =
                    "Rounds per source run first and left out of the medians: the JIT is still"
                            + " compiling the monitor's code in them (default: ${DEFAULT-VALUE})."
                            + " auto: as many as it takes until a round in which neither job's"
                            + " JVM spent more than 5%% of the job's wall time compiling (at most"
                            + " --max-warmup), so that the rounds measured are the steady state of"
                            + " a job that runs for days.")
    String warmup;

    /**
     * {@code --warmup auto}: a round is warm when neither job's JVM compiled longer than this share
     * of the job's wall time. Judgement: a twentieth is within the bench's own run-to-run spread
     * (±0.03 of the ratio), where the first minutes' compiling took a third to all of one of two
     * cores (docs/benchmarks.md, session 19).
     */
    static final double SETTLED_JIT_SHARE = 0.05;

    @Option(
            names = "--max-warmup",
            paramLabel = "N",
            defaultValue = "60",
            description =
                    "With --warmup auto: measure after at most this many warm-up rounds, settled"
                            + " or not (default: ${DEFAULT-VALUE}).")
    int maxWarmup;

    /** The warm-up rounds asked for; {@link #AUTO} for {@code auto}. */
    private int warmupRounds;

    private static final int AUTO = -1;

    @Option(
            names = "--parallelism",
            paramLabel = "P",
            defaultValue = "2",
            description = "Parallelism of both jobs (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--task-managers",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Task managers of the local cluster, sharing the slots (default:"
                            + " ${DEFAULT-VALUE}; 2 sends records between them over the network"
                            + " stack, as a cluster does).")
    int taskManagers;

    @Option(
            names = "--sources",
            paramLabel = "LIST",
            split = ",",
            defaultValue = "files,kafka",
            description =
                    "Where the jobs read from: files, kafka or both (default: ${DEFAULT-VALUE}).")
    List<String> sources;

    @Option(
            names = "--latency-rate",
            paramLabel = "READINGS_PER_S",
            description =
                    "Measure latency with readings sent to Kafka at this rate (default: a quarter"
                            + " of the monitor's median from Kafka; 0 to skip the latency run).")
    Double latencyRate;

    @Option(
            names = "--checkpoint-interval-ms",
            paramLabel = "MS",
            defaultValue = "10000",
            description =
                    "The monitor's checkpoint interval (default: ${DEFAULT-VALUE}, as `gridwatch"
                            + " monitor`).")
    long checkpointIntervalMs;

    @Option(
            names = "--heap",
            description =
                    "Instead of timing: measure the heap the monitor's state takes. The job reads"
                            + " every topic from an in-process broker unbounded, so that its"
                            + " state stays at the data's last event time; then the live heap"
                            + " (after a full GC) with the job holding it and after cancelling"
                            + " it, their difference per customer and by class.")
    boolean heap;

    @Option(
            names = "--heap-dump",
            paramLabel = "FILE",
            description =
                    "With --heap: also write the live heap, while the job holds its state, to FILE"
                            + " (HPROF, for a heap analyser; it must not exist yet).")
    Path heapDump;

    @Option(
            names = "--separate-jvms",
            description =
                    "Run each job in a JVM of its own, started once and given every round of its"
                            + " job (still alternating): in one JVM the two jobs share the JIT's"
                            + " compiled code and undo each other's. The CPU times are then each"
                            + " job's JVM's, without the broker's.")
    boolean separateJvms;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("--rounds must be >= 1 and --parallelism 1..64");
        }
        warmupRounds = warmupRounds(warmup);
        if (maxWarmup < 1) {
            throw new IllegalArgumentException("--max-warmup must be >= 1");
        }
        if (latencyRate != null && latencyRate > 0 && !sources.contains("kafka")) {
            throw new IllegalArgumentException("--latency-rate needs kafka in --sources");
        }
        if (heapDump != null && !heap) {
            throw new IllegalArgumentException("--heap-dump needs --heap");
        }
        if (heapDump != null && Files.exists(heapDump)) {
            throw new IllegalArgumentException(
                    "--heap-dump: " + heapDump + " exists already; the JVM writes only a new file");
        }
        if (taskManagers < 1 || taskManagers > parallelism) {
            throw new IllegalArgumentException("--task-managers must be 1..--parallelism");
        }
        for (String s : sources) {
            if (!s.equals("files") && !s.equals("kafka")) {
                throw new IllegalArgumentException(
                        "--sources takes files, kafka or both, not " + s);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("gridwatch-bench-");
        try {
            Path data = input != null ? input : generate(scratch.resolve("fleet"), out);
            long readings = lines(data.resolve(Source.METER_READINGS.fileName()));
            out.printf(
                    Locale.ROOT,
                    "bench: %,d readings in %s, parallelism %d on %d task manager(s), %s, %d"
                            + " cores, max heap %,d MB%n",
                    readings,
                    data,
                    parallelism,
                    taskManagers,
                    heap
                            ? "the heap of the state"
                            : rounds
                                    + " round(s) after "
                                    + (warmupRounds == AUTO
                                            ? "warm-up rounds until the JIT settles"
                                            : warmupRounds + " warm-up round(s)"),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            out.flush();
            if (heap) {
                HeapBench.run(
                        data,
                        parallelism,
                        taskManagers,
                        checkpointIntervalMs,
                        scratch,
                        heapDump,
                        out);
                return 0;
            }
            List<String> summary = new ArrayList<>();
            if (sources.contains("files")) {
                summary.add(filesBench(data, readings, scratch, out));
            }
            String latency = null;
            if (sources.contains("kafka")) {
                Runs fromKafka = new Runs(readings);
                summary.add(kafkaBench(data, readings, scratch, out, fromKafka));
                double rate = latencyRate != null ? latencyRate : fromKafka.median() / 4;
                if (rate > 0) {
                    latency = latencyBench(data, rate, out);
                }
            }
            out.println();
            out.println(
                    "source  monitor (median, readings/s)  baseline (median, readings/s)  ratio"
                            + "  paired ratio  monitor µs CPU/reading  baseline µs CPU/reading"
                            + "  CPU ratio  JIT, monitor  JIT, baseline");
            summary.forEach(out::println);
            if (latency != null) {
                out.println(latency);
            }
            out.flush();
            return 0;
        } finally {
            LocalFlink.deleteTree(scratch);
        }
    }

    private Path generate(Path dir, PrintWriter out) throws Exception {
        out.printf(
                Locale.ROOT,
                "bench: simulating %,d customers x %d days (seed %d) into %s%n",
                customers,
                days,
                seed,
                dir);
        out.flush();
        try (FileFleetSink sink = new FileFleetSink(dir)) {
            new FleetSimulator(SimulationConfig.of(customers, days, seed)).run(sink, Progress.NONE);
        }
        return dir;
    }

    private String filesBench(Path data, long readings, Path scratch, PrintWriter out)
            throws Exception {
        Runs monitor = new Runs(readings);
        Runs baseline = new Runs(readings);
        BenchHost monitorHost = newHost();
        BenchHost baselineHost = separateJvms ? newHost() : monitorHost;
        try {
            sayWhere(monitorHost, baselineHost, out);
            Round round =
                    (run, label, measured) -> {
                        Path outDir = scratch.resolve("out-files-" + run);
                        Ran m = monitorHost.monitorFiles(data, outDir);
                        monitor.add(measured, report(out, "files", "monitor", label, readings, m));
                        if (measured == rounds) {
                            monitorHost.printState(data, out);
                        }
                        Ran b = baselineHost.baselineFiles(data);
                        baseline.add(
                                measured, report(out, "files", "baseline", label, readings, b));
                        return settled(m) && settled(b);
                    };
            runRounds(round, out);
        } finally {
            close(monitorHost, baselineHost);
        }
        return monitor.line("files", baseline);
    }

    private String kafkaBench(Path data, long readings, Path scratch, PrintWriter out, Runs monitor)
            throws Exception {
        Runs baseline = new Runs(readings);
        try (EmbeddedKafka kafka = QuietKafka.start()) {
            long loaded = KafkaLoad.topics(kafka, data, parallelism);
            out.printf(
                    Locale.ROOT,
                    "bench: %,d records loaded into Kafka at %s (%d partitions a topic)%n",
                    loaded,
                    kafka.bootstrapServers(),
                    parallelism);
            out.flush();
            BenchHost monitorHost = newHost();
            BenchHost baselineHost = separateJvms ? newHost() : monitorHost;
            try {
                sayWhere(monitorHost, baselineHost, out);
                String servers = kafka.bootstrapServers();
                Round round =
                        (run, label, measured) -> {
                            Ran m = monitorHost.monitorKafka(servers, "bench-monitor-" + run);
                            monitor.add(
                                    measured, report(out, "kafka", "monitor", label, readings, m));
                            Ran b = baselineHost.baselineKafka(servers, "bench-baseline-" + run);
                            baseline.add(
                                    measured, report(out, "kafka", "baseline", label, readings, b));
                            return settled(m) && settled(b);
                        };
                runRounds(round, out);
            } finally {
                close(monitorHost, baselineHost);
            }
            QuietKafka.clientsToLogFileOnly();
        }
        return monitor.line("kafka", baseline);
    }

    /**
     * One round of a source: the monitor, then the baseline; whether both ran with the JIT done.
     */
    @FunctionalInterface
    private interface Round {
        /**
         * @param run the round's number among all of the source's rounds, warm-up ones included
         * @param label as the round's lines print it
         * @param measured the round's number among the measured ones, 0 for a warm-up round
         */
        boolean run(int run, String label, int measured) throws Exception;
    }

    /** The warm-up rounds (a number, or until the JIT settles), then the measured ones. */
    private void runRounds(Round round, PrintWriter out) throws Exception {
        int limit = warmupRounds == AUTO ? maxWarmup : warmupRounds;
        boolean settled = false;
        int run = 0;
        for (int w = 1; w <= limit && !settled; w++) {
            settled = round.run(++run, "warm-up " + w, 0) && warmupRounds == AUTO;
        }
        if (warmupRounds == AUTO && !settled) {
            out.printf(
                    Locale.ROOT,
                    "bench: the JIT was still compiling after %d warm-up rounds; measuring"
                            + " anyway (see the JIT column)%n",
                    maxWarmup);
        }
        for (int r = 1; r <= rounds; r++) {
            round.run(++run, "round " + r, r);
        }
    }

    /** Whether a run's JVM spent at most {@link #SETTLED_JIT_SHARE} of its wall time compiling. */
    static boolean settled(Ran ran) {
        return ran.jitNanos() <= SETTLED_JIT_SHARE * ran.nanos();
    }

    /** {@code --warmup}: a number of rounds, or {@link #AUTO}. */
    static int warmupRounds(String warmup) {
        if (warmup.equals("auto")) {
            return AUTO;
        }
        try {
            int n = Integer.parseInt(warmup);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(
                "--warmup takes a number of rounds (0 or more) or auto, not \"" + warmup + "\"");
    }

    /** Where the jobs run: this JVM's Flink, or one JVM a job ({@code --separate-jvms}). */
    private BenchHost newHost() throws Exception {
        return separateJvms
                ? new BenchHost.Worker(parallelism, taskManagers, checkpointIntervalMs)
                : new BenchHost.InProcess(parallelism, taskManagers, checkpointIntervalMs);
    }

    private static void sayWhere(BenchHost monitor, BenchHost baseline, PrintWriter out) {
        if (monitor != baseline) {
            out.printf(
                    Locale.ROOT,
                    "bench: the monitor runs in JVM %d, the baseline in JVM %d (this is %d)%n",
                    monitor.pid(),
                    baseline.pid(),
                    ProcessHandle.current().pid());
            out.flush();
        }
    }

    private static void close(BenchHost monitorHost, BenchHost baselineHost) throws Exception {
        try {
            monitorHost.close();
        } finally {
            if (baselineHost != monitorHost) {
                baselineHost.close();
            }
        }
    }

    /** The monitor's settings: the defaults, checkpointing as asked into the cluster's scratch. */
    static MonitorSettings monitorSettings(LocalFlink flink, long checkpointIntervalMs) {
        return MonitorSettings.DEFAULT
                .withCheckpointDir(flink.scratchCheckpoints())
                .withCheckpointInterval(java.time.Duration.ofMillis(checkpointIntervalMs));
    }

    /**
     * The monitor reading Kafka live while readings arrive at {@code rate} a second: for each
     * quarter hour, the time from its last on-time record sent to its first load point written.
     * Measured on the second of two runs in this JVM: in the first the JIT compiles the job's code
     * while it runs, a core's worth of CPU for most of the run on this machine, which is the cost
     * of a job's first minutes, not its latency once it has run a while.
     */
    private String latencyBench(Path data, double rate, PrintWriter out) throws Exception {
        out.printf(
                Locale.ROOT,
                "bench: latency at %,.0f readings/s (meter and area readings sent in time order):"
                        + " a first run compiles the job's code in this JVM, the second is"
                        + " measured%n",
                rate);
        out.flush();
        Latency first = latencyRun(data, rate, out);
        out.println("  first run (not measured): " + first.describe());
        out.flush();
        Latency second = latencyRun(data, rate, out);
        if (second.sorted().isEmpty()) {
            return "latency: no quarter hour was written (see the log)";
        }
        return String.format(
                Locale.ROOT,
                "latency from Kafka at %,.0f readings/s (%s; the first run, compiling: %s)",
                rate,
                second.describe(),
                first.sorted().isEmpty()
                        ? "no quarter hour written"
                        : String.format(Locale.ROOT, "p99 %,d ms", first.percentile(0.99)));
    }

    /**
     * One latency run's quarter hours' latencies, sorted, and the time this JVM's compiler threads
     * spent compiling while the readings were sent.
     */
    record Latency(List<Long> sorted, long jitMillis) {
        long percentile(double p) {
            return BenchCommand.percentile(sorted, p);
        }

        String describe() {
            if (sorted.isEmpty()) {
                return "no quarter hour written";
            }
            return String.format(
                    Locale.ROOT,
                    "%,d quarter hours, last reading sent -> load point written: p50 %,d ms,"
                            + " p99 %,d ms, max %,d ms; JIT %.1f s while sending",
                    sorted.size(),
                    percentile(0.50),
                    percentile(0.99),
                    sorted.get(sorted.size() - 1),
                    jitMillis / 1000.0);
        }
    }

    /** A monitor job on a fresh broker and local cluster, fed live at {@code rate}. */
    private Latency latencyRun(Path data, double rate, PrintWriter out) throws Exception {
        LatencyProbe probe = new LatencyProbe("bench-" + System.nanoTime());
        java.lang.management.CompilationMXBean jit =
                java.lang.management.ManagementFactory.getCompilationMXBean();
        try (EmbeddedKafka kafka = QuietKafka.start();
                LocalFlink flink = LocalFlink.start(parallelism, 0, taskManagers);
                LiveSummary summary = LiveSummary.open(MonitorSettings.DEFAULT.allowedLateness())) {
            String servers = kafka.bootstrapServers();
            KafkaLoad.topics(
                    kafka,
                    data,
                    parallelism,
                    java.util.EnumSet.of(Source.CUSTOMERS, Source.PAYMENTS, Source.INSPECTIONS));
            long customers = lines(data.resolve(Source.CUSTOMERS.fileName()));
            MonitorSettings settings = monitorSettings(flink, checkpointIntervalMs);
            StreamExecutionEnvironment env = flink.environment();
            new MonitorJob(
                            new CountedInputs(
                                    new KafkaInputs(servers, "bench-latency", false), summary),
                            MonitorOutputs.all(
                                    List.of(
                                            new KafkaOutputs(
                                                    servers, settings.zone(), "bench-latency"),
                                            new LiveSummaryOutputs(summary),
                                            probe)),
                            settings)
                    .build(env);
            JobID job = flink.submit(env, "bench latency");
            // Readings are sent once the job is running, has read the master, and its inputs with
            // nothing to send (a partition without inspections) count as idle, as on a job that
            // has been running for a while: the time it takes to start is not latency.
            long startBy = System.nanoTime() + 120_000_000_000L;
            while (summary.snapshot().read(Source.CUSTOMERS.topic()) < customers
                    && System.nanoTime() < startBy) {
                Thread.sleep(100);
            }
            Thread.sleep(settings.idleness().toMillis() + 2_000);
            long jitBefore = jit.getTotalCompilationTime();
            java.util.TreeMap<Long, Long> sent = PacedFeed.send(kafka, data, rate);
            long jitMillis = jit.getTotalCompilationTime() - jitBefore;
            // The last quarters close only as later ones arrive; wait for the rest, then stop.
            long lastExpected = sent.isEmpty() ? 0 : sent.lastKey() - 2 * 15 * 60_000L;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline
                    && !probe.written().keySet().stream().anyMatch(q -> q >= lastExpected)) {
                Thread.sleep(200);
            }
            flink.cancel(job);
            QuietKafka.clientsToLogFileOnly();
            List<Long> latencies = new ArrayList<>();
            int index = 0;
            for (var e : sent.entrySet()) {
                Long written = probe.written().get(e.getKey());
                if (written != null) {
                    latencies.add(written - e.getValue());
                    if (Boolean.getBoolean("bench.trace")) {
                        out.printf(
                                Locale.ROOT,
                                "  quarter %d %s sent %d latency %d ms%n",
                                index,
                                java.time.Instant.ofEpochMilli(e.getKey()),
                                e.getValue(),
                                written - e.getValue());
                    }
                }
                index++;
            }
            latencies.sort(null);
            return new Latency(latencies, jitMillis);
        } finally {
            probe.close();
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /**
     * A job run to its end: how long it took, from submission, the CPU time the whole process (the
     * local cluster with its one job, the JIT, the garbage collector) used meanwhile, and the time
     * the JVM's compiler threads spent compiling meanwhile (summed over them: the JVM's {@code
     * CompilationMXBean}).
     */
    record Ran(JobID job, long nanos, long cpuNanos, long jitNanos) {}

    /** What the monitor's operators held at its last checkpoint, per customer of the master. */
    static void printState(LocalFlink flink, Ran ran, Path data, PrintWriter out) throws Exception {
        long customers = lines(data.resolve(Source.CUSTOMERS.fileName()));
        java.util.Map<String, Long> sizes = flink.checkpointedState(ran.job());
        if (sizes.isEmpty() || customers == 0) {
            out.println("  (no completed checkpoint: no state sizes)");
            return;
        }
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        out.printf(
                Locale.ROOT,
                "  state at the last checkpoint: %,d B in all, %,.0f B per customer (%,d in the"
                        + " master), serialized:%n",
                total,
                (double) total / customers,
                customers);
        sizes.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(
                        e ->
                                out.printf(
                                        Locale.ROOT,
                                        "    %,10.1f B/customer  %s%n",
                                        (double) e.getValue() / customers,
                                        e.getKey()));
        out.flush();
    }

    private static Ran report(
            PrintWriter out, String source, String job, String round, long readings, Ran ran) {
        long nanos = ran.nanos();
        out.printf(
                Locale.ROOT,
                "  %-6s %-10s  %-8s %7.1f s  %,10.0f readings/s  %6.1f s CPU  %5.2f µs CPU a"
                        + " reading  %5.1f s JIT%n",
                source,
                round,
                job,
                nanos / 1e9,
                readings / (nanos / 1e9),
                ran.cpuNanos() / 1e9,
                ran.cpuNanos() / 1e3 / readings,
                ran.jitNanos() / 1e9);
        out.flush();
        return ran;
    }

    static long lines(Path file) throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (r.readLine() != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * One job's rounds: readings/s, and CPU time a reading. On a machine that other work shares,
     * the CPU time a reading is the steadier of the two: another process takes cores from the job's
     * wall time, hardly from its CPU time.
     */
    static final class Runs {
        private final long readings;
        private final List<Double> perSecond = new ArrayList<>();
        private final List<Double> cpuMicrosPerReading = new ArrayList<>();
        private final List<Double> jitShare = new ArrayList<>();

        Runs(long readings) {
            this.readings = readings;
        }

        /** A round's run; warm-up rounds (numbered 0 and below) are not counted. */
        void add(int round, Ran ran) {
            if (round < 1) {
                return;
            }
            perSecond.add(readings / (ran.nanos() / 1e9));
            cpuMicrosPerReading.add(ran.cpuNanos() / 1e3 / readings);
            jitShare.add((double) ran.jitNanos() / ran.nanos());
        }

        double median() {
            return median(perSecond);
        }

        private static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(null);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        /**
         * The median of each round's ratio to the baseline's run right after it: a machine that
         * slows down for a while slows both runs of a round, and the rounds it spoils fall at the
         * ends of the order.
         */
        double pairedRatio(Runs baseline) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(perSecond.size(), baseline.perSecond.size()); i++) {
                ratios.add(perSecond.get(i) / baseline.perSecond.get(i));
            }
            return median(ratios);
        }

        String line(String source, Runs baseline) {
            double cpu = median(cpuMicrosPerReading);
            double baselineCpu = median(baseline.cpuMicrosPerReading);
            return String.format(
                    Locale.ROOT,
                    "%-7s %,28.0f  %,29.0f  %5.2f  %12.2f  %,21.2f  %,22.2f  %9.2f  %8.0f%%  %9.0f%%",
                    source,
                    median(),
                    baseline.median(),
                    median() / baseline.median(),
                    pairedRatio(baseline),
                    cpu,
                    baselineCpu,
                    baselineCpu / cpu,
                    100 * median(jitShare),
                    100 * median(baseline.jitShare));
        }
    }
}
