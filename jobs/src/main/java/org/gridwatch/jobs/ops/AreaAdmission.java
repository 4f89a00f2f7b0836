package org.gridwatch.jobs.ops;

import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
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
 */
public final class AreaAdmission extends KeyedProcessFunction<String, AreaReading, AreaReading> {
    private static final long serialVersionUID = 1L;

    private final long horizonMillis;
    private final ZoneId zone;
    private transient ValueState<CoveredQuarters> covered;
    private transient EventJson json;

    /**
     * @param horizonMillis how far behind an area's newest reading a reading is still judged: the
     *     allowed lateness, as for meters
     */
    public AreaAdmission(long horizonMillis, ZoneId zone) {
        this.horizonMillis = horizonMillis;
        this.zone = zone;
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
