package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.codec.EventTime;
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
 * measurement). The readings arrive summed per task and watermark ({@link LoadPartials}, which also
 * rejects the readings too late for their quarter hour); this is the second phase, keyed by area
 * and class.
 *
 * <p>A quarter hour is emitted when the watermark passes its end, and again at the next watermark
 * after late readings changed it (the same series and timestamp, so InfluxDB keeps the corrected
 * value), until it closes: its end plus the allowed lateness. This is Flink's
 * window-with-allowed-lateness, written out because every rejection must carry its reason and
 * because the state is kept by local day ({@link LoadDay}, one entry per open day, where one per
 * quarter hour with a closing timer each cost eight times the heap). A day is dropped when its last
 * quarter hour closes; it goes to the live shadow scenarios then ({@link #SHADOW_FEED}), which need
 * the whole day and so keep no copy of their own.
 */
public final class LoadBuckets extends KeyedProcessFunction<String, LoadPartial, MetricPoint>
        implements ActedEventTime.User {
    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(LoadBuckets.class);

    private static final long DAY_MILLIS = Bucket.DAY_MILLIS;

    /**
     * What each emission adds to the system's load in its quarter hour: the first emission the
     * bucket's energy, a re-emission after late readings the difference.
     */
    public static final OutputTag<QuarterLoad> SYSTEM_LOAD = new OutputTag<>("system-load") {};

    /** Every {@code tou} point as it is written, and every day once closed, for the shadow. */
    public static final OutputTag<ShadowFeed> SHADOW_FEED = new OutputTag<>("shadow-feed") {};

    private final long latenessMillis;
    private final long offsetMillis;
    private final ActedEventTime eventTime = new ActedEventTime();
    private transient MapState<Long, LoadDay> days;

    /**
     * The quarter hours of a savepoint from before the state was kept by day (release 0.2, state
     * {@code buckets}): each moves into its day the first time it is touched after the restore (a
     * partial, its emission or its closing timer), so none is lost and the state empties itself.
     */
    private transient MapState<Long, LoadTotal> earlierQuarters;

    /**
     * Whether the job was restored (from a checkpoint or savepoint): only then can it hold {@link
     * #earlierQuarters}, so a job started afresh never looks them up.
     */
    private transient boolean restored;

    private transient long[] kwhBySlot;
    private transient long[] cnyBySlot;

    public LoadBuckets(MonitorSettings settings) {
        this.latenessMillis = settings.allowedLateness().toMillis();
        if (latenessMillis % Bucket.MILLIS != 0) {
            throw new IllegalArgumentException("allowed lateness must be whole quarter hours");
        }
        this.offsetMillis = EventTime.fixedOffset(settings.zone()).getTotalSeconds() * 1000L;
    }

    /** The key: one series per area and class. */
    public static String key(String areaId, CustomerClass customerClass) {
        return areaId + "|" + customerClass.name();
    }

    @Override
    public void open(OpenContext openContext) {
        days =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "load-days", Types.LONG, Types.POJO(LoadDay.class)));
        earlierQuarters =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "buckets", Types.LONG, Types.POJO(LoadTotal.class)));
        kwhBySlot = new long[TariffBook.SLOTS];
        cnyBySlot = new long[TariffBook.SLOTS];
    }

    @Override
    public ActedEventTime actedEventTime() {
        return eventTime;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        ActedEventTime.User.super.initializeState(context);
        restored = context.isRestored();
    }

    @Override
    public void processElement(LoadPartial p, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        long now = eventTime.now(ctx.timerService());
        if (Bucket.closesAt(p.quarterStart, latenessMillis) <= now) {
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
        long dayStart = dayOf(p.quarterStart);
        LoadDay day = day(dayStart, ctx);
        int quarter = quarterOf(p.quarterStart, dayStart);
        adoptEarlier(day, quarter, p.quarterStart);
        // The emission timer is set when the quarter hour opens, and again on an update after it
        // was emitted: then it lies in the past and fires at the next watermark, emitting the
        // corrected quarter hour once. (An update before the emission finds its timer still set.)
        if (!day.has(quarter) || now >= emitsAt(p.quarterStart)) {
            ctx.timerService().registerEventTimeTimer(emitsAt(p.quarterStart));
        }
        day.add(quarter, p.total);
        days.put(dayStart, day);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        eventTime.now(ctx.timerService()); // what is closed here stays closed after a restore
        // One timestamp may be a quarter hour's emission, an older quarter hour's closing (only
        // a savepoint's earlier quarters have a timer for that) and a day's closing; handle all.
        long due = timestamp + 1 - Bucket.MILLIS;
        long dueDayStart = dayOf(due);
        LoadDay dueDay = days.get(dueDayStart);
        if (dueDay != null || (restored && earlierQuarters.contains(due))) {
            dueDay = dueDay != null ? dueDay : day(dueDayStart, ctx);
            int quarter = quarterOf(due, dueDayStart);
            adoptEarlier(dueDay, quarter, due);
            if (dueDay.has(quarter)) {
                emit(ctx.getCurrentKey(), due, dueDay, quarter, ctx, out);
                if (eventTime.now(ctx.timerService()) >= dueDayStart + DAY_MILLIS - 1) {
                    dueDay.pack(); // ended: its last quarter hour was emitted
                }
                days.put(dueDayStart, dueDay);
            }
        }
        long closed = due - latenessMillis;
        if (restored && earlierQuarters.contains(closed)) {
            long closedDayStart = dayOf(closed);
            LoadDay closedDay = day(closedDayStart, ctx, timestamp);
            adoptEarlier(closedDay, quarterOf(closed, closedDayStart), closed);
            days.put(closedDayStart, closedDay);
        }
        long closingDayStart = timestamp + 1 - latenessMillis - DAY_MILLIS;
        LoadDay closing = days.get(closingDayStart);
        if (closing != null) {
            ctx.output(
                    SHADOW_FEED,
                    ShadowFeed.day(ctx.getCurrentKey(), closing.shadow(closingDayStart)));
            days.remove(closingDayStart);
        }
    }

    /** The open day, created (with its closing timer) on first use. */
    private LoadDay day(long dayStart, Context ctx) throws Exception {
        return day(dayStart, ctx, Long.MIN_VALUE);
    }

    /**
     * As {@link #day(long, Context)} from a timer firing at {@code firing}: a day created as it
     * closes (a savepoint's last quarter hour of it, moved in at its closing) is handed over in the
     * same call, and a timer set for that instant would fire again and emit its due quarter hour a
     * second time.
     */
    private LoadDay day(long dayStart, Context ctx, long firing) throws Exception {
        LoadDay day = days.get(dayStart);
        if (day == null) {
            day = new LoadDay();
            if (closesAt(dayStart) != firing) {
                ctx.timerService().registerEventTimeTimer(closesAt(dayStart));
            }
        }
        return day;
    }

    /** Moves a savepoint's earlier quarter hour into its day, with what it emitted. */
    private void adoptEarlier(LoadDay day, int quarter, long quarterStart) throws Exception {
        LoadTotal earlier = restored ? earlierQuarters.get(quarterStart) : null;
        if (earlier != null) {
            day.add(quarter, earlier);
            day.emitted(quarter, earlier.emittedMicroKwh);
            earlierQuarters.remove(quarterStart);
        }
    }

    private void emit(
            String key,
            long quarterStart,
            LoadDay day,
            int quarter,
            OnTimerContext ctx,
            Collector<MetricPoint> out) {
        int bar = key.indexOf('|');
        String area = key.substring(0, bar);
        String customerClass = key.substring(bar + 1);
        long microKwh = day.microKwh(quarter);
        out.collect(
                MetricPoint.of(Measurements.LOAD)
                        .tag("area", area)
                        .tag("class", customerClass)
                        .field("kwh", Bucket.kwhOf(microKwh))
                        .field("kw", Bucket.kwhOf(microKwh) / Bucket.HOURS)
                        .field("readings", day.readings(quarter))
                        .at(quarterStart));
        ctx.output(SYSTEM_LOAD, new QuarterLoad(quarterStart, day.emit(quarter), Shards.of(key)));
        day.slots(quarter, kwhBySlot, cnyBySlot);
        for (int slot = 0; slot < TariffBook.SLOTS; slot++) {
            if (kwhBySlot[slot] != 0) {
                MetricPoint tou =
                        MetricPoint.of(Measurements.TOU)
                                .tag("area", area)
                                .tag("class", customerClass)
                                .tag("period", TariffBook.slotName(slot))
                                .field("kwh", Bucket.kwhOf(kwhBySlot[slot]))
                                .field("revenue", cnyBySlot[slot] / 1e6)
                                .at(quarterStart);
                out.collect(tou);
                ctx.output(SHADOW_FEED, ShadowFeed.tou(key, tou));
            }
        }
    }

    private long dayOf(long epochMillis) {
        return Bucket.localDayStart(epochMillis, offsetMillis);
    }

    private static int quarterOf(long quarterStart, long dayStart) {
        return (int) ((quarterStart - dayStart) / Bucket.MILLIS);
    }

    /** When a quarter hour is emitted: as the watermark reaches its last millisecond. */
    static long emitsAt(long quarterStart) {
        return quarterStart + Bucket.MILLIS - 1;
    }

    /** When a day's last quarter hour closes. */
    private long closesAt(long dayStart) {
        return Bucket.closesAt(dayStart + DAY_MILLIS - Bucket.MILLIS, latenessMillis);
    }
}
