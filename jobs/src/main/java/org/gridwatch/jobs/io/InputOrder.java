package org.gridwatch.jobs.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;

/**
 * Whether a replay's file of one input is an arrival log ({@link #scan}), and its copy in
 * event-time order when it is not ({@link #sortByEventTime}). See {@link ReplayOrder}.
 *
 * <p>The scan reads the file as the replay does ({@link ArrivalFileFormat}: each record parsed and
 * judged against the file's own progress with the same look-ahead), so a meter with a bad clock,
 * which the replay rejects {@code FUTURE_TIMESTAMP} and which moves no event time, does not make
 * the records after it look late. It counts the usable timed records that are more than the
 * out-of-orderness and the allowed lateness behind the newest record before them: the ones the job
 * would reject {@code TOO_LATE}. A live feed delivers almost none (the simulator's faults: none, a
 * head-end's backlog after a long outage: a few per cent of a day); a file written one meter (or
 * customer, or area) after the other, over more than the allowed lateness, has most of them.
 *
 * <p>The sort is an external merge sort by event time, stable: records of one instant keep the
 * order they were written in. A record without a usable time of its own (malformed, say) keeps its
 * place after the record written before it, and is still rejected by the replay with its reason.
 */
final class InputOrder {
    /**
     * The share of a file's first timed records that must be too late, read as written, for {@link
     * ReplayOrder#AUTO} to replay it in event-time order. A file of N meters written one after the
     * other, over D days, has about (1 − 1/N)(1 − 7/D) of them: 5% is passed from two meters over
     * eight days.
     */
    static final double NOT_ARRIVAL_SHARE = 0.05;

    /**
     * How many records {@link ReplayOrder#AUTO} reads before it decides: about a second in a fresh
     * JVM, a tenth of that warm.
     */
    static final long SCANNED_RECORDS = 250_000;

    /** Lines sorted in memory at once (about 100 MB of them). */
    static final int RUN_LINES = 500_000;

    /** Sorted runs merged at once. */
    static final int MERGE_WAYS = 100;

    private InputOrder() {}

    /**
     * What a scan found.
     *
     * @param records the records read (lines)
     * @param timed the usable records with an event time among them
     * @param tooLate the timed records more than the lateness behind the newest before them
     * @param firstTooLateLine the line (from 1) of the first of them, 0 if none
     * @param firstTooLate the source (meter, area, customer) of that record
     * @param firstTooLateMillis its event time
     * @param newestMillisThen the newest event time before it
     * @param wholeFile whether the scan read the whole file
     */
    record Scan(
            long records,
            long timed,
            long tooLate,
            long firstTooLateLine,
            String firstTooLate,
            long firstTooLateMillis,
            long newestMillisThen,
            boolean wholeFile) {

        /** Whether the file is not an arrival log: {@link #NOT_ARRIVAL_SHARE} of it too late. */
        boolean notArrivalLog() {
            return tooLate > 0 && tooLate >= NOT_ARRIVAL_SHARE * timed;
        }

        /** The finding, in words: "174,188 of the first 213,120 records ... (line 1,922: ...)". */
        String describe(String fileName, MonitorSettings settings) {
            EventTime time = new EventTime(settings.zone());
            return String.format(
                    "%s: %,d of %s %,d timed records (%.0f%%) come more than the allowed"
                            + " lateness (%s) after a later one (the first at line %,d: %s at %s,"
                            + " after %s)",
                    fileName,
                    tooLate,
                    wholeFile ? "its" : "the first",
                    timed,
                    100.0 * tooLate / timed,
                    MonitorSettings.describe(settings.allowedLateness().toMillis()),
                    firstTooLateLine,
                    firstTooLate,
                    time.format(firstTooLateMillis),
                    time.format(newestMillisThen));
        }
    }

    /** Reads up to {@code maxRecords} records of {@code file} as the replay would. */
    static <T> Scan scan(Path file, InputKind<T> kind, MonitorSettings settings, long maxRecords)
            throws IOException {
        long behind = settings.outOfOrderness().toMillis() + settings.allowedLateness().toMillis();
        long records = 0;
        long timed = 0;
        long tooLate = 0;
        long firstLine = 0;
        String first = null;
        long firstMillis = Long.MIN_VALUE;
        long newestThen = Long.MIN_VALUE;
        long newest = Long.MIN_VALUE;
        boolean whole = false;
        StreamFormat.Reader<Arrival<T>> reader =
                new ArrivalFileFormat<>(kind, settings)
                        .createReader(new Configuration(), new LocalDataInputStream(file.toFile()));
        try {
            while (records < maxRecords) {
                Arrival<T> a = reader.read();
                if (a == null) {
                    whole = true;
                    break;
                }
                records++;
                if (!a.isTimed()) {
                    continue;
                }
                timed++;
                if (newest != Long.MIN_VALUE && a.eventMillis < newest - behind) {
                    if (tooLate++ == 0) {
                        firstLine = records;
                        first = kind.sourceOf().of(a.value);
                        firstMillis = a.eventMillis;
                        newestThen = newest;
                    }
                }
                newest = Math.max(newest, a.eventMillis);
            }
        } finally {
            reader.close();
        }
        return new Scan(records, timed, tooLate, firstLine, first, firstMillis, newestThen, whole);
    }

