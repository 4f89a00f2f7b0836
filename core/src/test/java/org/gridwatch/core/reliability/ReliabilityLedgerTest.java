package org.gridwatch.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.gridwatch.core.event.Segment;
import org.junit.jupiter.api.Test;

/** An area's indices by segment and window, worked by hand. */
class ReliabilityLedgerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int HIGH = Segment.HIGH.ordinal();
    private static final int NONE = ReliabilityLedger.NONE_SLOT;
    private static final int ALL = -1;

    private static long at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant().toEpochMilli();
    }

    private static Interruption from(String start, String end) {
        return new Interruption(at(start), at(end));
    }

    /**
     * Four customers: C1 and C2 HIGH, C3 and C4 not valued yet. On 5 January an outage of 90
     * minutes takes C1, C2 and C3; on 20 January C3 loses supply for 30 minutes and C4 blinks for 3
     * (momentary); on 3 February C1 is off for 20 minutes.
     */
    private static ReliabilityLedger area() {
        ReliabilityLedger l = new ReliabilityLedger();
        l.addServed(HIGH, 2);
        l.addServed(NONE, 2);
        l.add(from("2026-01-05T10:00", "2026-01-05T11:30"), HIGH, ZONE);
        l.add(from("2026-01-05T10:00", "2026-01-05T11:30"), HIGH, ZONE);
        l.add(from("2026-01-05T10:00", "2026-01-05T11:30"), NONE, ZONE);
        l.add(from("2026-01-20T14:00", "2026-01-20T14:30"), NONE, ZONE);
        l.add(from("2026-01-20T14:00", "2026-01-20T14:03"), NONE, ZONE);
        l.add(from("2026-02-03T09:00", "2026-02-03T09:20"), HIGH, ZONE);
        return l;
    }

    @Test
    void januaryWorkedByHand() {
        int jan = ReliabilityLedger.monthOf(at("2026-01-31T12:00"), ZONE);
        // All four: 4 sustained interruptions, 90 + 90 + 90 + 30 = 300 customer-minutes.
        // SAIDI 300 / 4 = 75 min, SAIFI 4 / 4 = 1, CAIDI 300 / 4 = 75 min, MAIFI 1 / 4 = 0.25.
        ReliabilityIndices all = area().month(jan, ALL);
        assertEquals(4, all.customersServed);
        assertEquals(75.0, all.saidiMinutes(), 1e-9);
        assertEquals(1.0, all.saifi(), 1e-9);
        assertEquals(75.0, all.caidiMinutes(), 1e-9);
        assertEquals(0.25, all.maifi(), 1e-9);
        // HIGH: 2 customers, 2 interruptions, 180 minutes: SAIDI 90, SAIFI 1, CAIDI 90.
        ReliabilityIndices high = area().month(jan, HIGH);
        assertEquals(90.0, high.saidiMinutes(), 1e-9);
        assertEquals(1.0, high.saifi(), 1e-9);
        assertEquals(90.0, high.caidiMinutes(), 1e-9);
        // Not valued: 2 customers, 2 interruptions, 120 minutes, 1 blink: 60, 1, 60, MAIFI 0.5.
        ReliabilityIndices none = area().month(jan, NONE);
        assertEquals(60.0, none.saidiMinutes(), 1e-9);
        assertEquals(1.0, none.saifi(), 1e-9);
        assertEquals(60.0, none.caidiMinutes(), 1e-9);
        assertEquals(0.5, none.maifi(), 1e-9);
    }

    @Test
    void februaryToDateAndTheRollingTwelveMonths() {
        int feb = ReliabilityLedger.monthOf(at("2026-02-10T00:00"), ZONE);
        // February alone: 20 minutes over 4 customers: SAIDI 5, SAIFI 0.25, CAIDI 20.
        ReliabilityIndices month = area().month(feb, ALL);
        assertEquals(5.0, month.saidiMinutes(), 1e-9);
        assertEquals(0.25, month.saifi(), 1e-9);
        assertEquals(20.0, month.caidiMinutes(), 1e-9);
        // January and February: 320 minutes, 5 interruptions: SAIDI 80, SAIFI 1.25, CAIDI 64.
        ReliabilityIndices year = area().twelveMonths(feb, ALL);
        assertEquals(80.0, year.saidiMinutes(), 1e-9);
        assertEquals(1.25, year.saifi(), 1e-9);
        assertEquals(64.0, year.caidiMinutes(), 1e-9);
    }

    @Test
    void aYearLaterTheOldMonthsHaveLeftTheWindow() {
        ReliabilityLedger l = area();
        l.add(from("2027-01-10T08:00", "2027-01-10T09:00"), HIGH, ZONE);
        int jan27 = ReliabilityLedger.monthOf(at("2027-01-15T00:00"), ZONE);
        // February 2026 .. January 2027: the 20 minutes of February and the 60 of January 2027.
        ReliabilityIndices year = l.twelveMonths(jan27, ALL);
        assertEquals(2, year.customerInterruptions);
        assertEquals(80.0, year.customerMinutes, 1e-9);
        assertEquals(20.0, year.saidiMinutes(), 1e-9);
        // An interruption of a month that has left the window changes nothing.
        l.add(from("2026-01-06T08:00", "2026-01-06T09:00"), HIGH, ZONE);
        assertEquals(2, l.twelveMonths(jan27, ALL).customerInterruptions);
    }

    @Test
    void anInterruptionCountsInTheMonthItBegan() {
        ReliabilityLedger l = new ReliabilityLedger();
        l.addServed(HIGH, 1);
        l.add(from("2026-01-31T23:30", "2026-02-01T01:00"), HIGH, ZONE);
        assertEquals(
                90.0,
                l.month(ReliabilityLedger.monthOf(at("2026-01-31T00:00"), ZONE), ALL)
                        .customerMinutes,
                1e-9);
        assertEquals(
                0,
                l.month(ReliabilityLedger.monthOf(at("2026-02-01T12:00"), ZONE), ALL)
                        .customerInterruptions);
    }
}
