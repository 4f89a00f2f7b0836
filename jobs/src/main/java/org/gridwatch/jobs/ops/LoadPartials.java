package org.gridwatch.jobs.ops;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.jobs.MonitorSettings;

/**
 * The load's first phase, in the meter join's task ({@link PartialsBeforeWatermark}): each admitted
 * reading's energy shared over its quarter hours and priced at its customer's tariff, summed per
 * area, class and quarter hour, and sent to {@link LoadBuckets} before the next watermark.
 *
 * <p>A reading whose quarter hours have closed for good (event time passed their end by more than
 * the allowed lateness) is rejected here, {@code TOO_LATE}, with its text: the partial carries no
 * readings. It is judged against the event time this task has passed on ({@link ActedEventTime},
 * kept across restores); the load operator's own event time is never ahead of it, as it takes the
 * least of all tasks' watermarks, so a partial sent from here still finds its quarter hour open.
 */
public final class LoadPartials
        extends PartialsBeforeWatermark<
                MeteredReading, LoadPartials.SeriesQuarter, LoadTotal, LoadPartial> {
    private static final long serialVersionUID = 1L;

    private final MonitorSettings settings;
    private final long latenessMillis;
    private final ActedEventTime eventTime = new ActedEventTime();
    private transient long watermark;
    private transient TariffBook.Resolver tariffs;
    private transient EventJson json;
    private transient Map<String, String[]> seriesKeys;

    private static final CustomerClass[] CLASSES = CustomerClass.values();

    public LoadPartials(MonitorSettings settings) {
        this.settings = settings;
        this.latenessMillis = settings.allowedLateness().toMillis();
    }

    /** One series (area and class) in one quarter hour. */
    record SeriesQuarter(String areaId, CustomerClass customerClass, long quarterStart) {}

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        eventTime.initialize(context);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        eventTime.snapshot();
    }

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
        tariffs = settings.tariffBook().resolver();
        json = new EventJson(settings.zone());
        seriesKeys = new HashMap<>();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark); // sends the partials, then the watermark
        watermark = mark.getTimestamp();
        eventTime.now(watermark); // what is closed now stays closed after a restore
    }

    @Override
    protected void add(MeteredReading m) {
        MeterReading r = m.reading();
        long first = Bucket.startOf(r.startMillis());
        if (Bucket.closesAt(first, latenessMillis) <= eventTime.now(watermark)) {
            output.collect(Rejections.REJECTED, new StreamRecord<>(tooLate(r)));
            return;
        }
        TariffBook.Priced tariff = tariffs.priced(m.customer().tariffId());
        int quarters = Bucket.quarters(r.intervalMinutes());
        long energy = Bucket.microKwh(r.kwh());
        for (int i = 0; i < quarters; i++) {
            long quarter = first + i * Bucket.MILLIS;
            LoadTotal total =
                    partial(
                            new SeriesQuarter(
                                    m.customer().areaId(), m.customer().customerClass(), quarter));
            if (tariff == null) {
                total.add(Bucket.share(energy, quarters, i), TariffBook.UNPRICED, 0.0);
            } else {
                int slot = tariff.slotAt(quarter);
                total.add(Bucket.share(energy, quarters, i), slot, tariff.cnyPerKwh(slot));
            }
        }
    }

    private Rejected tooLate(MeterReading r) {
        return new Rejected(
                Source.METER_READINGS.topic(),
                RejectReason.TOO_LATE,
                Rejections.QUARTER_CLOSED,
                json.reading(r),
                r.endMillis());
    }

    /**
     * A quarter hour's partial is needed when the load emits it: as the watermark passes its end.
     */
    @Override
    protected long neededFrom(SeriesQuarter key) {
        return LoadBuckets.emitsAt(key.quarterStart());
    }

    @Override
    protected LoadTotal empty(SeriesQuarter key) {
        return new LoadTotal();
    }

    @Override
    protected LoadPartial sent(SeriesQuarter key, LoadTotal total) {
        return new LoadPartial(
                seriesKey(key.areaId(), key.customerClass()), key.quarterStart(), total);
    }

    /**
     * The series' key as {@link LoadBuckets#key} makes it, made once a series in this task: each
     * watermark sends a partial of every series that had readings, and the one copy keeps its hash
     * for the key-by that sends it on.
     */
    private String seriesKey(String areaId, CustomerClass customerClass) {
        String[] ofArea = seriesKeys.computeIfAbsent(areaId, a -> new String[CLASSES.length]);
        String key = ofArea[customerClass.ordinal()];
        if (key == null) {
            key = LoadBuckets.key(areaId, customerClass);
            ofArea[customerClass.ordinal()] = key;
        }
        return key;
    }
}
