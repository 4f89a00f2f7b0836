package org.gridwatch.jobs.influx;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.gridwatch.core.metric.MetricPoint;

/**
 * Writes metric points to InfluxDB over its v1 HTTP API. Unlike sinks that buffer and hope, the
 * writer writes synchronously in {@code flush()}, which Flink calls before every checkpoint: a
 * completed checkpoint means the points are in InfluxDB. When InfluxDB stays unreachable the writer
 * throws and the job restarts from the last checkpoint; since points carry event-time timestamps,
 * the replay rewrites the same points instead of duplicating them.
 */
public final class InfluxDbSink implements Sink<MetricPoint> {
    private static final long serialVersionUID = 1L;

    private final InfluxSettings settings;

    public InfluxDbSink(InfluxSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<MetricPoint> createWriter(WriterInitContext context) {
        return new InfluxDbWriter(settings, new InfluxDbConnection(settings));
    }
}
