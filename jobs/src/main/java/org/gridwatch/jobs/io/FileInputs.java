package org.gridwatch.jobs.io;

import java.nio.file.Files;
import java.util.Optional;
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
 */
public final class FileInputs implements MonitorInputs {
    private static final long serialVersionUID = 1L;

    private final String dir;

    public FileInputs(java.nio.file.Path dir) {
        this.dir = dir.toAbsolutePath().toString();
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
        FileSource<Arrival<T>> files =
                FileSource.forRecordStreamFormat(
                                new ArrivalFileFormat<>(kind, settings),
                                new Path(file.toUri().toString()))
                        .build();
        return Optional.of(
                env.fromSource(
                                files,
                                ArrivalTiming.of(kind, settings),
                                "file: " + source.fileName(),
                                kind.arrivalType())
                        .uid("source-file-" + source.topic()));
    }
}
