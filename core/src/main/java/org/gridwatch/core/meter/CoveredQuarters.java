package org.gridwatch.core.meter;

import java.util.Arrays;
import org.gridwatch.core.metric.Bucket;

/**
 * Which quarter hours a meter (or a transformer area) has already delivered energy for, over a
 * sliding horizon behind its newest delivered quarter hour, and where each delivered reading
 * starts: enough to let each quarter hour's energy count once. A second delivery of exactly the
 * same interval is a {@link Verdict#DUPLICATE}; a different interval that covers any quarter hour
 * already covered (an hour after its quarters, the quarters after their hour, a half hour across an
 * hour) is an {@link Verdict#OVERLAP}; the first delivery wins, and a refused reading changes
 * nothing.
 *
 * <p>Two bits per quarter hour, in a ring indexed by quarter hour modulo the horizon: whether the
 * quarter is covered, and whether an admitted reading starts there. Coverage alone cannot tell a
 * re-sent hour from an hour laid over four quarter-hour readings; with the starts it can, because
 * admitted readings never overlap, so each one runs from its start to the next start or the next
 * uncovered quarter. Seven days are 672 quarters, 1344 bits: 168 bytes, plus 12 for the newest
 * quarter and the horizon, about 190 bytes per meter as Flink serializes it (ten million meters:
 * under 2 GB of state). Anything older than the horizon can no longer be judged and is {@link
 * Verdict#TOO_LATE}.
 *
 * <p>Quarter hours are aligned to the epoch, as {@link Bucket}s are, and so to local quarter hours
 * in every zone whose offset is a whole number of quarter hours.
 *
 * <p>Mutable, with a public no-argument constructor and public fields, so that Flink keeps it as a
 * POJO in keyed state.
 */
public final class CoveredQuarters {

    public enum Verdict {
        /** The interval's quarter hours were all free; they are now covered. */
        ADMITTED,
        /** Exactly this interval was delivered before. */
        DUPLICATE,
        /** Another interval delivered before covers some of these quarter hours. */
        OVERLAP,
        /** The interval starts at or beyond the horizon behind the newest quarter hour. */
        TOO_LATE
    }

    /** The shortest horizon: an hourly reading must fit in it to be judged at all. */
    public static final int MIN_HORIZON = 4;

    private static final long NONE = Long.MIN_VALUE;

    // The two bits of a quarter hour.
    private static final int FREE = 0;
    private static final int CONTINUES = 1;
    private static final int STARTS = 2;

    /** The newest covered quarter hour (epoch millis / 15 min), or Long.MIN_VALUE before any. */
    public long newestQuarter = NONE;

    /** How many quarter hours, up to and including the newest, are remembered. */
    public int horizon;

    /** Two bits per quarter hour of the horizon (FREE, CONTINUES or STARTS), 32 to a long. */
    public long[] bits;

    public CoveredQuarters() {}

    public CoveredQuarters(int horizonQuarters) {
        if (horizonQuarters < MIN_HORIZON) {
            throw new IllegalArgumentException(
                    "horizon must be at least " + MIN_HORIZON + " quarter hours (one hour)");
        }
        this.horizon = horizonQuarters;
        this.bits = new long[(2 * horizonQuarters + 63) / 64];
    }

    /** A horizon of the whole quarter hours in {@code millis} (7 days: 672). */
    public static CoveredQuarters covering(long millis) {
        return new CoveredQuarters((int) (millis / Bucket.MILLIS));
    }

    public int horizonQuarters() {
        return horizon;
    }

