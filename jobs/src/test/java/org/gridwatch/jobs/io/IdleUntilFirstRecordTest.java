package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;
import org.gridwatch.core.event.RejectReason;
import org.junit.jupiter.api.Test;

/**
 * A readings partition goes idle only until its first timed reading: a pause after that holds event
 * time back, whatever its length (a live feed's outage must not hand event time to the payments).
 */
class IdleUntilFirstRecordTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long IDLENESS = 10 * SECOND;
    private static final long OUT_OF_ORDERNESS = 15 * 60_000L;
    private static final long T0 = 1_767_196_800_000L; // 2026-01-01T00:00+08:00

    private final ManualClock clock = new ManualClock();
    private final Recorded out = new Recorded();
    private final ArrivalTiming.IdleUntilFirstRecord<String> split =
            new ArrivalTiming.IdleUntilFirstRecord<>(
                    new ArrivalTiming.UsableRecordsWatermarks<>(OUT_OF_ORDERNESS), clock, IDLENESS);

    @Test
    void aSplitWithoutRecordsGoesIdleOnceItsIdlenessHasPassed() {
        clock.nanos = IDLENESS - 1;
        split.onPeriodicEmit(out);
        assertThat(out.events).isEmpty();

        clock.nanos = IDLENESS;
        split.onPeriodicEmit(out);
        clock.nanos = 5 * IDLENESS;
        split.onPeriodicEmit(out);
        assertThat(out.events).containsExactly("idle");
    }

    @Test
    void aSplitThatHasCarriedAReadingHoldsEventTimeThroughAnyPause() {
        split.onEvent(Arrival.usable("r", T0, false), T0, out);
        for (long t = 0; t <= 3600 * SECOND; t += SECOND) {
            clock.nanos = t;
            split.onPeriodicEmit(out);
        }

        // the reading's own watermark: its time less the out-of-orderness, less a millisecond
        assertThat(out.events).containsExactly("watermark " + (T0 - OUT_OF_ORDERNESS - 1));
    }

    @Test
    void anIdleSplitIsActiveAgainWithItsFirstReadingAndNeverIdleAfter() {
        clock.nanos = IDLENESS;
        split.onPeriodicEmit(out);
        split.onEvent(Arrival.usable("r", T0, false), T0, out);
        clock.nanos = 100 * IDLENESS;
        split.onPeriodicEmit(out);

        assertThat(out.events).containsExactly("idle", "watermark " + (T0 - OUT_OF_ORDERNESS - 1));
    }

    @Test
    void aRejectedRecordIsNoReadingAndTheSplitStillGoesIdle() {
        split.onEvent(Arrival.rejected(RejectReason.NOT_JSON, "not JSON", "{", T0), T0, out);
        clock.nanos = IDLENESS;
        split.onPeriodicEmit(out);

        assertThat(out.events).containsExactly("idle");
    }

    private static final class ManualClock implements RelativeClock {
        long nanos;

        @Override
        public long relativeTimeMillis() {
            return nanos / 1_000_000;
        }

        @Override
        public long relativeTimeNanos() {
            return nanos;
        }
    }

    private static final class Recorded implements WatermarkOutput {
        final List<String> events = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            events.add("watermark " + watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            events.add("idle");
        }

        @Override
        public void markActive() {
            events.add("active");
        }
    }
}
