package org.gridwatch.cli;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.io.MonitorOutputs;

/**
 * When each quarter hour's first {@code load} point left the monitor job, by the wall clock: the
 * far end of {@code gridwatch bench}'s latency (a reading sent to Kafka → its quarter's metric
 * written). Measured where the job hands the point to its sinks, so it leaves out a sink's own
 * buffering (InfluxDB's batch, Kafka's transaction, both at most one checkpoint interval). Works
 * only when the job runs in this JVM's local cluster.
 */
final class LatencyProbe implements MonitorOutputs {
    private static final long serialVersionUID = 1L;

    private static final Map<String, Map<Long, Long>> PROBES = new ConcurrentHashMap<>();

    private final String id;

    LatencyProbe(String id) {
        this.id = id;
        PROBES.put(id, new ConcurrentHashMap<>());
    }

    /** Quarter-hour start (epoch ms) → wall-clock ms its first load point was written. */
    Map<Long, Long> written() {
        return PROBES.get(id);
    }

    void close() {
        PROBES.remove(id);
    }

    @Override
    public void metrics(DataStream<MetricPoint> points) {
        points.sinkTo(new ProbeSink(id)).name("latency probe (bench)").uid("sink-latency-probe");
    }

    private static final class ProbeSink implements Sink<MetricPoint> {
        private static final long serialVersionUID = 1L;

        private final String id;

        ProbeSink(String id) {
            this.id = id;
        }

        @Override
        public SinkWriter<MetricPoint> createWriter(WriterInitContext context) {
            Map<Long, Long> written = PROBES.get(id);
            return new SinkWriter<>() {
                @Override
                public void write(MetricPoint point, Context context) {
                    if (written != null && Measurements.LOAD.equals(point.measurement())) {
                        written.putIfAbsent(point.timeMillis(), System.currentTimeMillis());
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
