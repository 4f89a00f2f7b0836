package org.gridwatch.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.gridwatch.core.event.MeterEvent;
import org.junit.jupiter.api.Test;

/** A customer with two meters: overlapping meter interruptions are one customer interruption. */
class CustomerOutagesTest {

    private static final long MINUTE = 60_000L;
    private static final int OFF = MeterEvent.POWER_OFF.bit();
    private static final int ON = MeterEvent.POWER_ON.bit();

    private static long hm(int h, int m) {
        return (h * 60L + m) * MINUTE;
    }

    @Test
    void twoMetersDarkTogetherAreOneInterruptionFromTheFirstOffToTheLastOn() {
        CustomerOutages c = new CustomerOutages();
        // M1, read every 15 min: off in 10:00-10:15 (10:07:30), on in 11:00-11:15 (11:07:30).
        // M2, read hourly: off in 10:00-11:00 (10:30), on in 11:00-12:00 (11:30).
        assertTrue(c.onReading("M1", hm(10, 0), hm(10, 15), OFF).isEmpty());
        assertTrue(c.onReading("M2", hm(10, 0), hm(11, 0), OFF).isEmpty());
        assertTrue(c.onReading("M1", hm(11, 0), hm(11, 15), ON).isEmpty());
        assertTrue(c.onReading("M2", hm(11, 0), hm(12, 0), ON).isEmpty());
        // One interruption, 10:07:30 to 11:30: 82.5 minutes, held 75 minutes after its end.
        assertEquals(hm(11, 30) + CustomerOutages.HOLD_MILLIS, c.closesAt());
        assertTrue(c.close(hm(12, 44)).isEmpty());
        Optional<Interruption> one = c.close(hm(12, 45));
        assertEquals(82.5, one.orElseThrow().minutes(), 1e-9);
        assertEquals(hm(10, 7) + 30_000, one.get().startMillis());
        assertTrue(c.isEmpty());
    }

    @Test
    void aMeterStillDarkHoldsTheInterruptionOpenUntilItComesBack() {
        CustomerOutages c = new CustomerOutages();
        c.onReading("M1", hm(10, 0), hm(10, 15), OFF); // 10:07:30
        c.onReading("M2", hm(10, 0), hm(11, 0), OFF); // 10:30
        c.onReading("M1", hm(10, 45), hm(11, 0), ON); // 10:52:30
        // M1's interruption is over and its hold too, but M2 went dark before its end.
        assertTrue(c.close(hm(12, 30)).isEmpty());
        c.onReading("M2", hm(13, 0), hm(14, 0), ON); // 13:30
        assertEquals(hm(13, 30) + CustomerOutages.HOLD_MILLIS, c.closesAt());
        Interruption whole = c.close(hm(14, 45)).orElseThrow();
        // 10:07:30 to 13:30: 202.5 minutes, one interruption.
        assertEquals(202.5, whole.minutes(), 1e-9);
    }

    @Test
    void aLaterDisjointInterruptionClosesTheHeldOneAtOnce() {
        CustomerOutages c = new CustomerOutages();
        c.onReading("M1", hm(10, 0), hm(10, 15), OFF);
        c.onReading("M1", hm(10, 30), hm(10, 45), ON); // 10:07:30 - 10:37:30
        c.onReading("M1", hm(11, 0), hm(11, 15), OFF);
        List<Interruption> whole = c.onReading("M1", hm(11, 30), hm(11, 45), ON);
        assertEquals(List.of(new Interruption(hm(10, 7) + 30_000, hm(10, 37) + 30_000)), whole);
        assertEquals(
                new Interruption(hm(11, 7) + 30_000, hm(11, 37) + 30_000),
                c.close(Long.MAX_VALUE).orElseThrow());
    }

    @Test
    void oneMeterAloneIsItsOwnInterruption() {
        CustomerOutages c = new CustomerOutages();
        c.onReading("M1", hm(9, 0), hm(10, 0), OFF | ON); // a blink within the hour: 9:00-9:30
        Interruption i = c.close(hm(9, 30) + CustomerOutages.HOLD_MILLIS).orElseThrow();
        assertEquals(30.0, i.minutes(), 1e-9);
    }
}
