package org.gridwatch.jobs.io;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.gridwatch.core.event.Source;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;

/**
 * The event time of an input, given to its source so that Flink generates watermarks per Kafka
 * partition and per file split, before any union: a partition that lags holds event time back
 * instead of having its records judged late against a faster one. Only usable records with a time
 * move a watermark; rejections (a {@code FUTURE_TIMESTAMP} above all) never do.
 */
public final class ArrivalTiming {
    private ArrivalTiming() {}

    /**
     * The event time of a stream that may fall silent (a Kafka topic): after {@link
     * MonitorSettings#idleness} without records ({@link MonitorSettings#masterIdleness} for the
     * master, a compacted topic read to its end) it stops holding event time back.
     */
    public static <T> WatermarkStrategy<Arrival<T>> of(InputKind<T> kind, MonitorSettings s) {
        WatermarkStrategy<Arrival<T>> strategy = ofReplay(kind, s);
        return strategy.withIdleness(
                kind.source() == Source.CUSTOMERS ? s.masterIdleness() : s.idleness());
    }

    /**
     * The event time of a file, which ends: no idleness. A file source holds event time back until
     * it has read its file, and then ends it, so where the replay's event time stands never depends
     * on the wall clock. With idleness, a master file whose reading started more than 10 s late on
     * a busy machine was taken for idle, and the readings that came meanwhile were judged without
     * their master (docs/architecture.md, "A late reading is judged where its order is fixed").
     */
    public static <T> WatermarkStrategy<Arrival<T>> ofReplay(InputKind<T> kind, MonitorSettings s) {
        if (kind.source() == Source.CUSTOMERS) {
            // The master holds no event time back: it is read to its end (or, on Kafka, goes
            // idle) and then event time follows the readings.
            return WatermarkStrategy.<Arrival<T>>noWatermarks();
        }
        long outOfOrderness = s.outOfOrderness().toMillis();
        return WatermarkStrategy.<Arrival<T>>forGenerator(
                        context -> new UsableRecordsWatermarks<>(outOfOrderness))
                .withTimestampAssigner((a, recordTs) -> a.eventMillis);
    }

    /**
     * Bounded out-of-orderness over the usable, timed records of one split, emitted with the
     * records that move it (at most once a {@link #STEP} of event time) rather than on a
     * processing-time period. Where a watermark falls among a split's records then depends on the
     * records alone, so a replay of the same files judges the same readings late, closes each day
     * after the same readings, whatever the machine's speed or the job's parallelism; a periodic
     * watermark could lag a fast replay by a day of event time, by an amount that changed from run
     * to run.
     */
    static final class UsableRecordsWatermarks<T> implements WatermarkGenerator<Arrival<T>> {
        /** The least step a watermark moves by: readings come in quarter hours. */
        static final long STEP = 60_000L;

        private final long outOfOrderness;
        private long newest;
        private long emitted = Long.MIN_VALUE;

        UsableRecordsWatermarks(long outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
            this.newest = Long.MIN_VALUE + outOfOrderness + 1;
        }

        @Override
        public void onEvent(Arrival<T> a, long timestamp, WatermarkOutput output) {
            if (a.isTimed() && a.eventMillis > newest) {
                newest = a.eventMillis;
                long mark = newest - outOfOrderness - 1;
                if (emitted == Long.MIN_VALUE || mark >= emitted + STEP) {
                    emitted = mark;
                    output.emitWatermark(new Watermark(mark));
                }
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // nothing: every watermark goes out with the record that moved it
        }
    }
}