    /**
     * The copy of {@code file} in event-time order, in {@code folder}: made by {@link
     * #sortByEventTime}, with a note beside it of the size and time of the file it was made from,
     * or the one made before when the note still fits. Its place is fixed, so that a job restored
     * from a checkpoint finds the file its splits name.
     *
     * @param notice told what was done, in a line
     */
    static <T> Path sortedCopy(
            Path file,
            Path folder,
            InputKind<T> kind,
            MonitorSettings settings,
            Consumer<String> notice)
            throws IOException {
        String name = file.getFileName().toString();
        Path to = folder.resolve(name);
        Path made = folder.resolve(name + ".source");
        String source = Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        if (Files.isRegularFile(to)
                && Files.isRegularFile(made)
                && Files.readString(made).equals(source)) {
            notice.accept(name + ": replaying its event-time-ordered copy " + to + ", made before");
            return to;
        }
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(made);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the event-time-ordered copy of "
                            + name
                            + " into "
                            + folder
                            + " ("
                            + e
                            + "): make the folder writable, or replay the file as written"
                            + " with --replay-order file",
                    e);
        }
        long started = System.nanoTime();
        long lines = sortByEventTime(file, to, kind, settings);
        Files.writeString(made, source);
        notice.accept(
                String.format(
                        "%s: %,d lines sorted by event time in %.1f s, into %s",
                        name, lines, (System.nanoTime() - started) / 1e9, to));
        return to;
    }

    /**
     * Writes the lines of {@code in} to {@code out} in event-time order, stably, in runs of {@link
     * #RUN_LINES} sorted in memory and merged from files in {@code out}'s folder.
     *
     * @return the number of lines written
     */
    static <T> long sortByEventTime(Path in, Path out, InputKind<T> kind, MonitorSettings settings)
            throws IOException {
        return sortByEventTime(in, out, kind, settings, RUN_LINES, MERGE_WAYS);
    }

    /** As above, with runs of {@code runLines} merged {@code mergeWays} at a time. */
    static <T> long sortByEventTime(
            Path in,
            Path out,
            InputKind<T> kind,
            MonitorSettings settings,
            int runLines,
            int mergeWays)
            throws IOException {
        StreamIntake<T> intake = new StreamIntake<>(kind, settings);
        List<Path> runs = new ArrayList<>();
        long lines = 0;
        // As the replay reads it (ArrivalFileFormat): bytes that are not UTF-8 become U+FFFD, and
        // the line is rejected with its reason, not the sort stopped.
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(Files.newInputStream(in), StandardCharsets.UTF_8))) {
            String[] chunk = new String[runLines];
            long[] keys = new long[runLines];
            int n = 0;
            long previous = Long.MIN_VALUE;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                long own = intake.parse(line).eventMillis;
                previous = own == Long.MIN_VALUE ? previous : own;
                chunk[n] = line;
                keys[n++] = previous;
                lines++;
                if (n == runLines) {
                    runs.add(writeRun(chunk, keys, n, out, runs.size(), true));
                    n = 0;
                }
            }
            if (runs.isEmpty()) {
                writeRun(chunk, keys, n, out, 0, false);
                return lines;
            }
            if (n > 0) {
                runs.add(writeRun(chunk, keys, n, out, runs.size(), true));
            }
        }
        int pass = 0;
        while (runs.size() > mergeWays) {
            List<Path> merged = new ArrayList<>();
            for (int i = 0; i < runs.size(); i += mergeWays) {
                List<Path> group = runs.subList(i, Math.min(runs.size(), i + mergeWays));
                Path to = runFile(out, "merge" + pass + "-" + merged.size());
                merge(group, to, true);
                merged.add(to);
            }
            runs = merged;
            pass++;
        }
        merge(runs, out, false);
        return lines;
    }

    private static Path runFile(Path out, String name) {
        return out.resolveSibling(out.getFileName() + "." + name + ".run");
    }

    /** Sorts the first n lines by key, stably, into a run file (key TAB line) or into out. */
    private static Path writeRun(
            String[] lines, long[] keys, int n, Path out, int index, boolean keyed)
            throws IOException {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> keys[i])); // stable
        Path to = keyed ? runFile(out, "sort" + index) : out;
        try (BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            for (int i : order) {
                if (keyed) {
                    w.write(Long.toString(keys[i]));
                    w.write('\t');
                }
                w.write(lines[i]);
                w.write('\n');
                lines[i] = null;
            }
        }
        return to;
    }

    /** The head line of one run being merged. */
    private static final class Head {
        final BufferedReader reader;
        final int run;
        long key;
        String line;

        Head(BufferedReader reader, int run) {
            this.reader = reader;
            this.run = run;
        }

        boolean advance() throws IOException {
            String next = reader.readLine();
            if (next == null) {
                return false;
            }
            int tab = next.indexOf('\t');
            key = Long.parseLong(next, 0, tab, 10);
            line = next.substring(tab + 1);
            return true;
        }
    }

    /**
     * Merges sorted runs into {@code to}, keyed (another run) or as plain lines; a tie goes to the
     * earlier run, which holds the earlier lines. The runs are deleted.
     */
    private static void merge(List<Path> runs, Path to, boolean keyed) throws IOException {
        PriorityQueue<Head> heads =
                new PriorityQueue<>(
                        Comparator.<Head>comparingLong(h -> h.key).thenComparingInt(h -> h.run));
        List<BufferedReader> open = new ArrayList<>();
        try (BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            for (int i = 0; i < runs.size(); i++) {
                BufferedReader r = Files.newBufferedReader(runs.get(i), StandardCharsets.UTF_8);
                open.add(r);
                Head h = new Head(r, i);
                if (h.advance()) {
                    heads.add(h);
                }
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                if (keyed) {
                    w.write(Long.toString(h.key));
                    w.write('\t');
                }
                w.write(h.line);
                w.write('\n');
                if (h.advance()) {
                    heads.add(h);
                }
            }
        } finally {
            for (BufferedReader r : open) {
                r.close();
            }
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
        }
    }
}
