package org.gridwatch.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.util.ParameterTool;
import org.gridwatch.core.detect.TheftCase;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.kafka.KafkaClientProperties;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.tariff.TariffFileException;
import org.gridwatch.core.value.ValueModel;
import org.gridwatch.core.value.ValueModelException;
import org.gridwatch.core.value.ValueModelFile;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.FileOutputs;
import org.gridwatch.jobs.io.InfluxOutputs;
import org.gridwatch.jobs.io.KafkaInputs;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.gridwatch.jobs.io.MonitorInputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.jobs.io.ReplayOrder;

/**
 * What a deployment of the monitor job reads and writes. {@code bin/gridwatch monitor} builds it
 * from its options; {@code flink run ... MonitorJob} from the same options via {@link #parse}.
 *
 * @param kafka bootstrap servers, or null for a file replay
 * @param input replay folder, or null when reading Kafka
 * @param out folder for the replay's output files, or null
 * @param influx where metrics go, or null for none
 * @param boundedKafka read the topics up to the offsets present at start, then finish
 * @param scoreHistory with {@code out}: also write every theft score as published ({@link
 *     FileOutputs#SCORE_HISTORY_FILE})
 * @param kafkaProperties Kafka client settings of {@code --kafka-properties FILE} (security), read
 *     on the client and carried in the job; {@link KafkaClientProperties#NONE} without the option
 */
