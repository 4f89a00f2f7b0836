package org.gridwatch.jobs.ops;

import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.jobs.MonitorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metered load per area, customer class and 15 minutes (the {@code load} measurement), and the same
 * split by time-of-use period with its energy revenue at each customer's tariff (the {@code tou}
 * measurement). A quarter hour lies in one period, as periods change on half hours. The readings
 * arrive summed per task and watermark ({@link LoadPartials}, which also rejects the readings too
 * late for their quarter hour); this is the second phase, keyed by area and class.
 */
public final class LoadBuckets extends FifteenMinuteBuckets<LoadPartial, LoadTotal> {
    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(LoadBuckets.class);

    /**
     * What each emission adds to the system's load in its quarter hour: the first emission the
     * bucket's energy, a re-emission after late readings the difference.
     */
    public static final OutputTag<QuarterLoad> SYSTEM_LOAD = new OutputTag<>("system-load") {};

    public LoadBuckets(MonitorSettings settings) {
        super(settings.allowedLateness().toMillis(), LoadTotal.class);
    }

    @Override
    protected LoadTotal empty() {
        return new LoadTotal();
    }

    /** The key: one series per area and class. */
    public static String key(String areaId, CustomerClass customerClass) {
        return areaId + "|" + customerClass.name();
    }

    @Override
    public void processElement(LoadPartial p, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        if (isClosed(p.quarterStart, ctx)) {
            // Cannot happen: the partial's task judged its readings against event time no earlier
            // than this operator's (see LoadPartials). Should it, the energy is not added to a
            // quarter hour already final.
            LOG.warn(
                    "load of {} for the quarter hour from {} came after it closed; not added ({} readings)",
                    p.key,
                    p.quarterStart,
                    p.total.readings);
            return;
        }
        LoadTotal total = open(p.quarterStart, ctx);
        total.merge(p.total);
        store(p.quarterStart, total);
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
