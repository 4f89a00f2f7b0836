package org.gridwatch.jobs.io;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.influx.InfluxDbSink;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.types.SharedIds;

/**
 * The dashboards' metrics, the alerts for the Inspector dashboard and the worklists per strategy
 * for the Customer value dashboard, to InfluxDB.
 */
public final class InfluxOutputs implements MonitorOutputs {
    private static final long serialVersionUID = 1L;

    /**
     * How long an alert's 15-minute count can still change: the job's default allowed lateness. An
     * alert stamped earlier than that behind event time counts in the current quarter hour.
     */
    static final Duration ALERT_COUNT_LATENESS = Duration.ofDays(7);

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

    /**
     * Two measurements ({@link org.gridwatch.core.metric.Measurements#ALERTS}, counts per type,
     * area and severity and 15 minutes; {@link
     * org.gridwatch.core.metric.Measurements#ALERT_WORKLIST}, one point per alert rewritten by each
     * version) through a sink of their own.
     */
    @Override
    public void alerts(DataStream<Alert> alerts) {
        DataStream<AlertVersion> versions =
                alerts.map(AlertVersion::of)
                        .returns(Types.POJO(AlertVersion.class))
                        .name("alerts for influxdb")
                        .uid("alerts-influx-versions");
        DataStream<MetricPoint> worklist =
                versions.keyBy(AlertVersion::series)
                        .process(new AlertWorklist())
                        .returns(Types.POJO(MetricPoint.class))
                        .name("alert worklist points")
                        .uid("alert-worklist-points");
        DataStream<MetricPoint> counts =
                versions.keyBy(AlertCounts::tagsOf)
                        .process(new AlertCounts(ALERT_COUNT_LATENESS.toMillis()))
                        .returns(Types.POJO(MetricPoint.class))
                        .name("alerts per type, area, severity, 15 min")
                        .uid("alert-count-buckets");
        worklist.union(counts)
                .sinkTo(new InfluxDbSink(settings))
                .name("influxdb alerts: " + settings)
                .uid("sink-influxdb-alerts");
    }

    /**
     * The worklists per strategy ({@link org.gridwatch.core.metric.Measurements#WORKLIST}): which
     * lists each record puts the customer on and takes it off, keyed by customer, then one point
     * per customer and list, keyed by the list; through a sink of their own.
     */
    @Override
    public void segments(DataStream<SegmentChange> changes) {
        changes.keyBy(SharedIds.keyOf(SegmentChange::customerId))
                .process(new StrategyMemberships())
                .returns(Types.POJO(WorklistEntry.class))
                .name("worklists a customer joins and leaves")
                .uid("worklist-memberships")
                .keyBy(e -> e.series)
                .process(new StrategyWorklist())
                .returns(Types.POJO(MetricPoint.class))
                .name("worklist points per strategy, area, segment")
                .uid("worklist-points")
                .sinkTo(new InfluxDbSink(settings))
                .name("influxdb worklists: " + settings)
                .uid("sink-influxdb-worklists");
    }
}
