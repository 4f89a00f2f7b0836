package org.gridwatch.core.time;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far one input stream (a Kafka partition, a file) has come in event time, and how each new
 * record stands against it: on time, late, or so far ahead that it cannot be true.
 *
 * <p>A stream's progress is the newest event time it has delivered. A record more than {@code
 * tolerance} ahead of what the stream can vouch for is {@link Arrival#FUTURE}: a meter whose clock
 * runs fast (or was reset to 2099) must never drag event time, and with it every other meter's
 * buckets and bills, into its future. What vouches for a record depends on the stream:
 *
 * <ul>
 *   <li><b>Live</b> ({@link #judgeLive}): the wall clock. Nothing real is stamped after now.
 *   <li><b>Replay</b> ({@link #judgeReplay}): the stream itself. A record within the tolerance of
 *       the newest record so far is ordinary progress. A bigger step forward is believed only when
 *       the records that follow it (the look-ahead a file reader has) come from enough other
 *       sources at or after it: when the whole fleet moves, the stream had a gap; when one meter
 *       jumps alone, its clock is wrong. The very first record is judged the same way, so a bad
 *       clock on line 1 of a file cannot set the pace either.
 * </ul>
 *
 * <p>A record accepted here moves event time by at most the tolerance beyond the truth; as long as
 * the tolerance is within the job's allowed lateness, the records it overtakes still count.
 *
 * <p>Not thread-safe; one per stream. Plain Java, so the Kafka and file readers share the rule.
 */
public final class StreamProgress {

    /** How a record's event time stands against its stream. */
    public enum Arrival {
        /** At or after the stream's progress less its out-of-orderness. */
        ON_TIME,
        /** Behind the stream's progress by more than the out-of-orderness; still usable. */
        LATE,
        /** Further ahead than the tolerance allows: rejected, never moves event time. */
        FUTURE
    }

    /** How many times its largest step so far a stream may step on its last record. */
    static final long PACE_FACTOR = 2;

    /** One record after the one being judged: its source (meter, area, customer) and time. */
    public record Witness(String source, long eventMillis) {}

    private final long toleranceMillis;
    private final long outOfOrdernessMillis;
    private final double corroboratingShare;
    private long newestMillis = Long.MIN_VALUE;
    // The largest step forward the stream has taken so far: its own pace, which is what vouches
    // for a step on the last record of a file, where nothing follows.
    private long largestStepMillis;

    /**
     * @param toleranceMillis how far ahead of what vouches for it a record may be
     * @param outOfOrdernessMillis how far behind the newest record a record is still on time
     * @param corroboratingShare the share of the look-ahead's sources that must be at or after a
     *     record (less the tolerance) for a big step forward to be believed, in (0, 1]
     */
    public StreamProgress(
            long toleranceMillis, long outOfOrdernessMillis, double corroboratingShare) {
        if (toleranceMillis < 0 || outOfOrdernessMillis < 0) {
            throw new IllegalArgumentException("tolerance and out-of-orderness must be >= 0");
        }
        if (!(corroboratingShare > 0 && corroboratingShare <= 1)) {
            throw new IllegalArgumentException(
                    "the corroborating share must be in (0, 1]: " + corroboratingShare);
        }
        this.toleranceMillis = toleranceMillis;
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.corroboratingShare = corroboratingShare;
    }

    /** The newest event time accepted so far, {@link Long#MIN_VALUE} before the first. */
    public long newestMillis() {
        return newestMillis;
    }

    /**
     * Judges a record of a live stream against the wall clock.
     *
     * @param nowMillis the wall clock when the record is read
     */
    public Arrival judgeLive(long eventMillis, long nowMillis) {
        if (eventMillis > saturatedAdd(nowMillis, toleranceMillis)) {
            return Arrival.FUTURE;
        }
        return accept(eventMillis);
    }

    /**
     * Judges a record of a replay against the stream's own progress.
     *
     * @param source the record's source (meter, area or customer id): one source vouches once
     * @param following the records read after it, nearest first (any number, possibly none)
     */
    public Arrival judgeReplay(long eventMillis, String source, List<Witness> following) {
        boolean step =
                newestMillis == Long.MIN_VALUE
                        || eventMillis > saturatedAdd(newestMillis, toleranceMillis);
        if (step && !corroborated(eventMillis, source, following)) {
            return Arrival.FUTURE;
        }
        return accept(eventMillis);
    }

    /**
     * Takes a record of a stream that is not judged for the future (not every source reports every
     * interval): it only tells late from on time, and moves the progress.
     */
    public Arrival judgeLate(long eventMillis) {
        return accept(eventMillis);
    }

    private Arrival accept(long eventMillis) {
        boolean late =
                newestMillis != Long.MIN_VALUE && eventMillis < newestMillis - outOfOrdernessMillis;
        if (eventMillis > newestMillis) {
            if (newestMillis != Long.MIN_VALUE) {
                largestStepMillis = Math.max(largestStepMillis, eventMillis - newestMillis);
            }
            newestMillis = eventMillis;
        }
        return late ? Arrival.LATE : Arrival.ON_TIME;
    }

    /**
     * Whether enough of the sources seen in the look-ahead (this record's own included) deliver
     * something at or after {@code eventMillis − tolerance}. With no look-ahead at all (the last
     * record of a file) the stream's own pace vouches: a step no more than {@value #PACE_FACTOR}
     * times the largest it took before is how this stream moves (a sparse file of inspections, days
     * apart); a reading stamped months after a stream of quarter hours is not. The only record of a
     * file stands, as nothing speaks against it either.
     */
    private boolean corroborated(long eventMillis, String source, List<Witness> following) {
        if (following.isEmpty()) {
            return newestMillis == Long.MIN_VALUE
                    || eventMillis - newestMillis <= PACE_FACTOR * largestStepMillis;
        }
        long from = eventMillis - toleranceMillis;
        Map<String, Boolean> vouches = new HashMap<>();
        vouches.put(source, Boolean.TRUE);
        for (Witness w : following) {
            boolean atOrAfter = w.eventMillis() >= from;
            vouches.merge(w.source(), atOrAfter, Boolean::logicalOr);
        }
        long vouching = vouches.values().stream().filter(Boolean::booleanValue).count();
        return vouching >= Math.ceil(corroboratingShare * vouches.size());
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
