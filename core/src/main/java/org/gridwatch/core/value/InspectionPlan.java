package org.gridwatch.core.value;

import java.io.Serializable;
import org.gridwatch.core.event.Segment;

/**
 * When a customer is next to be inspected on site (用电检查), for those the paper has watched: anyone
 * with confirmed theft on record ("inspected regularly") and LOW_RISKY customers (big users with
 * poor credit, "closer checks"). The next inspection is an interval after the latest one, whatever
 * its outcome; a customer of these never inspected is due at once — from the first time the plan
 * applied to it, a date that then stays until it is inspected (it is not "now" again at every
 * reassessment). Others get none.
 *
 * <p>The intervals are example terms, not a regulation: a quarter after a recent theft (within the
 * credit rules' theft lock, when a repeat is likeliest), half a year after an older one, a year for
 * LOW_RISKY customers. The shortest that applies wins.
 *
 * @param recentTheftDays after a confirmed theft within the theft lock
 * @param pastTheftDays after an older confirmed theft
 * @param lowRiskyDays for LOW_RISKY customers
 */
public record InspectionPlan(int recentTheftDays, int pastTheftDays, int lowRiskyDays)
        implements Serializable {

    public static final InspectionPlan DEFAULTS = new InspectionPlan(90, 180, 365);

    /** No inspection planned. */
    public static final long NONE = Long.MIN_VALUE;

    private static final long DAY = 86_400_000L;

    public InspectionPlan {
        if (recentTheftDays <= 0 || pastTheftDays <= 0 || lowRiskyDays <= 0) {
            throw new IllegalArgumentException("inspection intervals must be positive");
        }
    }

    /**
     * @param lastInspectionMillis the latest inspection of the customer, {@link #NONE} if never
     * @param previousDueMillis the date the customer was given before, {@link #NONE} if none
     * @param nowMillis when this is decided: the date of a customer due at once, if it had none
     * @return when the customer is next to be inspected, or {@link #NONE}
     */
    public long nextMillis(
            Segment segment,
            int confirmedThefts,
            boolean theftRecent,
            long lastInspectionMillis,
            long previousDueMillis,
            long nowMillis) {
        int days = Integer.MAX_VALUE;
        if (confirmedThefts > 0) {
            days = theftRecent ? recentTheftDays : pastTheftDays;
        }
        if (segment == Segment.LOW_RISKY) {
            days = Math.min(days, lowRiskyDays);
        }
        if (days == Integer.MAX_VALUE) {
            return NONE;
        }
        if (lastInspectionMillis != NONE) {
            return lastInspectionMillis + days * DAY;
        }
        return previousDueMillis != NONE ? previousDueMillis : nowMillis;
    }
}
