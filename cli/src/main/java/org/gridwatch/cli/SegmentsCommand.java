package org.gridwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Output;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.kafka.KafkaClientProperties;
import org.gridwatch.core.value.ServiceStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridwatch segments}: the worklist of one service strategy, in a terminal. */
@Command(
        name = "segments",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Worklists per strategy: the customers an account manager or collector acts on.",
        description = {
            "Lists the customers whose latest segment record carries a service strategy, for the"
                    + " people who act on it, with their area, segment, credit grade and score,"
                    + " current and potential value (0-1), next inspection and off-peak saving."
                    + " Reads a replay's segments.jsonl (--input) once, or the topic"
                    + " 'customer-segments' (--kafka) from the beginning, keeping each customer's"
                    + " latest record, and redraws the list as customers change until Ctrl-C (or"
                    + " prints it once, --once).",
            "",
            "The order depends on the strategy:",
            "- collectors (COLLECTION_FOLLOWUP, PREPAID_METER, TOP_UP_REMINDER, WARNING,",
            "  RESTRICTION, DISCONNECTION_NOTICE): lowest credit first (grade C, B, A,",
            "  then score ascending), then current value descending;",
            "- PERIODIC_INSPECTION: next inspection soonest first;",
            "- OFFPEAK_DISCOUNT_OFFER: off-peak saving descending (the larger of today's",
            "  and after shifting);",
            "- account managers and every other strategy, or no --strategy: current value",
            "  descending, then potential value descending.",
            "Ties go to the customer id.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  gridwatch segments --input runs/result --strategy ACCOUNT_MANAGER",
            "  gridwatch segments --input runs/result --strategy collection_followup \\",
            "      --area A017",
            "  gridwatch segments --kafka localhost:9092 --strategy WARNING --once \\",
            "      --format csv",
            "See docs/value.md#worklists."
        })
public final class SegmentsCommand implements Callable<Integer> {

    /** The output formats. */
    enum Format {
        TABLE,
        CSV,
        JSON
    }

    /** The list is redrawn at most this often while records stream in. */
    static final Duration REDRAW_EVERY = Duration.ofSeconds(1);

    @Spec CommandSpec spec;

    @Option(
            names = "--strategy",
            paramLabel = "X",
            description =
                    "Only customers with this service strategy (case does not matter):"
                            + " ${COMPLETION-CANDIDATES}.",
            completionCandidates = StrategyNames.class)
    String strategy;

    @Option(
            names = "--segment",
            paramLabel = "S",
            split = ",",
            description =
                    "Only these segments: HIGH, MEDIUM, LOW_RISKY, LOW_BASIC (comma-separated).")
    List<String> segments = new ArrayList<>();

    @Option(
            names = "--area",
            paramLabel = "AREA",
            split = ",",
            description = "Only these transformer areas (comma-separated ids).")
    List<String> areas = new ArrayList<>();

