package org.gridwatch.jobs.influx;

import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The InfluxDB writer's Flink metrics, on the sink's metric group (web UI, REST API, any metrics
 * reporter): {@value #REFUSED}, the points InfluxDB refused for good, and {@value #PENDING}, the
 * points held while it cannot be reached.
 */
class InfluxWriteMetrics {
    static final String REFUSED = "influxdbPointsRefused";
    static final String PENDING = "influxdbPointsPending";

    /** For tests: counts nothing. */
    static final InfluxWriteMetrics NONE = new InfluxWriteMetrics();

    private final Counter refused;
    private final MetricGroup group;

    private InfluxWriteMetrics() {
        this.refused = null;
        this.group = null;
    }

    InfluxWriteMetrics(MetricGroup group) {
        this.group = group;
        this.refused = group.counter(REFUSED);
    }

    void refused(int points) {
        if (refused != null) {
            refused.inc(points);
        }
    }

    void pending(IntSupplier held) {
        if (group != null) {
            group.gauge(PENDING, held::getAsInt);
        }
    }
}
