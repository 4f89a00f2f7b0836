package org.gridwatch.jobs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes lines to ONE file, as the contract's replay outputs are single files ({@code
 * rejected.jsonl}, ...). Run it with parallelism 1. Each checkpoint remembers the file's length;
 * after a failure the file is cut back to that length before the replayed records are written
 * again, so a restarted job writes every line exactly once.
 */
public final class JsonLinesFileSink implements Sink<String>, SupportsWriterState<String, Long> {
    private static final long serialVersionUID = 1L;

    private final String file;

    public JsonLinesFileSink(Path file) {
        this.file = file.toAbsolutePath().toString();
    }

    @Override
    public StatefulSinkWriter<String, Long> createWriter(WriterInitContext context)
            throws IOException {
        return new Writer(Path.of(file), 0L);
    }

    @Override
    public StatefulSinkWriter<String, Long> restoreWriter(
            WriterInitContext context, Collection<Long> recoveredState) throws IOException {
        long length = recoveredState.stream().mapToLong(Long::longValue).max().orElse(0L);
        return new Writer(Path.of(file), length);
    }

    @Override
    public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
        return new LengthSerializer();
    }

    private static final class Writer implements StatefulSinkWriter<String, Long> {
        private final FileChannel channel;
        private final OutputStream out;
        private long length;

        Writer(Path path, long keepBytes) throws IOException {
            Files.createDirectories(path.toAbsolutePath().getParent());
            channel =
                    FileChannel.open(
                            path,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.READ);
            channel.truncate(keepBytes);
            channel.position(keepBytes);
            length = keepBytes;
            out =
                    new java.io.BufferedOutputStream(
                            java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
        }

        @Override
        public void write(String line, Context context) throws IOException {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            out.write('\n');
            length += bytes.length + 1;
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
            channel.force(false);
        }

        @Override
        public List<Long> snapshotState(long checkpointId) {
            return List.of(length);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static final class LengthSerializer implements SimpleVersionedSerializer<Long> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Long length) {
            return ByteBuffer.allocate(Long.BYTES).putLong(length).array();
        }

        @Override
        public Long deserialize(int version, byte[] serialized) {
            return ByteBuffer.wrap(serialized).getLong();
        }
    }
}
