package org.gridwatch.jobs.io;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.TheftScore;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.reliability.CustomerInterruption;

/**
 * Where the monitor job's results go. Each deployment attaches its sinks to the streams it cares
 * about: Kafka topics, files of a replay, InfluxDB, a test's collector. Later outputs get a method
 * each.
 */
public interface MonitorOutputs extends Serializable {

    default void rejected(DataStream<Rejected> rejected) {}

    default void metrics(DataStream<MetricPoint> points) {}

    /**
     * The metric points as the operators emit them, one stream per operator, merged into {@link
     * #metrics} unless overridden. An output that takes only some measurements overrides this to
     * filter each stream in the task that makes it, so the points it drops never cross the network
     * to its sink.
     */
    default void metricStreams(List<DataStream<MetricPoint>> streams) {
        metrics(Streams.union(streams));
    }

    default void bills(DataStream<Bill> bills) {}

    /** Changes of segment, grade or strategies, as they happen. */
    default void segments(DataStream<SegmentChange> changes) {}

    /**
     * Alerts for inspectors, every version as it is emitted: raised ({@code OPEN}), raised again
     * with new evidence under the same id ({@code UPDATED}), {@code CLOSED}.
     */
    default void alerts(DataStream<Alert> alerts) {}

    /** Each customer's interruptions of supply, all its meters together, as they end. */
    default void interruptions(DataStream<CustomerInterruption> interruptions) {}

    /** Every customer's theft score, alerted or not, each time a day has moved it. */
    default void theftScores(DataStream<TheftScore> scores) {}

    static MonitorOutputs all(List<MonitorOutputs> outputs) {
        return new MonitorOutputs() {
            private static final long serialVersionUID = 1L;

            @Override
            public void rejected(DataStream<Rejected> rejected) {
                outputs.forEach(o -> o.rejected(rejected));
            }

            @Override
            public void metrics(DataStream<MetricPoint> points) {
                outputs.forEach(o -> o.metrics(points));
            }

            @Override
            public void metricStreams(List<DataStream<MetricPoint>> streams) {
                outputs.forEach(o -> o.metricStreams(streams));
            }

            @Override
            public void bills(DataStream<Bill> bills) {
                outputs.forEach(o -> o.bills(bills));
            }

            @Override
            public void segments(DataStream<SegmentChange> changes) {
                outputs.forEach(o -> o.segments(changes));
            }

            @Override
            public void alerts(DataStream<Alert> alerts) {
                outputs.forEach(o -> o.alerts(alerts));
            }

            @Override
            public void interruptions(DataStream<CustomerInterruption> interruptions) {
                outputs.forEach(o -> o.interruptions(interruptions));
            }

            @Override
            public void theftScores(DataStream<TheftScore> scores) {
                outputs.forEach(o -> o.theftScores(scores));
            }
        };
    }
}