public record MonitorArgs(
        String kafka,
        Path input,
        Path out,
        InfluxSettings influx,
        String groupId,
        boolean boundedKafka,
        boolean scoreHistory,
        MonitorSettings settings,
        KafkaClientProperties kafkaProperties) {

    public static final String DEFAULT_GROUP_ID = "gridwatch-monitor";

    /**
     * The environment variable that gives the InfluxDB password (or token) when no option does, so
     * that it need not stand on a command line, where every user of the machine can read it.
     */
    public static final String PASSWORD_VARIABLE = "GRIDWATCH_INFLUX_PASSWORD";

    private static final Set<String> KNOWN =
            Set.of(
                    "kafka",
                    "input",
                    "out",
                    "influx",
                    "influx-db",
                    "influx-user",
                    "influx-password",
                    "influx-token",
                    "group-id",
                    "bounded",
                    "score-history",
                    "zone",
                    "checkpoint-interval-ms",
                    "checkpoint-dir",
                    "state-backend",
                    "future-tolerance",
                    "tariffs",
                    "holidays",
                    "kafka-properties",
                    "value-model",
                    "replay-order",
                    "theft-alert-score");

    public MonitorArgs {
        if ((kafka == null) == (input == null)) {
            throw new IllegalArgumentException(
                    "give exactly one of --kafka HOST:PORT or --input DIR");
        }
        if (input != null) {
            if (!Files.isDirectory(input)) {
                throw new IllegalArgumentException("--input " + input + " is not a folder");
            }
            for (Source s : Source.values()) {
                if (FileInputs.isRequired(s) && !Files.isRegularFile(input.resolve(s.fileName()))) {
                    throw new IllegalArgumentException(
                            "--input " + input + " has no " + s.fileName());
                }
            }
        }
        if (boundedKafka && kafka == null) {
            throw new IllegalArgumentException("--bounded applies to --kafka only");
        }
        if (scoreHistory && out == null) {
            throw new IllegalArgumentException("--score-history applies to --out only");
        }
        if (kafkaProperties == null) {
            kafkaProperties = KafkaClientProperties.NONE;
        }
        if (!kafkaProperties.isEmpty() && kafka == null) {
            throw new IllegalArgumentException(
                    KafkaClientProperties.OPTION + " applies to --kafka only");
        }
        TariffBook tariffs;
        try {
            tariffs = settings.tariffBook();
        } catch (TariffFileException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("--tariffs: " + firstLine(e.getMessage()));
        }
        String peakHours = settings.valueModel().peakHoursTariff();
        if (tariffs.lookup(peakHours) == null) {
            throw new IllegalArgumentException(
                    "value.peak-hours-tariff '"
                            + peakHours
                            + "' is not among the tariffs; name one of them in --value-model"
                            + " (its peak periods are the system's peak hours)");
        }
        if (settings.futureTolerance().compareTo(settings.allowedLateness()) > 0) {
            throw new IllegalArgumentException(
                    "--future-tolerance "
                            + MonitorSettings.describe(settings.futureTolerance().toMillis())
                            + " is more than the allowed lateness ("
                            + MonitorSettings.describe(settings.allowedLateness().toMillis())
                            + "): a record let through could make the others too late");
        }
        if (groupId == null || groupId.isBlank()) {
            groupId = DEFAULT_GROUP_ID;
        }
    }

    /**
     * The theft score a THEFT alert opens at, as {@code --theft-alert-score} gives it: a number
     * above 0 and below 1 ({@link TheftCase#checkedRaise}).
     */
    public static double theftAlertScore(String text) {
        try {
            return TheftCase.checkedRaise(Double.parseDouble(text == null ? "" : text.trim()));
        } catch (IllegalArgumentException e) { // not a number, or not a probability
            throw new IllegalArgumentException(
                    "--theft-alert-score "
                            + text
                            + " is not a theft score: give a number above 0 and below 1, e.g."
                            + " 0.8 (default "
                            + TheftCase.RAISE
                            + ")");
        }
    }

    /**
     * A duration as an operator types it: {@code 1d}, {@code 6h}, {@code 30m}, {@code 90s}, or
     * ISO-8601 ({@code PT6H}).
     */
    public static Duration duration(String option, String text) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.matches("\\d+[dhms]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            Duration d = Duration.parse(t);
            if (d.isNegative()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    option + " " + text + " is not a duration: write e.g. 1d, 6h, 30m or PT6H");
        }
    }

    /**
     * {@link #inputs(java.util.function.Consumer)}, telling a replay's notices on standard error.
     */
    public MonitorInputs inputs() {
        return inputs(null);
    }

    /**
     * The inputs; what a replay says about its files' order (and the copies it makes of them in
     * {@link FileInputs#SORTED_COPIES}) goes to {@code notices}.
     */
    public MonitorInputs inputs(java.util.function.Consumer<String> notices) {
        return kafka != null
                ? new KafkaInputs(kafka, groupId, boundedKafka, kafkaProperties)
                : new FileInputs(input).withNotices(notices);
    }

    public MonitorOutputs outputs() {
        List<MonitorOutputs> all = new ArrayList<>();
        if (kafka != null) {
            all.add(new KafkaOutputs(kafka, settings.zone(), groupId, kafkaProperties));
        }
        if (out != null) {
            all.add(new FileOutputs(out, settings.zone(), scoreHistory));
        }
        if (influx != null) {
            all.add(new InfluxOutputs(influx));
        }
        return MonitorOutputs.all(all);
    }

    /**
     * The tariffs of {@code --tariffs FILE} and the calendar of {@code --holidays FILE} (null: the
     * shipped ones), read on the client: the job carries their text, not the paths.
     */
    public static PricingFiles pricing(Path tariffs, Path holidays) {
        PricingFiles files = PricingFiles.SHIPPED;
        if (tariffs != null) {
            files = files.withTariffs(tariffs);
        }
        if (holidays != null) {
            files = files.withHolidays(holidays);
        }
        return files;
    }

    /**
     * Where metrics go, or null without an InfluxDB URL. A token is the password of any user
     * (InfluxDB 2.x/3.x v1 API); without {@code --influx-password} or {@code --influx-token} the
     * password comes from {@link #PASSWORD_VARIABLE} in {@code environment}. A password without a
     * user is the user {@code gridwatch}'s.
     */
    public static InfluxSettings influx(
            String url,
            String database,
            String user,
            String password,
            String token,
            Map<String, String> environment) {
        if (password != null && token != null) {
            throw new IllegalArgumentException(
                    "give --influx-password or --influx-token, not both");
        }
        if (url == null) {
            if (user != null || password != null || token != null) {
                throw new IllegalArgumentException(
                        "--influx-user, --influx-password and --influx-token go with --influx");
            }
            return null;
        }
        String secret = token != null ? token : password;
        if (secret == null) {
            secret = environment.get(PASSWORD_VARIABLE);
        }
        if (secret != null && secret.isEmpty()) {
            secret = null;
        }
        if (user == null && secret != null) {
            user = "gridwatch";
        }
        return InfluxSettings.of(url, database, user, user == null ? null : secret);
    }

    /**
     * The value model of {@code --value-model FILE}, read on the client: the job carries the rules,
     * not the file.
     */
    public static ValueModel valueModel(Path file) {
        try {
            return ValueModelFile.load(file);
        } catch (ValueModelException e) {
            throw new IllegalArgumentException("--value-model: " + e.getMessage());
        }
    }

    /**
     * Parses {@code --name value} arguments and this process's environment ({@link
     * #PASSWORD_VARIABLE}); throws IllegalArgumentException with the reason.
     */
    public static MonitorArgs parse(String[] args) {
        return parse(args, System.getenv());
    }

    /** As {@link #parse(String[])}, with the environment given. */
    public static MonitorArgs parse(String[] args, Map<String, String> environment) {
        ParameterTool p;
        try {
            p = ParameterTool.fromArgs(args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the arguments: " + e.getMessage());
        }
        for (String key : p.toMap().keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
        }
        MonitorSettings settings = MonitorSettings.DEFAULT;
        if (p.has("zone")) {
            try {
                settings = settings.withZone(ZoneId.of(p.get("zone")));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "--zone " + p.get("zone") + " is not a time zone");
            }
        }
        if (p.has("checkpoint-interval-ms")) {
            settings =
                    settings.withCheckpointInterval(
                            Duration.ofMillis(positive(p, "checkpoint-interval-ms")));
        }
        if (p.has("checkpoint-dir")) {
            settings = settings.withCheckpointDir(p.get("checkpoint-dir"));
        }
        if (p.has("state-backend")) {
            settings = settings.withStateBackend(stateBackend(p.get("state-backend")));
        }
        if (p.has("future-tolerance")) {
            settings =
                    settings.withFutureTolerance(
                            duration("--future-tolerance", p.get("future-tolerance")));
        }
        if (p.has("tariffs") || p.has("holidays")) {
            settings =
                    settings.withPricing(
                            pricing(optionalPath(p, "tariffs"), optionalPath(p, "holidays")));
        }
        if (p.has("value-model")) {
            settings = settings.withValueModel(valueModel(Path.of(p.get("value-model"))));
        }
        if (p.has("replay-order")) {
            if (!p.has("input")) {
                throw new IllegalArgumentException("--replay-order applies to --input only");
            }
            settings = settings.withReplayOrder(ReplayOrder.parse(p.get("replay-order")));
        }
        if (p.has("theft-alert-score")) {
            settings = settings.withTheftAlertScore(theftAlertScore(p.get("theft-alert-score")));
        }
        InfluxSettings influx =
                influx(
                        p.get("influx", null),
                        p.get("influx-db", InfluxSettings.DEFAULT_DATABASE),
                        p.get("influx-user", null),
                        p.get("influx-password", null),
                        p.get("influx-token", null),
                        environment);
        return new MonitorArgs(
                p.get("kafka", null),
                optionalPath(p, "input"),
                optionalPath(p, "out"),
                influx,
                p.get("group-id", DEFAULT_GROUP_ID),
                p.has("bounded"),
                p.has("score-history"),
                settings,
                p.has("kafka-properties")
                        ? KafkaClientProperties.read(Path.of(p.get("kafka-properties")))
                        : KafkaClientProperties.NONE);
    }

    /**
     * The value of {@code --state-backend}: {@code hashmap} or {@code rocksdb} (with incremental
     * checkpoints).
     */
    public static String stateBackend(String value) {
        if (MonitorSettings.HASHMAP.equals(value) || MonitorSettings.ROCKSDB.equals(value)) {
            return value;
        }
        throw new IllegalArgumentException(
                "--state-backend is "
                        + MonitorSettings.HASHMAP
                        + " or "
                        + MonitorSettings.ROCKSDB
                        + ", not '"
                        + value
                        + "'");
    }

    private static Path optionalPath(ParameterTool p, String key) {
        return p.has(key) ? Path.of(p.get(key)) : null;
    }

    private static String firstLine(String s) {
        return s == null ? "cannot be read" : s.lines().findFirst().orElse(s);
    }

    private static long positive(ParameterTool p, String key) {
        try {
            long v = Long.parseLong(p.get(key));
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a positive number");
        }
    }
}
