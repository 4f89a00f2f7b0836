package org.gridwatch.core.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridwatch.core.tariff.HolidayCalendar;
import org.junit.jupiter.api.Test;

class ScenarioRowTest {

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {-300, -100, 0, 50, 200};
        // n = 5: p10 → ⌈0.5⌉ = 1st, p50 → ⌈2.5⌉ = 3rd, p90 → ⌈4.5⌉ = 5th.
        assertEquals(-300, ScenarioRow.percentile(sorted, 10));
        assertEquals(0, ScenarioRow.percentile(sorted, 50));
        assertEquals(200, ScenarioRow.percentile(sorted, 90));
        assertEquals(0, ScenarioRow.percentile(new long[0], 50));
    }

    @Test
    void aRowIsOneWhatifPointTaggedByScenarioAndGroup() {
        ScenarioTally tally = ScenarioTally.of("cer", "class", "RESIDENTIAL");
        var point = ScenarioRow.of(tally, HolidayCalendar.china2026()).point(1_000L);
        assertEquals("whatif", point.measurement());
        assertEquals("cer", point.tag("scenario"));
        assertEquals("class", point.tag("group_kind"));
        assertEquals("RESIDENTIAL", point.tag("group"));
        assertEquals(1_000L, point.timeMillis());
    }
}
