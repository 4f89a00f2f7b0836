package org.gridwatch.jobs.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.gridwatch.core.metric.MetricPoint;

/**
 * Writes metric points to InfluxDB over its v1 HTTP API ({@link InfluxDbWriter}). Unlike sinks that
 * buffer and hope, points not yet written are part of every checkpoint, so neither a failure of the
 * job nor an outage of InfluxDB loses one; and since points carry event-time timestamps, a restored
 * job rewrites the same points instead of duplicating them.
 */
public final class InfluxDbSink
        implements Sink<MetricPoint>, SupportsWriterState<MetricPoint, List<String>> {
    private static final long serialVersionUID = 1L;

    private final InfluxSettings settings;

    public InfluxDbSink(InfluxSettings settings) {
        this.settings = settings;
    }

    @Override
    public StatefulSinkWriter<MetricPoint, List<String>> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<MetricPoint, List<String>> restoreWriter(
            WriterInitContext context, Collection<List<String>> recovered) {
        List<String> held = new ArrayList<>();
        recovered.forEach(held::addAll);
        return new InfluxDbWriter(
                settings,
                new InfluxDbConnection(settings),
                held,
                new InfluxWriteMetrics(context.metricGroup()),
                System::nanoTime,
                Thread::sleep);
    }

    @Override
    public SimpleVersionedSerializer<List<String>> getWriterStateSerializer() {
        return new HeldPoints();
    }

    /** The points held at a checkpoint, as their line protocol. */
    static final class HeldPoints implements SimpleVersionedSerializer<List<String>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<String> lines) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64 + lines.size() * 96);
            out.writeInt(lines.size());
            for (String line : lines) {
                byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<String> deserialize(int version, byte[] serialized) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            int n = in.readInt();
            List<String> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                lines.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            return lines;
        }
    }
}
