package org.gridwatch.jobs.ops;

import org.gridwatch.core.value.SegmentTally;

/**
 * An area's tally of segments × grades in {@link AreaSegments}: as it stands, as the fleet last
 * heard it, and the billing it was made at or since. A POJO for Flink.
 */
public final class AreaTally {
    /** Customers and revenue per segment × grade now. */
    public SegmentTally tally;

    /** What {@link FleetSegments} counts of this area. */
    public SegmentTally sent;

    /**
     * The billing this tally belongs to: made at it, or made since from customers valued at it. A
     * later billing that values no customer of the area ends it.
     */
    public long asOfMillis;

    public AreaTally() {}

    AreaTally(SegmentTally tally, SegmentTally sent, long asOfMillis) {
        this.tally = tally;
        this.sent = sent;
        this.asOfMillis = asOfMillis;
    }
}
