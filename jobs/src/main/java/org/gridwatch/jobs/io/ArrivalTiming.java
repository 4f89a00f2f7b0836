package org.gridwatch.jobs.io;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;
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
     * The event time of a Kafka topic. A stream that may fall silent stops holding event time back
     * after {@link MonitorSettings#idleness} without records ({@link
     * MonitorSettings#masterIdleness} for the master, a compacted topic read to its end).
     *
     * <p>The meter readings never do: they are the job's clock. Were they let go idle, a pause of
     * the head-end's feed (an outage, a network partition) would hand event time to the streams
     * that go on (payments, area readings, their stamps the wall clock's), and when the readings
     * came back every day, month and area balance of the pause would already be closed without
     * them: a live job would go on with nothing to show for the readings of the pause. Held, event
     * time waits for them, and the pause's readings count as a replay counts them. Only a readings
     * partition that has not carried a timed reading yet goes idle after {@link
     * MonitorSettings#idleness} ({@link IdleUntilFirstRecord}): a source task given no partition
     * (more tasks than partitions), or an empty partition, holds nothing back.
     */
    public static <T> WatermarkStrategy<Arrival<T>> of(InputKind<T> kind, MonitorSettings s) {
        return switch (kind.source()) {
            case METER_READINGS -> {
                long outOfOrderness = s.outOfOrderness().toMillis();
                long idleness = s.idleness().toNanos();
                yield timedBy(
                        context ->
                                new IdleUntilFirstRecord<>(
                                        new UsableRecordsWatermarks<>(outOfOrderness),
                                        context.getInputActivityClock(),
                                        idleness));
            }
            case CUSTOMERS -> ofReplay(kind, s).withIdleness(s.masterIdleness());
            default -> ofReplay(kind, s).withIdleness(s.idleness());
        };
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
        return timedBy(context -> new UsableRecordsWatermarks<>(outOfOrderness));
    }

    /** Watermarks from {@code generator}, each record stamped with its own event time. */
    private static <T> WatermarkStrategy<Arrival<T>> timedBy(
            WatermarkGeneratorSupplier<Arrival<T>> generator) {
        return WatermarkStrategy.forGenerator(generator)
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

    /**
     * Flink's idleness for a split that has not carried a timed record yet, and never after: once
     * it has, a pause in it holds event time back however long it lasts (Flink's own {@code
     * withIdleness} lets go of a split after any pause).
     */
    static final class IdleUntilFirstRecord<T> implements WatermarkGenerator<Arrival<T>> {
        private final WatermarkGenerator<Arrival<T>> watermarks;
        private final RelativeClock clock;
        private final long idlenessNanos;
        private final long sinceNanos;
        private boolean timed;
        private boolean idle;

        IdleUntilFirstRecord(
                WatermarkGenerator<Arrival<T>> watermarks,
                RelativeClock clock,
                long idlenessNanos) {
            this.watermarks = watermarks;
            this.clock = clock;
            this.idlenessNanos = idlenessNanos;
            this.sinceNanos = clock.relativeTimeNanos();
        }

        @Override
        public void onEvent(Arrival<T> a, long timestamp, WatermarkOutput output) {
            watermarks.onEvent(a, timestamp, output);
            if (a.isTimed()) {
                timed = true;
                idle = false; // its first watermark, just emitted, marks the split active again
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (!timed && clock.relativeTimeNanos() - sinceNanos >= idlenessNanos) {
                if (!idle) {
                    output.markIdle();
                    idle = true;
                }
            } else {
                watermarks.onPeriodicEmit(output);
            }
        }
    }
}
