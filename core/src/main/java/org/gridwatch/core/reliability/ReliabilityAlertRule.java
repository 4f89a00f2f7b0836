package org.gridwatch.core.reliability;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import org.gridwatch.core.event.Segment;

/**
 * When a customer's interruptions are an alert for its account manager (SUPPLY_RELIABILITY,
 * docs/supply-reliability.md).
 *
 * @param minInterruptions sustained interruptions within the window that raise the alert. Three: a
 *     Chinese city customer sees about two a year (SAIFI), so three within a quarter is several
 *     times its share, and one outage repeated (restored, then lost again) is already two
 * @param windowDays the rolling window, days. 90: a quarter, as account managers review their
 *     customers, and short enough that an alert closes once the supply has been steady a season
 * @param segments the segments whose customers are watched: HIGH (the paper promises them planned
 *     outages announced in time) and MEDIUM (promised "a high level of supply reliability"); the
 *     LOW segments get the area's standard service
 */
public record ReliabilityAlertRule(int minInterruptions, int windowDays, Set<Segment> segments)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ReliabilityAlertRule DEFAULTS =
            new ReliabilityAlertRule(3, 90, EnumSet.of(Segment.HIGH, Segment.MEDIUM));

    public ReliabilityAlertRule {
        if (minInterruptions < 1 || windowDays < 1 || segments == null) {
            throw new IllegalArgumentException(
                    "a reliability alert needs at least one interruption in at least one day");
        }
        segments = Set.copyOf(segments);
    }

    public long windowMillis() {
        return windowDays * 86_400_000L;
    }

    public boolean watches(String segment) {
        return segment != null
                && !ReliabilityLedger.NO_SEGMENT.equals(segment)
                && segments.contains(Segment.valueOf(segment));
    }
}
