package org.gridwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Output;
import org.gridwatch.core.event.Severity;
import org.gridwatch.core.kafka.KafkaClientProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridwatch alerts}: the inspectors' ranked worklist, in a terminal. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "The inspectors' worklist: open alerts ranked by priority, as they update.",
        description = {
            "Follows the monitor job's alerts, keeping the latest version of each alert id, and"
                    + " lists the open ones ranked by priority (score × value at risk, CNY a"
                    + " month), highest first. With --kafka it reads the topic 'alerts' from the"
                    + " beginning and redraws the list as alerts are raised, updated and closed,"
                    + " until Ctrl-C; with --file it lists a replay's alerts.jsonl once.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  gridwatch alerts --kafka localhost:9092 --severity HIGH --top 20",
            "  gridwatch alerts --file runs/result/alerts.jsonl --type THEFT,ARREARS --area A017",
            "See docs/inspectors.md."
        })
public final class AlertsCommand implements Callable<Integer> {

    /** The list is redrawn at most this often while alerts stream in. */
    static final Duration REDRAW_EVERY = Duration.ofSeconds(1);

    @Spec CommandSpec spec;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description = "Follow the topic 'alerts' on this Kafka broker.")
    String kafka;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "With --kafka: Kafka client settings (security.protocol, sasl.*, ssl.*) from"
                            + " this Java properties file; see docs/operations.md.")
    Path kafkaProperties;

    @Option(
            names = "--file",
            paramLabel = "PATH",
            description = "List the alerts of this file (a replay's alerts.jsonl).")
    Path file;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            split = ",",
            description =
                    "Only these types: THEFT, ARREARS, AREA_LOSS, DATA_QUALITY, SUPPLY_RELIABILITY"
                            + " (comma-separated).")
    List<String> types = new ArrayList<>();

    @Option(
            names = "--severity",
            paramLabel = "MIN",
            description = "Only this severity and above: LOW, MEDIUM, HIGH.")
    String severity;

    @Option(
            names = "--area",
            paramLabel = "AREA",
            split = ",",
            description = "Only these areas (comma-separated ids).")
    List<String> areas = new ArrayList<>();

    @Option(
            names = "--top",
            paramLabel = "N",
            description = "Only the N highest priorities (default: all).")
    int top;

    @Option(
            names = "--once",
            description = "With --kafka: read what the topic holds now, print the list and exit.")
    boolean once;

    @Option(
            names = "--zone",
            paramLabel = "Z",
            description = "Time zone of the since and updated columns (default: Asia/Shanghai).")
    String zone = "Asia/Shanghai";

    /** Stops following the topic; a test sets it. */
    BooleanSupplier stopRequested = () -> Thread.currentThread().isInterrupted();

    @Override
    public Integer call() throws IOException {
        AlertBoard.Filter filter = filter();
        ZoneId zoneId = zoneId();
        if ((kafka == null) == (file == null)) {
            throw usage("give exactly one of --kafka and --file");
        }
        if (kafkaProperties != null && kafka == null) {
            throw usage("--kafka-properties goes with --kafka");
        }
        PrintWriter out = spec.commandLine().getOut();
        AlertBoard board = new AlertBoard();
        if (file != null) {
            readFile(board);
            print(out, board, filter, zoneId, false);
            return 0;
        }
        KafkaClientProperties client =
                kafkaProperties == null
                        ? KafkaClientProperties.NONE
                        : KafkaClientProperties.read(kafkaProperties);
        KafkaBrokerCheck.check(kafka, client, KafkaBrokerCheck.TIMEOUT);
        follow(board, client, filter, zoneId, out);
        return 0;
    }

    AlertBoard.Filter filter() {
        Set<AlertType> typeSet = EnumSet.noneOf(AlertType.class);
        for (String t : types) {
            try {
                typeSet.add(AlertType.valueOf(t.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw usage(
                        "--type "
                                + t
                                + " is not an alert type: THEFT, ARREARS, AREA_LOSS,"
                                + " DATA_QUALITY or SUPPLY_RELIABILITY");
            }
        }
        Severity min = null;
        if (severity != null) {
            try {
                min = Severity.valueOf(severity.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw usage("--severity " + severity + " is not LOW, MEDIUM or HIGH");
            }
        }
        if (top < 0) {
            throw usage("--top " + top + " must be 0 (all) or more");
        }
        Set<String> areaSet = new HashSet<>();
        areas.forEach(a -> areaSet.add(a.trim()));
        return new AlertBoard.Filter(Set.copyOf(typeSet), min, Set.copyOf(areaSet), top);
    }

    private ZoneId zoneId() {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw usage("--zone " + zone + " is not a time zone, e.g. Asia/Shanghai");
        }
    }

    private void readFile(AlertBoard board) throws IOException {
        RecordFile.read(file, "an alert", line -> board.add(AlertRow.parse(line)));
    }

    /**
     * Reads the topic from the beginning; with --once up to the offsets it had at start, else until
     * stopped, redrawing when the list may have changed.
     */
    private void follow(
            AlertBoard board,
            KafkaClientProperties client,
            AlertBoard.Filter filter,
            ZoneId zoneId,
            PrintWriter out) {
        String topic = Output.ALERTS.topic();
        new TopicFollower(kafka, client, REDRAW_EVERY, stopRequested)
                .follow(
                        topic,
                        once,
                        new TopicFollower.Board() {
                            @Override
                            public boolean add(String value) {
                                return board.add(AlertRow.parse(value));
                            }

                            @Override
                            public void draw(boolean interactive, int skipped) {
                                print(out, board, filter, zoneId, interactive);
                                if (skipped > 0) {
                                    out.println(
                                            skipped
                                                    + " records of '"
                                                    + topic
                                                    + "' were not alerts");
                                    out.flush();
                                }
                            }
                        });
    }

    private static void print(
            PrintWriter out,
            AlertBoard board,
            AlertBoard.Filter filter,
            ZoneId zone,
            boolean clearScreen) {
        List<AlertBoard.Entry> ranked = board.ranked(filter);
        int open =
                board.ranked(
                                new AlertBoard.Filter(
                                        filter.types(), filter.minSeverity(), filter.areas(), 0))
                        .size();
        if (clearScreen) {
            out.print("\033[H\033[2J");
        }
        out.println(
                open
                        + " open alerts"
                        + (ranked.size() < open ? ", the top " + ranked.size() + " shown" : "")
                        + " (of "
                        + board.size()
                        + " alert ids seen)"
                        + (clearScreen ? ", at " + Instant.now() : ""));
        AlertTable.lines(ranked, zone).forEach(out::println);
        out.flush();
    }

    private ParameterException usage(String reason) {
        return new ParameterException(spec.commandLine(), reason);
    }
}
