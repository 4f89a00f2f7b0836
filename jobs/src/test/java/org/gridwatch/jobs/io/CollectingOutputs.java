package org.gridwatch.jobs.io;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.reliability.CustomerInterruption;

/** Collects a job's outputs in memory (the job runs in this JVM's MiniCluster). */
public final class CollectingOutputs implements MonitorOutputs {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    @Override
    public void rejected(DataStream<Rejected> rejected) {
        rejected.sinkTo(new Collect<>(id + "/rejected")).name("collect rejected");
    }

    @Override
    public void metrics(DataStream<MetricPoint> points) {
        points.sinkTo(new Collect<>(id + "/metrics")).name("collect metrics");
    }

    @Override
    public void alerts(DataStream<Alert> alerts) {
        alerts.sinkTo(new Collect<>(id + "/alerts")).name("collect alerts");
    }

    @Override
    public void interruptions(DataStream<CustomerInterruption> interruptions) {
        interruptions.sinkTo(new Collect<>(id + "/interruptions")).name("collect interruptions");
    }

    @SuppressWarnings("unchecked")
    public List<CustomerInterruption> interruptions() {
        return (List<CustomerInterruption>)
                (List<?>) RESULTS.getOrDefault(id + "/interruptions", List.of());
    }

    /** Every version of every alert, in the order they reached the collector. */
    @SuppressWarnings("unchecked")
    public List<Alert> alerts() {
        return (List<Alert>) (List<?>) RESULTS.getOrDefault(id + "/alerts", List.of());
    }

    @SuppressWarnings("unchecked")
    public List<Rejected> rejected() {
        return (List<Rejected>) (List<?>) RESULTS.getOrDefault(id + "/rejected", List.of());
    }

    @SuppressWarnings("unchecked")
    public List<MetricPoint> metrics() {
        return (List<MetricPoint>) (List<?>) RESULTS.getOrDefault(id + "/metrics", List.of());
    }

    private static final class Collect<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final String name;

        Collect(String name) {
            this.name = name;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            List<Object> list = RESULTS.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    list.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
