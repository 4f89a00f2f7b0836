package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileSinkTest {

    @Test
    void writesOneLinePerRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/rejected.jsonl");
        JsonLinesFileSink sink = new JsonLinesFileSink(file);
        try (StatefulSinkWriter<String, Long> writer = sink.createWriter(null)) {
            writer.write("{\"a\":1}", null);
            writer.write("{\"b\":\"日\"}", null);
            writer.flush(true);
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"a\":1}", "{\"b\":\"日\"}");
    }

    @Test
    void cutsTheFileBackToTheCheckpointSoReplayedLinesAreWrittenOnce(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("rejected.jsonl");
        JsonLinesFileSink sink = new JsonLinesFileSink(file);
        List<Long> checkpoint;
        try (StatefulSinkWriter<String, Long> writer = sink.createWriter(null)) {
            writer.write("one", null);
            writer.flush(false);
            checkpoint = writer.snapshotState(1);
            writer.write("two, written after the checkpoint, then the job failed", null);
            writer.flush(false);
        }

        try (StatefulSinkWriter<String, Long> restored = sink.restoreWriter(null, checkpoint)) {
            restored.write("two", null);
            restored.flush(true);
        }

        assertThat(Files.readAllLines(file)).containsExactly("one", "two");
    }
}
