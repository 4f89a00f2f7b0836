package org.gridwatch.jobs.ops;

import java.time.ZoneId;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;

/** Metered load per area, customer class and 15 minutes: the {@code load} measurement. */
public final class LoadBuckets extends EnergyBuckets<MeteredReading> {
    private static final long serialVersionUID = 1L;

    public LoadBuckets(long latenessMillis, ZoneId zone) {
        super(latenessMillis, zone);
    }

    /** The key: one series per area and class. */
    public static String key(MeteredReading m) {
        return m.customer().areaId() + "|" + m.customer().customerClass().name();
    }

    @Override
    protected long startMillis(MeteredReading m) {
        return m.reading().startMillis();
    }

    @Override
    protected int intervalMinutes(MeteredReading m) {
        return m.reading().intervalMinutes();
    }

    @Override
    protected double kwh(MeteredReading m) {
        return m.reading().kwh();
    }

    @Override
    protected Rejected tooLate(MeteredReading m) {
        MeterReading r = m.reading();
        return new Rejected(
                Source.METER_READINGS.topic(),
                RejectReason.TOO_LATE,
                TOO_LATE_DETAIL,
                json.reading(r),
                r.endMillis());
    }

    @Override
    protected void emit(String key, long bucketStart, EnergyTotal t, Collector<MetricPoint> out) {
        int bar = key.indexOf('|');
        out.collect(
                MetricPoint.of(Measurements.LOAD)
                        .tag("area", key.substring(0, bar))
                        .tag("class", key.substring(bar + 1))
                        .field("kwh", t.kwh())
                        .field("kw", t.kwh() / Bucket.HOURS)
                        .field("readings", t.readings)
                        .at(bucketStart));
    }
}
