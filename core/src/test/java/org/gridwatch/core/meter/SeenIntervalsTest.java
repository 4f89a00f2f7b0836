package org.gridwatch.core.meter;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridwatch.core.meter.SeenIntervals.Verdict;
import org.junit.jupiter.api.Test;

class SeenIntervalsTest {
    private static final long Q = 15 * 60_000L;
    private static final long T0 = 1_768_435_200_000L; // 2026-01-15T08:00+08:00

    @Test
    void admitsEachIntervalOnceAndCallsTheSecondCopyADuplicate() {
        SeenIntervals seen = new SeenIntervals(96);
        assertThat(seen.admit(T0)).isEqualTo(Verdict.NEW);
        assertThat(seen.admit(T0 + Q)).isEqualTo(Verdict.NEW);
        assertThat(seen.admit(T0)).isEqualTo(Verdict.DUPLICATE);
        assertThat(seen.admit(T0 + Q)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void admitsAnOutOfOrderIntervalInsideTheHorizonOnce() {
        SeenIntervals seen = new SeenIntervals(96);
        seen.admit(T0 + 10 * Q);
        assertThat(seen.admit(T0 + 3 * Q)).isEqualTo(Verdict.NEW);
        assertThat(seen.admit(T0 + 3 * Q)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void callsAnIntervalAtOrBeyondTheHorizonBehindTheNewestTooLate() {
        SeenIntervals seen = new SeenIntervals(4);
        seen.admit(T0 + 10 * Q);
        assertThat(seen.admit(T0 + 7 * Q)).isEqualTo(Verdict.NEW);
        assertThat(seen.admit(T0 + 6 * Q)).isEqualTo(Verdict.TOO_LATE);
    }

    @Test
    void forgetsSlotsThatLeftTheHorizonSoTheRingCanBeReused() {
        SeenIntervals seen = new SeenIntervals(4);
        seen.admit(T0);
        seen.admit(T0 + 4 * Q); // same ring index as T0
        seen.admit(T0 + 5 * Q);
        // T0 + 8Q maps to the index of T0 and T0 + 4Q; it was never seen
        assertThat(seen.admit(T0 + 8 * Q)).isEqualTo(Verdict.NEW);
        assertThat(seen.admit(T0 + 6 * Q)).isEqualTo(Verdict.NEW);
        assertThat(seen.admit(T0 + 5 * Q)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void clearsTheWholeRingAfterAGapLongerThanTheHorizon() {
        SeenIntervals seen = new SeenIntervals(8);
        for (int i = 0; i < 8; i++) {
            seen.admit(T0 + i * Q);
        }
        seen.admit(T0 + 100 * Q);
        assertThat(seen.admit(T0 + 96 * Q)).isEqualTo(Verdict.NEW);
    }

    @Test
    void aSevenDayHorizonHasOneSlotPerQuarterHour() {
        assertThat(SeenIntervals.covering(7 * 24 * 3600_000L).horizonSlots()).isEqualTo(672);
    }
}
