package org.gridwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.kafka.KafkaClientProperties;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.jobs.MonitorArgs;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.RetainedCheckpoints;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.io.MonitorInputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.jobs.io.ReplayOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridwatch monitor}: the monitor job in a Flink cluster inside this process. */
@Command(
        name = "monitor",
        header = "The monitor job over Kafka or a folder of .jsonl files, in a local Flink.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the monitor job in a Flink cluster inside this process: validates every input"
                    + " record (the ones it cannot use go to 'rejected' with a reason), joins"
                    + " readings with the customer master, and writes 15-minute load, area"
                    + " supply and ingest metrics.",
            "With --input it replays a folder of .jsonl files (customers.jsonl and readings.jsonl"
                    + " at least, as `gridwatch simulate --out` writes them), ends when they are"
                    + " read and prints a summary. With --kafka it runs until Ctrl-C (or, with"
                    + " --bounded, up to the records present at start).",
            "Progress goes to standard error every few seconds; the summary to standard output.",
            ""
        },
        footer = {
            "",
            "The InfluxDB password can come from the environment instead of the command line:"
                    + " GRIDWATCH_INFLUX_PASSWORD (for InfluxDB 2.x/3.x, an API token).",
            "",
            "Examples:",
            "  gridwatch monitor --input runs/jan --out runs/jan-out",
            "  gridwatch monitor --input runs/jan --influx http://localhost:8086",
            "  gridwatch monitor --kafka localhost:9092 --influx http://localhost:8086 --web-ui"
        })
public final class MonitorCommand implements Callable<Integer> {

