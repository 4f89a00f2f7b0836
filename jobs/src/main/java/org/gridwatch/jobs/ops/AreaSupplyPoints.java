package org.gridwatch.jobs.ops;

import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;

/**
 * Energy delivered into each transformer area per 15 minutes: the {@code area_supply} measurement,
 * the supplied side of the area balance (台区线损), beside the metered {@code load}. Keyed by area.
 *
 * <p>Written as each reading arrives, a 30- or 60-minute reading shared evenly over its quarter
 * hours. The readings come admitted ({@link AreaAdmission}: each quarter hour of an area's supply
 * counts once), so a quarter hour's supply is whole when its reading comes: there is nothing to
 * gather or correct, and so no keyed state. (Until session 8 each quarter hour was gathered until
 * the watermark passed it and kept, with two timers, for the allowed lateness: about 570 B a
 * customer serialized and 2 kB on the heap, at 50 customers an area.) A reading whose quarter hours
 * closed by event time (their end plus the allowed lateness) is rejected {@code TOO_LATE}, as a
 * meter's is.
 */
public final class AreaSupplyPoints extends KeyedProcessFunction<String, AreaReading, MetricPoint>
        implements ActedEventTime.User {
    private static final long serialVersionUID = 1L;

    private final long latenessMillis;
    private final ZoneId zone;
    private final ActedEventTime eventTime = new ActedEventTime();
    private transient EventJson json;

    /**
     * The quarter hours of a savepoint from before (release 0.2, state {@code buckets}): each is
     * written when its emission timer fires, if it had not been, and dropped when it closes.
     */
    private transient MapState<Long, EnergyTotal> earlierQuarters;

    public AreaSupplyPoints(long latenessMillis, ZoneId zone) {
        if (latenessMillis % Bucket.MILLIS != 0) {
            throw new IllegalArgumentException("allowed lateness must be whole quarter hours");
        }
        this.latenessMillis = latenessMillis;
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        json = new EventJson(zone);
        earlierQuarters =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "buckets", Types.LONG, Types.POJO(EnergyTotal.class)));
    }

    @Override
    public ActedEventTime actedEventTime() {
        return eventTime;
    }

    @Override
    public void processElement(AreaReading r, Context ctx, Collector<MetricPoint> out) {
        long first = Bucket.startOf(r.startMillis());
        if (Bucket.closesAt(first, latenessMillis) <= eventTime.now(ctx.timerService())) {
            ctx.output(
                    Rejections.REJECTED,
                    new Rejected(
                            Source.AREA_READINGS.topic(),
                            RejectReason.TOO_LATE,
                            Rejections.QUARTER_CLOSED,
                            json.areaReading(r),
                            r.endMillis()));
            return;
        }
        int quarters = Bucket.quarters(r.intervalMinutes());
        long energy = Bucket.microKwh(r.kwh());
        for (int i = 0; i < quarters; i++) {
            out.collect(
                    point(
                            r.areaId(),
                            first + i * Bucket.MILLIS,
                            Bucket.share(energy, quarters, i)));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        eventTime.now(ctx.timerService()); // what is closed here stays closed after a restore
        // Only a savepoint's earlier quarter hours have timers: one at the end of each quarter
        // hour not yet written, one at its closing.
        long due = timestamp + 1 - Bucket.MILLIS;
        EnergyTotal waiting = earlierQuarters.get(due);
        if (waiting != null) {
            out.collect(point(ctx.getCurrentKey(), due, waiting.microKwh));
            earlierQuarters.remove(due);
        }
        earlierQuarters.remove(due - latenessMillis);
    }

    private static MetricPoint point(String area, long quarterStart, long microKwh) {
        double kwh = Bucket.kwhOf(microKwh);
        return MetricPoint.of(Measurements.AREA_SUPPLY)
                .tag("area", area)
                .field("kwh", kwh)
                .field("kw", kwh / Bucket.HOURS)
                .at(quarterStart);
    }
}
