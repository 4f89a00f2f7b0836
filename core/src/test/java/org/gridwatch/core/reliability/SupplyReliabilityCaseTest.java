package org.gridwatch.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Severity;
import org.junit.jupiter.api.Test;

/** A HIGH customer with repeated sustained interruptions: its account manager's alert. */
class SupplyReliabilityCaseTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ReliabilityAlertRule RULE = ReliabilityAlertRule.DEFAULTS;
    private static final Customer C1 =
            new Customer(
                    "C1",
                    "M1",
                    CustomerClass.COMMERCIAL,
                    "A001",
                    "COM",
                    false,
                    100,
                    Customer.UNKNOWN_SINCE);

    private static long at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant().toEpochMilli();
    }

    private static Interruption hour(String day) {
        return new Interruption(at(day + "T10:00"), at(day + "T11:00"));
    }

    private static Alert take(SupplyReliabilityCase c, String day, String segment) {
        return c.onInterruption(hour(day), C1, segment, at(day + "T12:00"), ZONE, RULE);
    }

    @Test
    void theThirdSustainedInterruptionIn90DaysOpensTheAlertTheFourthUpdatesItThenItCloses() {
        SupplyReliabilityCase c = new SupplyReliabilityCase();
        assertNull(take(c, "2026-01-05", "HIGH"));
        assertNull(take(c, "2026-02-10", "HIGH"));
        Alert opened = take(c, "2026-03-01", "HIGH");
        assertEquals("supply:C1:20260301", opened.alertId());
        assertEquals(AlertType.SUPPLY_RELIABILITY, opened.type());
        assertEquals(AlertStatus.OPEN, opened.status());
        assertEquals(Severity.HIGH, opened.severity());
        assertEquals("A001", opened.areaId());
        assertEquals(3, opened.evidence().get("sustainedInterruptions"));
        assertEquals(180.0, opened.evidence().get("interruptionMinutes"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed =
                (List<Map<String, Object>>) opened.evidence().get("timeline");
        assertEquals(
                Map.of("start", "2026-01-05T10:00", "end", "2026-01-05T11:00", "minutes", 60.0),
                listed.get(0));
        // 3 of the 6 that would make the score 1.
        assertEquals(0.5, opened.score(), 1e-12);

        Alert updated = take(c, "2026-03-20", "HIGH");
        assertEquals("supply:C1:20260301", updated.alertId());
        assertEquals(AlertStatus.UPDATED, updated.status());
        assertEquals(4, updated.evidence().get("sustainedInterruptions"));

        // 5 January 11:00 + 90 days = 5 April 11:00: three remain, still open.
        assertEquals(at("2026-04-05T11:00") + 1, c.nextReviewAt(RULE));
        assertNull(c.review(C1, "HIGH", at("2026-04-06T00:00"), ZONE, RULE));
        // 10 February + 90 days = 11 May: two remain, it closes, once.
        Alert closed = c.review(C1, "HIGH", at("2026-05-12T00:00"), ZONE, RULE);
        assertEquals(AlertStatus.CLOSED, closed.status());
        assertEquals("supply:C1:20260301", closed.alertId());
        assertEquals(2, closed.evidence().get("sustainedInterruptions"));
        assertNull(c.review(C1, "HIGH", at("2026-05-13T00:00"), ZONE, RULE));
    }

    @Test
    void aMediumCustomerGetsAMediumAlertAndALowOneNone() {
        SupplyReliabilityCase medium = new SupplyReliabilityCase();
        SupplyReliabilityCase low = new SupplyReliabilityCase();
        Alert last = null;
        for (String day : new String[] {"2026-01-05", "2026-01-06", "2026-01-07"}) {
            last = take(medium, day, "MEDIUM");
            assertNull(take(low, day, "LOW_BASIC"));
        }
        assertEquals(Severity.MEDIUM, last.severity());
        assertEquals(AlertStatus.OPEN, last.status());
    }

    @Test
    void momentaryAndOldInterruptionsDoNotCount() {
        SupplyReliabilityCase c = new SupplyReliabilityCase();
        long now = at("2026-06-01T12:00");
        for (int i = 0; i < 5; i++) {
            Interruption blink =
                    new Interruption(
                            now - 3_600_000L * (i + 1), now - 3_600_000L * (i + 1) + 4 * 60_000L);
            assertNull(c.onInterruption(blink, C1, "HIGH", now, ZONE, RULE));
        }
        assertNull(take(c, "2026-01-05", "HIGH"));
        assertNull(take(c, "2026-02-05", "HIGH"));
        // 10 May: 5 January and 5 February have left the window (ended over 90 days before).
        assertNull(take(c, "2026-05-10", "HIGH"));
    }
}