    /** The InfluxDB sink's count of points InfluxDB refused for good (jobs' influx package). */
    static final String INFLUX_REFUSED = "influxdbPointsRefused";

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Spec CommandSpec spec;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description =
                    "Read the contract's topics on this Kafka broker; write 'rejected' there.")
    String kafka;

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "Replay the .jsonl files of this folder.")
    Path input;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write rejected.jsonl (the replay's output files) to this folder.")
    Path out;

    @Option(
            names = "--influx",
            paramLabel = "URL",
            description = "Write metrics to the InfluxDB at this URL, e.g. http://localhost:8086.")
    String influx;

    @Option(
            names = "--influx-db",
            paramLabel = "DB",
            defaultValue = InfluxSettings.DEFAULT_DATABASE,
            description = "InfluxDB database (default: ${DEFAULT-VALUE}).")
    String influxDb;

    @Option(names = "--influx-user", paramLabel = "U", description = "InfluxDB user.")
    String influxUser;

    @Option(
            names = "--influx-password",
            paramLabel = "P",
            description =
                    "InfluxDB password (better: the environment variable "
                            + MonitorArgs.PASSWORD_VARIABLE
                            + ").")
    String influxPassword;

    @Option(
            names = "--influx-token",
            paramLabel = "T",
            description = "InfluxDB 2.x/3.x API token, instead of user and password.")
    String influxToken;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "With --kafka: Kafka client settings (security.protocol, sasl.*, ssl.*) from"
                            + " this Java properties file, for every consumer and producer of the"
                            + " job; see docs/operations.md.")
    Path kafkaProperties;

    @Option(
            names = "--group-id",
            paramLabel = "ID",
            defaultValue = MonitorArgs.DEFAULT_GROUP_ID,
            description = "Kafka consumer group (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(
            names = "--bounded",
            description = "With --kafka: read up to the records present at start, then finish.")
    boolean bounded;

    @Option(
            names = "--score-history",
            description =
                    "With --out: also write every theft score as published"
                            + " (theft-score-history.jsonl), for `evaluate` to tell how soon"
                            + " each thief reached the score that flags 2%% of the honest.")
    boolean scoreHistory;

    @Option(
            names = "--zone",
            paramLabel = "Z",
            description = "The utility's time zone (default: Asia/Shanghai).")
    String zone;

    @Option(
            names = "--checkpoint-interval-ms",
            paramLabel = "MS",
            description = "Checkpoint (and InfluxDB flush) interval (default: 10000).")
    Long checkpointIntervalMs;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description =
                    "Keep checkpoints in this folder (or file-system URI), and resume from the"
                            + " newest one there when started again; default: a temporary folder,"
                            + " deleted at the end.")
    String checkpointDir;

    @Option(
            names = "--state-backend",
            paramLabel = "hashmap|rocksdb",
            description =
                    "Keep the job's state on the heap (hashmap, the default) or in RocksDB on the"
                            + " local disk with incremental checkpoints (rocksdb): for state larger"
                            + " than the heap.")
    String stateBackend;

    @Option(
            names = "--resume-from",
            paramLabel = "PATH",
            description =
                    "Resume from this checkpoint or savepoint (a chk-N or savepoint folder)"
                            + " instead of the newest one in --checkpoint-dir.")
    String resumeFrom;

    @Option(
            names = "--fresh",
            description = "Start with empty state even when --checkpoint-dir holds a checkpoint.")
    boolean fresh;

    @Option(
            names = "--replay-order",
            paramLabel = "auto|file|time",
            description =
                    "With --input: read each time-stamped file as written, in the order its"
                            + " records arrived (file), sorted by event time (time), or as written"
                            + " unless its first records show it was written one meter, area or"
                            + " customer after the other (auto, the default).")
    String replayOrder;

    @Option(
            names = "--future-tolerance",
            paramLabel = "DURATION",
            description =
                    "Reject records stamped further ahead than this (of the wall clock on Kafka,"
                            + " of the stream in a replay) as FUTURE_TIMESTAMP, e.g. 6h, 2d"
                            + " (default: 1d; at most the allowed lateness, 7d).")
    String futureTolerance;

    @Option(
            names = "--theft-alert-score",
            paramLabel = "SCORE",
            description =
                    "Open a THEFT alert when a customer's theft score reaches SCORE (above 0,"
                            + " below 1; default: 0.5); it closes after two weeks below half of"
                            + " it. Set it to what your inspectors can visit: see"
                            + " docs/inspectors.md, \"How many alerts\".")
    String theftAlertScore;

    @Option(
            names = "--tariffs",
            paramLabel = "FILE",
            description =
                    "Price live energy with the tariffs of this YAML file (default: the shipped"
                            + " presets; see docs/tariffs.md).")
    Path tariffs;

    @Option(
            names = "--holidays",
            paramLabel = "FILE",
            description =
                    "Holidays and make-up workdays from this YAML file instead of the shipped"
                            + " Chinese calendar of 2026 (see docs/tariffs.md).")
    Path holidays;

    @Option(
            names = "--value-model",
            paramLabel = "FILE",
            description =
                    "Credit, value and segment rules from this YAML file (default: the documented"
                            + " defaults; see docs/value.md).")
    Path valueModel;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Parallel tasks of each operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--web-ui",
            description = "Serve Flink's web UI on http://localhost:PORT while the job runs.")
    boolean webUi;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8081",
            description = "Port of the web UI (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--quiet", description = "Do not show progress on standard error.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        MonitorArgs parsed = args();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean bounded = parsed.input() != null || parsed.boundedKafka();
        if (parsed.kafka() != null) {
            KafkaBrokerCheck.check(
                    parsed.kafka(), parsed.kafkaProperties(), KafkaBrokerCheck.TIMEOUT);
        }
        if (parsed.influx() != null && !new InfluxQueryClient(parsed.influx().url()).ping()) {
            throw new IllegalStateException(
                    "InfluxDB at "
                            + parsed.influx().url()
                            + " does not answer /ping; is it running?");
        }
        if (!quiet) {
            for (org.gridwatch.core.tariff.TariffWarning warning :
                    parsed.settings().pricing().tariffs().warnings()) {
                err.println("monitor: tariff warning: " + warning);
            }
            if (parsed.input() != null) {
                ReadingZoneCheck.of(
                                parsed.input().resolve(Source.METER_READINGS.fileName()),
                                parsed.settings().zone())
                        .ifPresent(warning -> err.println("monitor: " + warning));
                MasterTariffCheck.of(
                                parsed.input().resolve(Source.CUSTOMERS.fileName()),
                                parsed.settings())
                        .ifPresent(warning -> err.println("monitor: " + warning));
            }
            if (parsed.input() != null
                    && !java.nio.file.Files.isRegularFile(
                            parsed.input().resolve(Source.PAYMENTS.fileName()))) {
                err.println(
                        "monitor: "
                                + parsed.input()
                                + " has no "
                                + Source.PAYMENTS.fileName()
                                + ": bills are issued but not followed (no credit taken for"
                                + " unpaid bills, no ARREARS alerts): nothing could be seen paid");
            }
        }
        long started = System.nanoTime();
        try (StopRequest stop = StopRequest.onCtrlC();
                LiveSummary summary = LiveSummary.open(parsed.settings().allowedLateness());
                LocalFlink flink = LocalFlink.start(parallelism, webUi ? port : 0)) {
            MonitorArgs args =
                    checkpointDir != null
                            ? parsed
                            : withCheckpoints(parsed, flink.scratchCheckpoints());
            StreamExecutionEnvironment env = flink.environment();
            MonitorOutputs outputs =
                    MonitorOutputs.all(List.of(args.outputs(), new LiveSummaryOutputs(summary)));
            MonitorInputs inputs =
                    args.inputs(
                            line -> {
                                if (!quiet) {
                                    err.println("monitor: " + line);
                                    err.flush();
                                }
                            });
            new MonitorJob(new CountedInputs(inputs, summary), outputs, args.settings()).build(env);
            String resume = resumePoint(args);
            if (resume != null && !quiet) {
                err.println("monitor: resuming from " + resume);
            }
            JobID job = flink.submit(env, "GridWatch monitor", resume);
            if (!quiet) {
                err.println(
                        "monitor: running on "
                                + (args.input() != null ? args.input() : args.kafka())
                                + " with parallelism "
                                + parallelism
                                + (webUi ? ", web UI " + flink.webUi() : "")
                                + (bounded ? "" : "; Ctrl-C stops it"));
                err.flush();
            }
            CompletableFuture<JobResult> result = flink.result(job);
            java.util.OptionalLong refused = java.util.OptionalLong.empty();
            while (!result.isDone() && !stop.await(PROGRESS_EVERY)) {
                if (args.influx() != null) {
                    java.util.OptionalLong now = flink.metricSum(job, INFLUX_REFUSED);
                    refused = now.isPresent() ? now : refused;
                }
                if (!quiet && !result.isDone()) {
                    err.println(
                            MonitorReport.progress(
                                    summary.snapshot(), System.nanoTime() - started, args));
                    err.flush();
                }
            }
            boolean stopped = !result.isDone();
            if (stopped) {
                err.println("monitor: stopping");
                err.flush();
                flink.cancel(job);
            }
            Throwable failure = stopped ? null : LocalFlink.failure(result.get());
            if (failure != null) {
                throw new IllegalStateException("the job failed: " + LocalFlink.reason(failure));
            }
            if (args.influx() != null) {
                java.util.OptionalLong last = flink.metricSum(job, INFLUX_REFUSED);
                refused = last.isPresent() ? last : refused;
            }
            MonitorReport.print(
                    out,
                    summary.snapshot(),
                    System.nanoTime() - started,
                    args,
                    stopped,
                    refused.orElse(0));
            if (stopped) {
                out.println("stopped");
            }
            out.flush();
            return stopped && bounded ? GridWatch.INTERRUPTED : ExitCode.OK;
        }
    }

    /** The options as the job's arguments; their validation is MonitorArgs'. */
    private MonitorArgs args() {
        if (parallelism < 1 || parallelism > 64) {
            throw usage("--parallelism must be 1..64, got " + parallelism);
        }
        if (port < 0 || port > 65535) {
            throw usage("--port must be 0..65535, got " + port);
        }
        MonitorSettings settings = MonitorSettings.DEFAULT;
        try {
            if (zone != null) {
                settings = settings.withZone(ZoneId.of(zone));
            }
        } catch (DateTimeException e) {
            throw usage("--zone " + zone + " is not a time zone, e.g. Asia/Shanghai");
        }
        if (checkpointDir != null) {
            settings =
                    settings.withCheckpointDir(
                            checkpointDir.contains("://")
                                    ? checkpointDir
                                    : Path.of(checkpointDir).toAbsolutePath().toUri().toString());
        }
        try {
            settings = settings.withPricing(MonitorArgs.pricing(tariffs, holidays));
            if (valueModel != null) {
                settings = settings.withValueModel(MonitorArgs.valueModel(valueModel));
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (replayOrder != null) {
            if (input == null) {
                throw usage("--replay-order applies to --input only");
            }
            try {
                settings = settings.withReplayOrder(ReplayOrder.parse(replayOrder));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (futureTolerance != null) {
            try {
                settings =
                        settings.withFutureTolerance(
                                MonitorArgs.duration("--future-tolerance", futureTolerance));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (theftAlertScore != null) {
            try {
                settings =
                        settings.withTheftAlertScore(MonitorArgs.theftAlertScore(theftAlertScore));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (fresh && resumeFrom != null) {
            throw usage("give --fresh or --resume-from, not both");
        }
        if (stateBackend != null) {
            try {
                settings = settings.withStateBackend(MonitorArgs.stateBackend(stateBackend));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (checkpointIntervalMs != null) {
            if (checkpointIntervalMs <= 0) {
                throw usage("--checkpoint-interval-ms must be positive");
            }
            settings = settings.withCheckpointInterval(Duration.ofMillis(checkpointIntervalMs));
        }
        try {
            InfluxSettings influxSettings =
                    MonitorArgs.influx(
                            influx,
                            influxDb,
                            influxUser,
                            influxPassword,
                            influxToken,
                            System.getenv());
            return new MonitorArgs(
                    kafka,
                    input,
                    out,
                    influxSettings,
                    groupId,
                    bounded,
                    scoreHistory,
                    settings,
                    kafkaProperties == null
                            ? KafkaClientProperties.NONE
                            : KafkaClientProperties.read(kafkaProperties));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /**
     * Where the job resumes: {@code --resume-from}, else the newest checkpoint kept in {@code
     * --checkpoint-dir} (unless {@code --fresh}), else nowhere: it starts empty.
     */
    private String resumePoint(MonitorArgs args) throws java.io.IOException {
        if (resumeFrom != null) {
            return resumeFrom;
        }
        if (fresh || checkpointDir == null) {
            return null;
        }
        return RetainedCheckpoints.latest(args.settings().checkpointDir()).orElse(null);
    }

    private static MonitorArgs withCheckpoints(MonitorArgs a, String dir) {
        return new MonitorArgs(
                a.kafka(),
                a.input(),
                a.out(),
                a.influx(),
                a.groupId(),
                a.boundedKafka(),
                a.scoreHistory(),
                a.settings().withCheckpointDir(dir),
                a.kafkaProperties());
    }

    private ParameterException usage(String reason) {
        return new ParameterException(spec.commandLine(), reason);
    }
}
