package org.gridwatch.core.reliability;

import java.util.Arrays;

/**
 * The segments a customer had before its current one, by event time (docs/supply-reliability.md):
 * so that an interruption counts under the segment in force when it ended, whichever of the segment
 * change and the interruption reaches the supply watch first.
 *
 * <p>Each entry is a segment and the instant it ended (the next segment's valuation), in the order
 * they ended; the current segment is kept apart by its owner, so that a history with no entries
 * means "the current segment since ever". Entries ended before a horizon are forgotten ({@link
 * #forgetEndedBy}); an instant before every entry kept then gets the oldest one kept, the best
 * answer left.
 *
 * <p>Flink state, one per customer: public no-arg constructor, public fields.
 */
public final class SegmentHistory {

    /** When each earlier segment ended, ascending. */
    public long[] endedAt = new long[0];

    /** The earlier segments, parallel to {@link #endedAt}. */
    public String[] segments = new String[0];

    public SegmentHistory() {}

    /**
     * The customer's segment changed at {@code atMillis} from {@code before}. Changes come in order
     * (one valuation task sends all of a customer's); one that does not is put in its place by its
     * instant.
     */
    public void changed(long atMillis, String before) {
        int at = endedAt.length;
        while (at > 0 && endedAt[at - 1] > atMillis) {
            at--;
        }
        endedAt = ArrayInsert.insert(endedAt, at, atMillis);
        segments = ArrayInsert.insert(segments, at, before);
    }

    /**
     * The segment in force at {@code atMillis}: the earliest earlier segment that ended after it,
     * else {@code current}.
     */
    public String at(long atMillis, String current) {
        for (int i = 0; i < endedAt.length; i++) {
            if (atMillis < endedAt[i]) {
                return segments[i];
            }
        }
        return current;
    }

    /** Forgets the segments that ended at or before {@code horizonMillis}. */
    public void forgetEndedBy(long horizonMillis) {
        int n = 0;
        while (n < endedAt.length && endedAt[n] <= horizonMillis) {
            n++;
        }
        if (n > 0) {
            endedAt = Arrays.copyOfRange(endedAt, n, endedAt.length);
            segments = Arrays.copyOfRange(segments, n, segments.length);
        }
    }

    public boolean isEmpty() {
        return endedAt.length == 0;
    }
}
