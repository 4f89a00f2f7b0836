package org.gridwatch.jobs.ops;

/**
 * What one customer's assessment changes in its area's tally of segments × grades ({@code
 * SegmentTally}): from {@link SegmentAssessment} to {@link AreaSegments}.
 *
 * @param atMillis the quarter hour end the change is counted at
 * @param fromCell the cell it leaves ({@code SegmentTally.cell}); -1 for none
 * @param toCell the cell it joins; -1 for none
 * @param revenueFen its 12-month revenue, counted with it
 * @param marginFen for {@link Kind#BILLED}: its value on the model's basis, from 0, for the area's
 *     margin 80/20 check
 * @param valuedAtMillis the billing the customer was last valued at: the tally it counts in
 */
public record TallyChange(
        String areaId,
        long atMillis,
        Kind kind,
        int fromCell,
        int toCell,
        long revenueFen,
        long marginFen,
        long valuedAtMillis) {

    public enum Kind {
        /** valued at a billing: the area's tally is made anew from these */
        BILLED,
        /** its segment or grade changed between billings */
        MOVED,
        /** removed from the master */
        REMOVED
    }
}
