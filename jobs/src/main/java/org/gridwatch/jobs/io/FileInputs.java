package org.gridwatch.jobs.io;

import java.nio.file.Files;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Source;

/**
 * A replay over a folder of the contract's .jsonl files (customers.jsonl, readings.jsonl, ...). The
 * job is bounded: it ends when every file is read, and every result is final.
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
    public Optional<DataStream<String>> open(StreamExecutionEnvironment env, Source source) {
        java.nio.file.Path file = java.nio.file.Path.of(dir, source.fileName());
        if (!Files.isRegularFile(file)) {
            if (isRequired(source)) {
                throw new IllegalArgumentException(
                        "the replay folder " + dir + " has no " + source.fileName());
            }
            return Optional.empty();
        }
        FileSource<String> files =
                FileSource.forRecordStreamFormat(
                                new TextLineInputFormat(), new Path(file.toUri().toString()))
                        .build();
        return Optional.of(
                env.fromSource(
                                files,
                                WatermarkStrategy.noWatermarks(),
                                "file: " + source.fileName())
                        .uid("source-file-" + source.topic()));
    }
}
