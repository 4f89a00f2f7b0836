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

    public static <T> WatermarkStrategy<Arrival<T>> of(InputKind<T> kind, MonitorSettings s) {
        if (kind.source() == Source.CUSTOMERS) {
            // The master holds no event time back: it is read to its end (or goes idle) and then
            // event time follows the readings.
            return WatermarkStrategy.<Arrival<T>>noWatermarks().withIdleness(s.masterIdleness());
        }
        long outOfOrderness = s.outOfOrderness().toMillis();
        return WatermarkStrategy.<Arrival<T>>forGenerator(
                        context -> new UsableRecordsWatermarks<>(outOfOrderness))
                .withTimestampAssigner((a, recordTs) -> a.eventMillis)
                .withIdleness(s.idleness());
    }

    /** Bounded out-of-orderness over the usable, timed records of one split. */
    static final class UsableRecordsWatermarks<T> implements WatermarkGenerator<Arrival<T>> {
        private final long outOfOrderness;
        private long newest;

        UsableRecordsWatermarks(long outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
            this.newest = Long.MIN_VALUE + outOfOrderness + 1;
        }

        @Override
        public void onEvent(Arrival<T> a, long timestamp, WatermarkOutput output) {
            if (a.isTimed() && a.eventMillis > newest) {
                newest = a.eventMillis;
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(newest - outOfOrderness - 1));
        }
    }
}
