package org.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gridwatch.core.event.Output;
import org.gridwatch.jobs.MonitorArgs;
import org.gridwatch.jobs.io.FileOutputs;

/** What {@code gridwatch monitor} tells while it runs and when it ends. */
final class MonitorReport {

    private MonitorReport() {}

    /** One progress line: time, records read so far, and how far the job's metrics got. */
    static String progress(SummarySnapshot s, long elapsedNanos, MonitorArgs args) {
        String line =
                "monitor: "
                        + SummaryLines.elapsed(elapsedNanos)
                        + ", "
                        + SummaryLines.count(s.readTotal())
                        + " records read ("
                        + SummaryLines.count(s.read("meter-readings"))
                        + " readings)";
        if (s.eventTimeMillis() != Long.MIN_VALUE) {
            line +=
                    ", metrics up to "
                            + SummaryLines.time(s.eventTimeMillis(), args.settings().zone());
        }
        return line;
    }

    /** The summary: records read, accepted, rejected by reason, and where the outputs went. */
    static void print(
            PrintWriter out,
            SummarySnapshot s,
            long elapsedNanos,
            MonitorArgs args,
            boolean stopped,
            long influxRefused)
            throws IOException {
        out.printf(
                "monitor: %s after %s: %s records read, %s rejected%n",
                stopped ? "stopped" : "done",
                SummaryLines.elapsed(elapsedNanos),
                SummaryLines.count(s.readTotal()),
                SummaryLines.count(s.rejected()));
        SummaryLines.inputs(s).forEach(out::println);
        if (s.rejected() > 0) {
            out.println("  rejected: " + SummaryLines.rejected(s) + ", by reason:");
            SummaryLines.reasons(s, "    ").forEach(out::println);
        }
        if (stopped) {
            out.println(
                    "  accepted, rejected and late count the quarter hours the job had closed"
                            + (s.eventTimeMillis() == Long.MIN_VALUE
                                    ? " (none yet)"
                                    : ", up to "
                                            + SummaryLines.time(
                                                    s.eventTimeMillis(), args.settings().zone())));
        } else if (s.eventTimeMillis() != Long.MIN_VALUE) {
            out.println(
                    "  event time reached: "
                            + SummaryLines.time(s.eventTimeMillis(), args.settings().zone()));
        }
        if (s.isValued()) {
            out.println("  segments: " + SummaryLines.value(s));
        }
        if (args.out() != null
                && Files.isRegularFile(args.out().resolve(Output.ALERTS.fileName()))) {
            out.println(
                    "  alerts: "
                            + alerts(
                                    args.out().resolve(Output.ALERTS.fileName()),
                                    args.settings().theftAlertScore()));
        }
        for (String where : outputs(args)) {
            out.println("  " + where);
        }
        if (influxRefused > 0) {
            out.println(
                    "  InfluxDB refused "
                            + SummaryLines.count(influxRefused)
                            + " points for good (skipped; the log says why, once per kind)");
        }
    }

    /**
     * A replay's alerts by type, each with how many are still open, and the theft score a THEFT
     * alert opened at: "THEFT 13 (9 open), AREA_LOSS 2 (2 open); THEFT opens at a theft score of
     * 0.5 (--theft-alert-score)".
     */
    static String alerts(Path alertsFile, double theftAlertScore) throws IOException {
        Map<String, long[]> byType = new TreeMap<>();
        try (Stream<String> lines = Files.lines(alertsFile)) {
            for (String line : (Iterable<String>) lines.filter(l -> !l.isBlank())::iterator) {
                JsonNode alert = JSON.readTree(line);
                long[] n = byType.computeIfAbsent(alert.path("type").asText(), t -> new long[2]);
                n[0]++;
                n[1] += "CLOSED".equals(alert.path("status").asText()) ? 0 : 1;
            }
        }
        List<String> parts = new ArrayList<>();
        byType.forEach(
                (type, n) ->
                        parts.add(
                                type
                                        + " "
                                        + SummaryLines.count(n[0])
                                        + " ("
                                        + SummaryLines.count(n[1])
                                        + " open)"));
        return (parts.isEmpty() ? "none" : String.join(", ", parts))
                + "; THEFT opens at a theft score of "
                + BigDecimal.valueOf(theftAlertScore).stripTrailingZeros().toPlainString()
                + " (--theft-alert-score)";
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the job's outputs went, with the number of lines of each output file. */
    private static List<String> outputs(MonitorArgs args) throws IOException {
        List<String> where = new ArrayList<>();
        if (args.out() != null) {
            List<String> names = new ArrayList<>();
            for (Output o : Output.values()) {
                names.add(o.fileName());
            }
            names.add(FileOutputs.INTERRUPTIONS_FILE);
            for (String name : names) {
                Path file = args.out().resolve(name);
                if (Files.isRegularFile(file)) {
                    try (Stream<String> lines = Files.lines(file)) {
                        where.add(file + ": " + SummaryLines.count(lines.count()) + " lines");
                    }
                }
            }
        }
        if (args.kafka() != null) {
            where.add("Kafka " + args.kafka() + ": topic " + Output.REJECTED.topic());
        }
        if (args.influx() != null) {
            where.add(
                    "InfluxDB "
                            + args.influx()
                            + ": measurements load, area_supply, ingest, rejected");
        }
        if (where.isEmpty()) {
            where.add("no outputs but this summary (add --out DIR or --influx URL)");
        }
        return where;
    }
}
