package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.jobs.MonitorSettings;

/**
 * Metered load per area, customer class and 15 minutes (the {@code load} measurement), and the same
 * split by time-of-use period with its energy revenue at each customer's tariff (the {@code tou}
 * measurement). A quarter hour lies in one period, as periods change on half hours.
 */
public final class LoadBuckets extends EnergyBuckets<MeteredReading, LoadTotal> {
    private static final long serialVersionUID = 1L;

    /**
     * What each emission adds to the system's load in its quarter hour: the first emission the
     * bucket's energy, a re-emission after late readings the difference.
     */
    public static final OutputTag<QuarterLoad> SYSTEM_LOAD = new OutputTag<>("system-load") {};

    private final MonitorSettings settings;
    private transient TariffBook tariffs;

    public LoadBuckets(MonitorSettings settings) {
        super(settings.allowedLateness().toMillis(), settings.zone(), LoadTotal.class);
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        tariffs = settings.tariffBook();
    }

    @Override
    protected LoadTotal empty() {
        return new LoadTotal();
    }

    @Override
    protected void add(LoadTotal total, MeteredReading m, long bucketStart, long microKwh) {
        String tariff = m.customer().tariffId();
        int slot = tariffs.slotAt(tariff, bucketStart);
        total.add(microKwh, slot, tariffs.cnyPerKwh(tariff, slot));
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
    protected void emit(
            String key,
            long bucketStart,
            LoadTotal t,
            OnTimerContext ctx,
            Collector<MetricPoint> out) {
        int bar = key.indexOf('|');
        String area = key.substring(0, bar);
        String customerClass = key.substring(bar + 1);
        out.collect(
                MetricPoint.of(Measurements.LOAD)
                        .tag("area", area)
                        .tag("class", customerClass)
                        .field("kwh", t.kwh())
                        .field("kw", t.kwh() / Bucket.HOURS)
                        .field("readings", t.readings)
                        .at(bucketStart));
        ctx.output(
                SYSTEM_LOAD,
                new QuarterLoad(bucketStart, t.microKwh - t.emittedMicroKwh, Shards.of(key)));
        t.emittedMicroKwh = t.microKwh;
        for (int slot = 0; slot < TariffBook.SLOTS; slot++) {
            if (t.microKwhBySlot[slot] != 0) {
                out.collect(
                        MetricPoint.of(Measurements.TOU)
                                .tag("area", area)
                                .tag("class", customerClass)
                                .tag("period", TariffBook.slotName(slot))
                                .field("kwh", Bucket.kwhOf(t.microKwhBySlot[slot]))
                                .field("revenue", t.microCnyBySlot[slot] / 1e6)
                                .at(bucketStart));
            }
        }
    }
}
