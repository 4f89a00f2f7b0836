package org.gridwatch.jobs.io;

import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Source;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;

/**
 * A replay over a folder of the contract's .jsonl files (customers.jsonl, readings.jsonl, ...). The
 * job is bounded: it ends when every file is read, and every result is final. Each file is judged
 * against its own progress, looking ahead ({@link ArrivalFileFormat}).
 *
 * <p>A time-stamped file is read in the order {@link MonitorSettings#replayOrder()} says: where it
 * is read in event-time order, a sorted copy is written (when the job is built, on the client) into
 * {@link #SORTED_COPIES} of the folder, and the replay reads that ({@link InputOrder}). The copy's
 * place is fixed, so a job restored from a checkpoint finds the file its splits name, and the
 * TaskManagers of a cluster read it where they read the folder; it is made again only when its
 * source changed (size or time).
 */
public final class FileInputs implements MonitorInputs {
    private static final long serialVersionUID = 1L;

    /** The sub-folder of a replay's folder that holds its event-time-ordered copies. */
    public static final String SORTED_COPIES = "time-ordered";

    private final String dir;

    private transient Consumer<String> notices;

    public FileInputs(java.nio.file.Path dir) {
        this.dir = dir.toAbsolutePath().toString();
    }

    /**
     * Where to say how a file is read, when it is not read as written (standard error if unset).
     */
    public FileInputs withNotices(Consumer<String> notices) {
        this.notices = notices;
        return this;
    }

    /** The inputs a replay cannot do without. */
    public static boolean isRequired(Source source) {
        return source == Source.CUSTOMERS || source == Source.METER_READINGS;
    }

    @Override
    public java.util.List<String> fixedScenarioRecords() {
        java.nio.file.Path file = java.nio.file.Path.of(dir, Source.TARIFF_SCENARIOS.fileName());
        if (!Files.isRegularFile(file)) {
            return java.util.List.of();
        }
        try {
            return Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public <T> Optional<DataStream<Arrival<T>>> open(
            StreamExecutionEnvironment env, InputKind<T> kind, MonitorSettings settings) {
        Source source = kind.source();
        if (source == Source.TARIFF_SCENARIOS) {
            return Optional.empty(); // fixed for the replay: fixedScenarioRecords()
        }
        java.nio.file.Path file = java.nio.file.Path.of(dir, source.fileName());
        if (!Files.isRegularFile(file)) {
            if (isRequired(source)) {
                throw new IllegalArgumentException(
                        "the replay folder " + dir + " has no " + source.fileName());
            }
            return Optional.empty();
        }
        file = ordered(file, kind, settings);
        FileSource<Arrival<T>> files =
                FileSource.forRecordStreamFormat(
                                new ArrivalFileFormat<>(kind, settings),
                                new Path(file.toUri().toString()))
                        .build();
        return Optional.of(
                env.fromSource(
                                files,
                                ArrivalTiming.ofReplay(kind, settings),
                                "file: " + source.fileName(),
                                kind.arrivalType())
                        .uid("source-file-" + source.topic()));
    }

    /** The file, or its copy in event-time order where {@link MonitorSettings#replayOrder} says. */
    private <T> java.nio.file.Path ordered(
            java.nio.file.Path file, InputKind<T> kind, MonitorSettings settings) {
        ReplayOrder order = settings.replayOrder();
        if (kind.source() == Source.CUSTOMERS || order == ReplayOrder.FILE) {
            return file; // the master has no time: a later record replaces an earlier one
        }
        String name = file.getFileName().toString();
        try {
            if (order == ReplayOrder.AUTO) {
                InputOrder.Scan scan =
                        InputOrder.scan(file, kind, settings, InputOrder.SCANNED_RECORDS);
                if (!scan.notArrivalLog()) {
                    return file;
                }
                notice(
                        scan.describe(name, settings)
                                + ": it is not in the order its records arrived (written one "
                                + "meter, area or customer after the other?), so it is replayed in "
                                + "event-time order; --replay-order file replays it as written");
            }
            return InputOrder.sortedCopy(
                    file, file.resolveSibling(SORTED_COPIES), kind, settings, this::notice);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot order " + file + ": " + e, e);
        }
    }

    private void notice(String line) {
        if (notices != null) {
            notices.accept(line);
        } else {
            System.err.println("replay: " + line);
        }
    }
}
