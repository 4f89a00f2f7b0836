package org.gridwatch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's live summary. On a terminal it redraws itself in place (ANSI cursor movement), each
 * line cut to the terminal's width so that the lines on screen are the lines drawn; when something
 * else wrote to standard error since (a warning), the new summary goes below it instead, so the
 * warning stays readable. Into a file or a pipe it appends one summary per refresh.
 */
final class DemoScreen implements AutoCloseable {

    private static final int DEFAULT_WIDTH = 80;
    private static final long RATE_WINDOW_NANOS = 10_000_000_000L;

    private final PrintWriter out;
    private final boolean redraw;
    private final int width;
    private final ZoneId zone;
    private final String flinkUi;
    private final DemoInflux influx;
    private final PrintStream originalErr;
    private final AtomicLong errLines = new AtomicLong();
    private long errLinesSeen;
    private int linesShown;

    /** (System.nanoTime(), readings read) of the last refreshes, for the reading rate. */
    private final ArrayDeque<long[]> recent = new ArrayDeque<>();

    DemoScreen(PrintWriter out, boolean redraw, ZoneId zone, String flinkUi, DemoInflux influx) {
        this.out = out;
        this.redraw = redraw;
        this.width = redraw ? terminalWidth() : Integer.MAX_VALUE;
        this.zone = zone;
        this.flinkUi = flinkUi;
        this.influx = influx;
        this.originalErr = System.err;
        if (redraw) {
            System.setErr(
                    new PrintStream(
                            new LineCounter(originalErr, errLines), true, StandardCharsets.UTF_8));
        }
    }

    /** True when standard input and output are a terminal that understands cursor movement. */
    static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Replaces the summary on screen (or appends one). */
    void show(List<String> lines) {
        long err = errLines.get();
        if (redraw && linesShown > 0 && err == errLinesSeen) {
            out.print("\033[" + linesShown + "F\033[J"); // to the summary's first line; clear below
        } else if (linesShown > 0) {
            out.println();
        }
        errLinesSeen = err;
        for (String line : lines) {
            out.println(line.length() < width ? line : line.substring(0, width - 1));
        }
        out.flush();
        linesShown = lines.size();
    }

    /** Forgets the summary on screen: what is printed next goes below it. */
    void leave() {
        linesShown = 0;
    }

    /** Gives standard error back. */
    @Override
    public void close() {
        if (redraw) {
            System.err.flush();
            System.setErr(originalErr);
        }
    }

    List<String> lines(
            SummarySnapshot s, SimulatorRun simulator, long influxLoadPoints, long elapsedNanos) {
        long readings = s.read("meter-readings");
        double readingsPerSecond = readingsPerSecond(System.nanoTime(), readings);
        List<String> lines = new ArrayList<>();
        lines.add(
                "-- "
                        + SummaryLines.elapsed(elapsedNanos)
                        + " -- simulated time "
                        + SummaryLines.time(simulator.simulatedMillis(), zone)
                        + (simulator.isFinished() ? ", simulation finished" : "")
                        + " --");
        lines.add(
                "  readings        "
                        + SummaryLines.count(readings)
                        + " read"
                        + (Double.isNaN(readingsPerSecond)
                                ? ""
                                : String.format(Locale.ROOT, ", %,.0f/s", readingsPerSecond))
                        + "; the simulator sent "
                        + SummaryLines.count(simulator.records())
                        + " records");
        lines.add(
                "  event time      "
                        + (s.eventTimeMillis() == Long.MIN_VALUE
                                ? "no quarter hour closed yet"
                                : "quarter hours closed up to "
                                        + SummaryLines.time(s.eventTimeMillis(), zone)));
        lines.add("  customers known " + SummaryLines.count(s.of("customers").accepted()));
        lines.add("  rejected        " + SummaryLines.rejected(s));
        lines.addAll(SummaryLines.reasons(s, "    "));
        lines.add("  segments        " + SummaryLines.value(s));
        lines.add("  load by class");
        lines.addAll(SummaryLines.load(s, zone, "    "));
        lines.add("  Flink web UI    " + flinkUi);
        if (influx.isAvailable()) {
            lines.add(
                    "  InfluxDB        "
                            + influx.url()
                            + " "
                            + DemoInflux.database()
                            + (influxLoadPoints >= 0
                                    ? ": " + SummaryLines.count(influxLoadPoints) + " load points"
                                    : ": not answering"));
            lines.add("  Grafana         an InfluxQL data source with that URL and database");
        } else {
            lines.add("  InfluxDB        none: metrics are shown here only (see docs/demo.md)");
        }
        lines.add("Ctrl-C stops the demo (zone " + zone + ").");
        return lines;
    }

    /**
     * Readings per second over the last ten seconds or so: the simulator sends a quarter hour of
     * readings at once, so a shorter window would jump between bursts and pauses. NaN at the first
     * refresh.
     */
    private double readingsPerSecond(long now, long readings) {
        recent.addLast(new long[] {now, readings});
        while (recent.size() > 2 && now - recent.peekFirst()[0] > RATE_WINDOW_NANOS) {
            recent.removeFirst();
        }
        long[] first = recent.peekFirst();
        return now == first[0]
                ? Double.NaN // one refresh is no rate yet
                : Math.max(0, (readings - first[1]) * 1e9 / (now - first[0]));
    }

    /** The terminal's columns, as `stty size` tells them; 80 when it cannot. */
    private static int terminalWidth() {
        try {
            Process stty =
                    new ProcessBuilder("stty", "size")
                            .redirectInput(ProcessBuilder.Redirect.INHERIT)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            String size =
                    new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            stty.waitFor();
            String[] rowsAndColumns = size.trim().split("\\s+");
            int columns = Integer.parseInt(rowsAndColumns[1]);
            return columns >= 20 ? columns : DEFAULT_WIDTH;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_WIDTH;
        }
    }

    /** Passes bytes through and counts the line ends among them. */
    private static final class LineCounter extends OutputStream {
        private final OutputStream target;
        private final AtomicLong lines;

        LineCounter(OutputStream target, AtomicLong lines) {
            this.target = target;
            this.lines = lines;
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                lines.incrementAndGet();
            }
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines.incrementAndGet();
                }
            }
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
