package org.gridwatch.jobs.io;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.influx.InfluxDbSink;
import org.gridwatch.jobs.influx.InfluxSettings;

/** The dashboards' metrics to InfluxDB. */
public final class InfluxOutputs implements MonitorOutputs {
    private static final long serialVersionUID = 1L;

    private final InfluxSettings settings;

    public InfluxOutputs(InfluxSettings settings) {
        this.settings = settings;
    }

    @Override
    public void metrics(DataStream<MetricPoint> points) {
        points.sinkTo(new InfluxDbSink(settings))
                .name("influxdb: " + settings)
                .uid("sink-influxdb");
    }
}
