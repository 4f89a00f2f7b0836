package org.gridwatch.jobs.ops;

import org.gridwatch.core.value.SegmentTally;

/**
 * What an area's tally adds to the fleet's in one quarter hour: from {@link AreaSegments} to {@link
 * FleetSegments}. At a billing the area's whole tally ({@code absolute}; the fleet's is made anew
 * from those), in between the change since the area last sent.
 */
public record TallyDelta(long atMillis, boolean absolute, SegmentTally tally) {}
