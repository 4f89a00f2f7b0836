package org.gridwatch.jobs.ops;

import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.jobs.io.Arrival;

/**
 * One record's contribution to the {@code ingest} and {@code rejected} measurements.
 *
 * @param records 1 when this is the record being read, 0 for a later rejection of a record already
 *     counted
 * @param late 1 when the record arrived behind its stream's newest record by more than the
 *     out-of-orderness (judged per Kafka partition or file at the source, so a replay counts the
 *     same every time)
 * @param reason why it was rejected, or null
 * @param eventMillis the event time it counts at, or Long.MIN_VALUE when unknown (then it counts at
 *     the current watermark)
 * @param shard which of the source's {@link Shards} adds it up first ({@link IngestPartials});
 *     always 0 for a record without event time, so that all of them wait for the first watermark in
 *     one place
 */
public record IngestCount(
        String source, long eventMillis, int records, int late, RejectReason reason, int shard) {

    /** A count in the first shard. */
    public IngestCount(
            String source, long eventMillis, int records, int late, RejectReason reason) {
        this(source, eventMillis, records, late, reason, 0);
    }

    /** A record as its source read it: usable (late or not) or rejected there. */
    public static IngestCount read(String source, Arrival<?> a) {
        return new IngestCount(source, a.eventMillis, 1, a.late ? 1 : 0, a.reason);
    }

    /** A record already counted as read, rejected later (unknown meter, duplicate, ...). */
    public static IngestCount rejectedLater(Rejected r) {
        return new IngestCount(r.source(), r.eventMillis(), 0, 0, r.reason());
    }

    /** This count in shard {@code n} of its source, unless it has no event time. */
    IngestCount inShard(int n) {
        return eventMillis == Long.MIN_VALUE
                ? this
                : new IngestCount(source, eventMillis, records, late, reason, n);
    }

    /** The first phase's key: the source and the shard. */
    public String shardKey() {
        return source + "#" + shard;
    }
}
