package org.gridwatch.jobs.ops;

import org.gridwatch.core.value.RangeFindings;

/** What one range found at a billing: from {@link RangeRanking} to {@link FleetMonth}. */
public record MonthFindings(long atMillis, RangeFindings findings) {

    public String monthKey() {
        return Long.toString(atMillis);
    }
}
