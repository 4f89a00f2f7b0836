package org.gridwatch.jobs.ops;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.metric.PeakValley;
import org.gridwatch.core.tariff.PeakValleyGapCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system's load per quarter hour, summed over every area and class, and once a local day is
 * over its peak, valley and peak-valley difference rate: the {@code peak_valley} measurement,
 * stamped at local midnight. Late corrections re-emit the day, as the quarter-hour buckets do; a
 * day is forgotten when the allowed lateness has passed after it. The second phase, one key: its
 * input is one sum per {@link Shards shard} and quarter hour from {@link SystemLoadPartials}, not
 * one per area and class, and its state the open days' 96 quarter hours.
 *
 * <p>When the job ends (a bounded replay, or a stop), it logs a warning if the tariff file's {@code
 * system-peak-valley-gap} and the complete days this run measured fall on different sides of the
 * 40% of the 3:1 / 4:1 rule ({@link PeakValleyGapCheck}).
 */
public final class DailyPeakValley extends KeyedProcessFunction<String, QuarterLoad, MetricPoint>
        implements ActedEventTime.User {
    private static final long serialVersionUID = 1L;
    private static final long DAY = Bucket.DAY_MILLIS;
    private static final int QUARTERS = Bucket.QUARTERS_A_DAY;

    private static final Logger LOG = LoggerFactory.getLogger(DailyPeakValley.class);

    public static final String KEY = "system";

    private final long latenessMillis;
    private final long offsetMillis;
    private final double configuredGap;
    private transient MapState<Long, Long> quarters;
    private final ActedEventTime eventTime = new ActedEventTime();

    /**
     * The rate of each day with load in all its quarter hours, as last emitted, since this run
     * began: for the log only, so not kept in state (one entry a day).
     */
    private transient SortedMap<LocalDate, Double> completeDays;

    /**
     * @param configuredGap the tariff file's {@code system-peak-valley-gap}, NaN when not set
     */
    public DailyPeakValley(long latenessMillis, ZoneId zone, double configuredGap) {
        this.latenessMillis = latenessMillis;
        this.offsetMillis = EventTime.fixedOffset(zone).getTotalSeconds() * 1000L;
        this.configuredGap = configuredGap;
    }

    @Override
    public void open(OpenContext openContext) {
        quarters =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "system-quarters", Types.LONG, Types.LONG));
        completeDays = new TreeMap<>();
    }

    /** What the log says at the end: the setting against the complete days measured so far. */
    Optional<String> gapConcern() {
        return PeakValleyGapCheck.concern(configuredGap, completeDays);
    }

    @Override
    public void close() throws Exception {
        if (completeDays != null) {
            gapConcern().ifPresent(concern -> LOG.warn("{}", concern));
        }
        super.close();
    }

    @Override
    public ActedEventTime actedEventTime() {
        return eventTime;
    }

    private long dayStart(long t) {
        return Bucket.localDayStart(t, offsetMillis);
    }

    @Override
    public void processElement(QuarterLoad q, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        long day = dayStart(q.bucketStart());
        if (day + DAY - 1 + latenessMillis <= eventTime.now(ctx.timerService())) {
            return; // the buckets upstream rejected such records as too late already
        }
        Long before = quarters.get(q.bucketStart());
        quarters.put(q.bucketStart(), (before == null ? 0L : before) + q.deltaMicroKwh());
        ctx.timerService().registerEventTimeTimer(day + DAY - 1);
        ctx.timerService().registerEventTimeTimer(day + DAY - 1 + latenessMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        eventTime.now(ctx.timerService());
        long dayEnded = timestamp + 1 - DAY;
        if (dayStart(dayEnded) == dayEnded) {
            emitDay(dayEnded, out);
        }
        long expired = timestamp + 1 - latenessMillis - DAY;
        if (expired != dayEnded && dayStart(expired) == expired) {
            for (int i = 0; i < QUARTERS; i++) {
                quarters.remove(expired + i * Bucket.MILLIS);
            }
        }
    }

    private void emitDay(long day, Collector<MetricPoint> out) throws Exception {
        long[] energy = new long[QUARTERS];
        int n = 0;
        for (int i = 0; i < QUARTERS; i++) {
            Long e = quarters.get(day + i * Bucket.MILLIS);
            if (e != null) {
                energy[n++] = e;
            }
        }
        if (n == 0) {
            return;
        }
        PeakValley pv = PeakValley.of(energy, n);
        if (n == QUARTERS) {
            completeDays.put(
                    LocalDate.ofEpochDay(Math.floorDiv(day + offsetMillis, DAY)), pv.rate());
        }
        out.collect(
                MetricPoint.of(Measurements.PEAK_VALLEY)
                        .field("peak_kw", pv.peakKw())
                        .field("valley_kw", pv.valleyKw())
                        .field("rate", pv.rate())
                        .field("quarters", (long) pv.quarters())
                        .at(day));
    }
}