    /**
     * Judges the interval [{@code startMillis}, {@code endMillis}) and, only when it is admitted,
     * records it as covered.
     */
    public Verdict admit(long startMillis, long endMillis) {
        long first = Math.floorDiv(startMillis, Bucket.MILLIS);
        long last = Math.floorDiv(endMillis - 1, Bucket.MILLIS);
        if (last - first >= horizon) {
            throw new IllegalArgumentException("an interval longer than the horizon");
        }
        // The ring slot of the first quarter hour, worked out once: every other quarter hour the
        // interval asks about lies less than a horizon from it (a division a quarter hour cost a
        // tenth of the meter join's admission, docs/benchmarks.md, session 44).
        int base = index(first);
        if (newestQuarter != NONE) {
            if (newestQuarter - first >= horizon) {
                return Verdict.TOO_LATE;
            }
            if (isOneDelivery(first, last, base)) {
                return Verdict.DUPLICATE;
            }
            if (coveredAmong(first, last, base) > 0) {
                return Verdict.OVERLAP;
            }
        }
        if (newestQuarter == NONE || last > newestQuarter) {
            advanceTo(last, first, base);
        }
        set(base, STARTS);
        for (long q = first + 1; q <= last; q++) {
            set(slot(base, q - first), CONTINUES);
        }
        return Verdict.ADMITTED;
    }

    /** How many of the interval's quarter hours are already covered (within the horizon). */
    public int coveredQuarters(long startMillis, long endMillis) {
        if (newestQuarter == NONE) {
            return 0;
        }
        long first =
                Math.max(Math.floorDiv(startMillis, Bucket.MILLIS), newestQuarter - horizon + 1);
        long last = Math.floorDiv(endMillis - 1, Bucket.MILLIS);
        return coveredAmong(first, last, index(first));
    }

    /**
     * Whether exactly [first, last] was delivered as one reading: it starts at {@code first},
     * covers every quarter to {@code last} without another start, and does not run on past it.
     * {@code base} is the ring slot of {@code first}.
     */
    private boolean isOneDelivery(long first, long last, int base) {
        if (get(first, base) != STARTS) {
            return false;
        }
        for (long q = first + 1; q <= last; q++) {
            if (get(q, slot(base, q - first)) != CONTINUES) {
                return false;
            }
        }
        return get(last + 1, slot(base, last + 1 - first)) != CONTINUES;
    }

    /**
     * How many of [first, last] are covered; {@code base} is the ring slot of {@code first}, which
     * lies less than a horizon behind the newest (a quarter hour past the newest is free whatever
     * slot it would have).
     */
    private int coveredAmong(long first, long last, int base) {
        int n = 0;
        for (long q = first; q <= last; q++) {
            if (get(q, slot(base, q - first)) != FREE) {
                n++;
            }
        }
        return n;
    }

    /**
     * Makes {@code quarter} the newest, forgetting the quarters that fall out of the horizon;
     * {@code base} is the ring slot of {@code first}, which lies less than a horizon from it.
     */
    private void advanceTo(long quarter, long first, int base) {
        if (newestQuarter == NONE || quarter - newestQuarter >= horizon) {
            Arrays.fill(bits, 0L);
        } else {
            for (long q = newestQuarter + 1; q <= quarter; q++) {
                // the ring slot still holds a quarter one horizon older
                set(slot(base, q - first), FREE);
            }
        }
        newestQuarter = quarter;
    }

    /**
     * The two bits of a quarter hour within the horizon, at its ring slot {@code index}. Quarters
     * after the newest are free: their ring slots still hold quarters one horizon older.
     */
    private int get(long quarter, int index) {
        if (quarter > newestQuarter) {
            return FREE;
        }
        int bit = 2 * index;
        return (int) (bits[bit >>> 6] >>> (bit & 63)) & 3;
    }

    private void set(int index, int state) {
        int bit = 2 * index;
        long word = bits[bit >>> 6] & ~(3L << (bit & 63));
        bits[bit >>> 6] = word | ((long) state << (bit & 63));
    }

    /** The ring slot of a quarter hour. */
    private int index(long quarter) {
        return (int) Math.floorMod(quarter, (long) horizon);
    }

    /**
     * The ring slot {@code offset} quarter hours from ring slot {@code base}, for an offset of less
     * than a horizon either way: the slot {@link #index} gives, without its division.
     */
    private int slot(int base, long offset) {
        int i = base + (int) offset;
        if (i < 0) {
            return i + horizon;
        }
        return i >= horizon ? i - horizon : i;
    }
}
