package org.gridwatch.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.gridwatch.core.event.MeterEvent;
import org.junit.jupiter.api.Test;

class ReliabilityIndicesTest {

    private static final long MINUTE = 60_000L;

    @Test
    void indicesOfAnAreaWorkedByHand() {
        // 1,000 customers served; an outage of 60 minutes for 200 of them and one of 30 minutes
        // for 50 others; 10 momentary blinks of 2 minutes.
        // SAIDI = (200 × 60 + 50 × 30) / 1,000 = 13.5 min; SAIFI = 250 / 1,000 = 0.25;
        // CAIDI = 13.5 / 0.25 = 54 min; MAIFI = 10 / 1,000 = 0.01.
        ReliabilityIndices area = ReliabilityIndices.serving(1_000);
        for (int i = 0; i < 200; i++) {
            area.add(new Interruption(0, 60 * MINUTE));
        }
        for (int i = 0; i < 50; i++) {
            area.add(new Interruption(0, 30 * MINUTE));
        }
        for (int i = 0; i < 10; i++) {
            area.add(new Interruption(0, 2 * MINUTE));
        }
        assertEquals(13.5, area.saidiMinutes(), 1e-12);
        assertEquals(0.25, area.saifi(), 1e-12);
        assertEquals(54.0, area.caidiMinutes(), 1e-12);
        assertEquals(0.01, area.maifi(), 1e-12);
    }

    @Test
    void twoAreasTogetherAreTheirSums() {
        // Area 1: 100 customers, one 90-minute interruption; area 2: 300 customers, none.
        // Together: SAIDI 90 / 400 = 0.225 min, SAIFI 1 / 400 = 0.0025, CAIDI 90 min.
        ReliabilityIndices one = ReliabilityIndices.serving(100);
        one.add(new Interruption(0, 90 * MINUTE));
        ReliabilityIndices both = one.merge(ReliabilityIndices.serving(300));
        assertEquals(0.225, both.saidiMinutes(), 1e-12);
        assertEquals(0.0025, both.saifi(), 1e-12);
        assertEquals(90.0, both.caidiMinutes(), 1e-12);
    }

    @Test
    void exactlyFiveMinutesIsMomentary() {
        assertFalse(new Interruption(0, 5 * MINUTE).sustained());
        assertTrue(new Interruption(0, 5 * MINUTE + 1).sustained());
    }

    @Test
    void theMeterFlagsAreReadAtTheMiddleOfTheirIntervals() {
        OutageTracker tracker = new OutageTracker();
        // 10:00–10:15 flagged POWER_OFF: off from 10:07:30; 10:45–11:00 flagged POWER_ON: on at
        // 10:52:30, 45 minutes.
        long ten = 10 * 60 * MINUTE;
        assertEquals(
                Optional.empty(),
                tracker.onReading(ten, ten + 15 * MINUTE, MeterEvent.POWER_OFF.bit()));
        assertTrue(tracker.isOff());
        Interruption i =
                tracker.onReading(ten + 45 * MINUTE, ten + 60 * MINUTE, MeterEvent.POWER_ON.bit())
                        .orElseThrow();
        assertEquals(45.0, i.minutes(), 1e-12);
        assertFalse(tracker.isOff());
        // Both flags in one 15-minute reading: off at its start, on at its middle, 7.5 minutes.
        Interruption blink =
                tracker.onReading(
                                ten + 60 * MINUTE,
                                ten + 75 * MINUTE,
                                MeterEvent.POWER_OFF.bit() | MeterEvent.POWER_ON.bit())
                        .orElseThrow();
        assertEquals(7.5, blink.minutes(), 1e-12);
        // A reading without flags changes nothing.
        assertEquals(Optional.empty(), tracker.onReading(0, 15 * MINUTE, 0));
    }
}
