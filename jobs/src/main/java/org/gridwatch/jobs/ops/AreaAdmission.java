package org.gridwatch.jobs.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.meter.CoveredQuarters;
import org.gridwatch.core.meter.FirstDelivery;
import org.gridwatch.core.meter.Refusal;

/**
 * Keyed by area: lets each quarter hour of an area's supply count once, by the rule meters follow
 * ({@link FirstDelivery}). An area reading sent again is rejected DUPLICATE, one overlapping an
 * earlier reading with another interval OVERLAP, one older than the horizon behind the area's
 * newest TOO_LATE; the rest go on to the supply buckets. Without this a re-sent reading doubled the
 * supply and made the line loss negative.
 *
 * <p>Its own operator rather than a step of the supply buckets: the buckets are shared templates
 * for load and supply, and admission is per area, not per area and quarter hour. The state, one
 * {@link CoveredQuarters} per area (about 190 bytes), is kept as long as the area exists, as the
 * meters' is.
 *
 * <p>It also decides which admitted readings still count for their day's balance in the theft watch
 * ({@link #FOR_BALANCE}): those whose day has not closed ({@link DayWatch#closesAt}) by its own
 * event time. Decided here rather than where the days are balanced: there, event time is the least
 * of the customers' days and of this supply, so whether a late reading still counted depended on
 * which of the two had moved on first, and a replay's AREA_LOSS evidence on timing. Here it depends
 * on this operator's input only, as the meter join's day does on the readings'.
 */
public final class AreaAdmission extends KeyedProcessFunction<String, AreaReading, AreaReading>
        implements ActedEventTime.User {
    private static final long serialVersionUID = 1L;

    /** The admitted readings whose day is still open for its balance ({@link AreaWatch}). */
    public static final OutputTag<AreaReading> FOR_BALANCE =
            new OutputTag<>("area-readings-for-balance", Types.POJO(AreaReading.class)) {};

    private final long horizonMillis;
    private final ZoneId zone;
    private final long dayGrace;
    private final ActedEventTime eventTime = new ActedEventTime();
    private transient ValueState<CoveredQuarters> covered;
    private transient EventJson json;

    /**
     * @param horizonMillis how far behind an area's newest reading a reading is still judged: the
     *     allowed lateness, as for meters
     */
    public AreaAdmission(long horizonMillis, ZoneId zone) {
        this.horizonMillis = horizonMillis;
        this.zone = zone;
        this.dayGrace = DayWatch.graceMillis(horizonMillis);
    }

    @Override
    public ActedEventTime actedEventTime() {
        return eventTime;
    }

    @Override
    public void open(OpenContext openContext) {
        covered =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "covered-quarters", Types.POJO(CoveredQuarters.class)));
        json = new EventJson(zone);
    }

    @Override
    public void processElement(AreaReading reading, Context ctx, Collector<AreaReading> out)
            throws Exception {
        CoveredQuarters history = covered.value();
        if (history == null) {
            history = CoveredQuarters.covering(horizonMillis);
        }
        Refusal refusal =
                FirstDelivery.check(
                        "area",
                        reading.areaId(),
                        reading.startMillis(),
                        reading.endMillis(),
                        history);
        if (refusal == null) {
            covered.update(history);
            out.collect(reading);
            LocalDate day = Instant.ofEpochMilli(reading.startMillis()).atZone(zone).toLocalDate();
            if (DayWatch.closesAt(day, zone, dayGrace) > eventTime.now(ctx.timerService())) {
                ctx.output(FOR_BALANCE, reading);
            }
        } else {
            ctx.output(
                    Rejections.REJECTED,
                    new Rejected(
                            Source.AREA_READINGS.topic(),
                            refusal.reason(),
                            refusal.detail(),
                            json.areaReading(reading),
                            reading.endMillis()));
        }
    }
}
