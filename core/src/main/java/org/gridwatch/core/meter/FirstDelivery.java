package org.gridwatch.core.meter;

import java.time.Duration;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.metric.Bucket;

/**
 * The rule for interval energy, the same for a meter and for a transformer area: each quarter hour
 * counts once, and the first delivery wins. A head-end that re-sends an interval (a retry after a
 * lost acknowledgement) or collects it again in other intervals (an hour after its quarter hours,
 * or the reverse) must not make energy count twice in the load, the bills or the supply.
 */
public final class FirstDelivery {

    private FirstDelivery() {}

    /**
     * Records the interval in {@code covered} when none of its quarter hours was delivered before;
     * otherwise changes nothing and says why.
     *
     * @param what {@code "meter"} or {@code "area"}, and {@code id} its id: for the detail
     * @return null when the interval is admitted, else the refusal
     */
    public static Refusal check(
            String what, String id, long startMillis, long endMillis, CoveredQuarters covered) {
        switch (covered.admit(startMillis, endMillis)) {
            case DUPLICATE:
                return new Refusal(
                        RejectReason.DUPLICATE,
                        what + " " + id + " already delivered this interval");
            case OVERLAP:
                return new Refusal(
                        RejectReason.OVERLAP,
                        what
                                + " "
                                + id
                                + " already delivered "
                                + overlap(covered, startMillis, endMillis)
                                + " of this interval in readings of other intervals;"
                                + " the first delivery counts");
            case TOO_LATE:
                return new Refusal(
                        RejectReason.TOO_LATE,
                        "starts more than "
                                + span(covered.horizonQuarters())
                                + " before the end of the newest reading of "
                                + what
                                + " "
                                + id);
            default:
                return null;
        }
    }

    /** "all 60 minutes", or "30 of the 60 minutes": how much of an interval was covered. */
    private static String overlap(CoveredQuarters covered, long startMillis, long endMillis) {
        long minutes = Duration.ofMillis(endMillis - startMillis).toMinutes();
        long coveredMinutes =
                Duration.ofMillis(covered.coveredQuarters(startMillis, endMillis) * Bucket.MILLIS)
                        .toMinutes();
        return coveredMinutes == minutes
                ? "all " + minutes + " minutes"
                : coveredMinutes + " of the " + minutes + " minutes";
    }

    /** The horizon as a person says it: "7 days", or in minutes when not whole days. */
    private static String span(int quarters) {
        Duration horizon = Duration.ofMillis(quarters * Bucket.MILLIS);
        if (horizon.toDaysPart() > 0
                && horizon.toHoursPart() == 0
                && horizon.toMinutesPart() == 0) {
            long days = horizon.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        return horizon.toMinutes() + " minutes";
    }
}
