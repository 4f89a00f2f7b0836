package org.gridwatch.jobs.ops;

import java.time.ZoneId;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;

/**
 * Energy delivered into each transformer area per 15 minutes: the {@code area_supply} measurement,
 * the supplied side of the area balance (台区线损) that loss detection will compare with the metered
 * {@code load}.
 */
public final class SupplyBuckets extends EnergyBuckets<AreaReading, EnergyTotal> {
    private static final long serialVersionUID = 1L;

    public SupplyBuckets(long latenessMillis, ZoneId zone) {
        super(latenessMillis, zone, EnergyTotal.class);
    }

    @Override
    protected EnergyTotal empty() {
        return new EnergyTotal();
    }

    @Override
    protected void add(EnergyTotal total, AreaReading r, long bucketStart, long microKwh) {
        total.add(microKwh);
    }

    @Override
    protected long startMillis(AreaReading r) {
        return r.startMillis();
    }

    @Override
    protected int intervalMinutes(AreaReading r) {
        return r.intervalMinutes();
    }

    @Override
    protected double kwh(AreaReading r) {
        return r.kwh();
    }

    @Override
    protected Rejected tooLate(AreaReading r) {
        return new Rejected(
                Source.AREA_READINGS.topic(),
                RejectReason.TOO_LATE,
                TOO_LATE_DETAIL,
                json.areaReading(r),
                r.endMillis());
    }

    @Override
    protected void emit(
            String area,
            long bucketStart,
            EnergyTotal t,
            OnTimerContext ctx,
            Collector<MetricPoint> out) {
        out.collect(
                MetricPoint.of(Measurements.AREA_SUPPLY)
                        .tag("area", area)
                        .field("kwh", t.kwh())
                        .field("kw", t.kwh() / Bucket.HOURS)
                        .at(bucketStart));
    }
}