    @Option(
            names = "--grade",
            paramLabel = "G",
            split = ",",
            description = "Only these credit grades: A, B, C (comma-separated).")
    List<String> grades = new ArrayList<>();

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description =
                    "A replay's output folder (bin/gridwatch monitor --out), whose segments.jsonl"
                            + " is read, or a segments.jsonl file.")
    Path input;

    @Option(
            names = {"--kafka", "--bootstrap-servers"},
            paramLabel = "HOST:PORT",
            description = "Read the topic 'customer-segments' on this Kafka broker.")
    String kafka;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "With --kafka: Kafka client settings (security.protocol, sasl.*, ssl.*) from"
                            + " this Java properties file; see docs/operations.md.")
    Path kafkaProperties;

    @Option(
            names = "--once",
            description = "With --kafka: read what the topic holds now, print the list and exit.")
    boolean once;

    @Option(
            names = "--format",
            paramLabel = "F",
            description =
                    "table (default: a count line, then aligned columns), csv (a header, then one"
                            + " line a customer) or json (each customer's latest record as"
                            + " read, one a line). csv and json with --kafka need --once.")
    String format = "table";

    @Option(
            names = "--top",
            paramLabel = "N",
            description = "Only the first N customers of the list (default: all).")
    int top;

    @Option(
            names = "--zone",
            paramLabel = "Z",
            description = "Time zone of the times shown (default: Asia/Shanghai).")
    String zone = "Asia/Shanghai";

    /** Stops following the topic; a test sets it. */
    BooleanSupplier stopRequested = () -> Thread.currentThread().isInterrupted();

    /** The strategy names for the help, in their declared order. */
    static final class StrategyNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        StrategyNames() {
            super(Arrays.stream(ServiceStrategy.values()).map(Enum::name).toList());
        }
    }

    @Override
    public Integer call() throws IOException {
        SegmentBoard.Filter filter = filter();
        ZoneId zoneId = zoneId();
        Format fmt = format();
        if (top < 0) {
            throw usage("--top " + top + " must be 0 (all) or more");
        }
        if ((kafka == null) == (input == null)) {
            throw usage("give exactly one of --input and --kafka");
        }
        if (kafkaProperties != null && kafka == null) {
            throw usage("--kafka-properties goes with --kafka");
        }
        if (kafka != null && fmt != Format.TABLE && !once) {
            throw usage("--format " + format + " prints one list: with --kafka add --once");
        }
        PrintWriter out = spec.commandLine().getOut();
        SegmentBoard board = new SegmentBoard();
        if (input != null) {
            readFile(board);
            print(out, board, filter, fmt, zoneId, false, 0);
            return 0;
        }
        KafkaClientProperties client =
                kafkaProperties == null
                        ? KafkaClientProperties.NONE
                        : KafkaClientProperties.read(kafkaProperties);
        KafkaBrokerCheck.check(kafka, client, KafkaBrokerCheck.TIMEOUT);
        follow(board, client, filter, fmt, zoneId, out);
        return 0;
    }

    SegmentBoard.Filter filter() {
        String s = null;
        if (strategy != null) {
            s = strategy.trim().toUpperCase(Locale.ROOT);
            try {
                ServiceStrategy.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw usage(
                        "--strategy "
                                + strategy
                                + " is not a service strategy; the strategies are "
                                + String.join(", ", new StrategyNames()));
            }
        }
        Set<String> segmentSet = names("--segment", segments, Segment.values());
        Set<String> gradeSet = names("--grade", grades, CreditGrade.values());
        Set<String> areaSet = new HashSet<>();
        areas.forEach(a -> areaSet.add(a.trim()));
        return new SegmentBoard.Filter(s, segmentSet, Set.copyOf(areaSet), gradeSet);
    }

    private Set<String> names(String option, List<String> given, Enum<?>[] known) {
        Set<String> names = Arrays.stream(known).map(Enum::name).collect(Collectors.toSet());
        Set<String> chosen = new HashSet<>();
        for (String g : given) {
            String name = g.trim().toUpperCase(Locale.ROOT);
            if (!names.contains(name)) {
                throw usage(
                        option
                                + " "
                                + g
                                + " is not one of "
                                + Arrays.stream(known)
                                        .map(Enum::name)
                                        .collect(Collectors.joining(", ")));
            }
            chosen.add(name);
        }
        return Set.copyOf(chosen);
    }

    private Format format() {
        try {
            return Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--format " + format + " is not table, csv or json");
        }
    }

    private ZoneId zoneId() {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw usage("--zone " + zone + " is not a time zone, e.g. Asia/Shanghai");
        }
    }

    /** The file to read: {@code --input} itself, or its segments.jsonl when it is a folder. */
    Path segmentsFile() {
        return Files.isDirectory(input) ? input.resolve(Output.SEGMENTS.fileName()) : input;
    }

    private void readFile(SegmentBoard board) throws IOException {
        RecordFile.read(
                segmentsFile(), "a segment record", line -> board.add(SegmentRow.parse(line)));
    }

    /**
     * Reads the topic from the beginning; with --once up to the offsets it had at start, else until
     * stopped, redrawing when the list may have changed.
     */
    private void follow(
            SegmentBoard board,
            KafkaClientProperties client,
            SegmentBoard.Filter filter,
            Format fmt,
            ZoneId zoneId,
            PrintWriter out) {
        new TopicFollower(kafka, client, REDRAW_EVERY, stopRequested)
                .follow(
                        Output.SEGMENTS.topic(),
                        once,
                        new TopicFollower.Board() {
                            @Override
                            public boolean add(String value) {
                                return board.add(SegmentRow.parse(value));
                            }

                            @Override
                            public void draw(boolean interactive, int skipped) {
                                print(out, board, filter, fmt, zoneId, interactive, skipped);
                            }
                        });
    }

    private void print(
            PrintWriter out,
            SegmentBoard board,
            SegmentBoard.Filter filter,
            Format fmt,
            ZoneId zoneId,
            boolean clearScreen,
            int skipped) {
        List<SegmentRow> all = board.worklist(filter);
        List<SegmentRow> shown = top > 0 && all.size() > top ? all.subList(0, top) : all;
        switch (fmt) {
            case CSV -> SegmentTable.csv(shown, zoneId).forEach(out::println);
            case JSON -> SegmentTable.json(shown).forEach(out::println);
            case TABLE -> {
                if (clearScreen) {
                    out.print("\033[H\033[2J");
                }
                out.println(countLine(all.size(), shown.size(), board.size(), filter));
                out.println(
                        "ordered by "
                                + filter.order().description()
                                + (clearScreen ? "; at " + Instant.now() : ""));
                SegmentTable.table(shown, zoneId).forEach(out::println);
            }
        }
        if (skipped > 0) {
            spec.commandLine()
                    .getErr()
                    .println(
                            skipped
                                    + " records of '"
                                    + Output.SEGMENTS.topic()
                                    + "' were not segment records");
            spec.commandLine().getErr().flush();
        }
        out.flush();
    }

    /** "12 customers with COLLECTION_FOLLOWUP in area A017 (of 400 customers seen)". */
    private static String countLine(int listed, int shown, int seen, SegmentBoard.Filter filter) {
        StringBuilder sb = new StringBuilder();
        sb.append(listed).append(listed == 1 ? " customer" : " customers");
        if (filter.strategy() != null) {
            sb.append(" with ").append(filter.strategy());
        }
        if (!filter.segments().isEmpty()) {
            sb.append(" in segment ").append(String.join(",", sorted(filter.segments())));
        }
        if (!filter.grades().isEmpty()) {
            sb.append(" of grade ").append(String.join(",", sorted(filter.grades())));
        }
        if (!filter.areas().isEmpty()) {
            sb.append(" in area ").append(String.join(",", sorted(filter.areas())));
        }
        if (shown < listed) {
            sb.append(", the first ").append(shown).append(" shown");
        }
        sb.append(" (of ").append(seen).append(" customers seen)");
        return sb.toString();
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private ParameterException usage(String reason) {
        return new ParameterException(spec.commandLine(), reason);
    }
}
