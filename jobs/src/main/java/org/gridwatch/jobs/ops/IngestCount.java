package org.gridwatch.jobs.ops;

import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.jobs.io.Arrival;

/**
 * Records' contribution to the {@code ingest} and {@code rejected} measurements: one record's, or
 * the sum of a source task's records in one quarter hour with one reason ({@link IngestPreCounts}).
 *
 * @param records how many records were read: 1 for a record being read, 0 for a later rejection of
 *     a record already counted
 * @param late how many of them arrived behind their stream's newest record by more than the
 *     out-of-orderness (judged per Kafka partition or file at the source, so a replay counts the
 *     same every time)
 * @param reason why they were rejected, or null
 * @param rejections how many were rejected for {@code reason} (0 when it is null)
 * @param eventMillis the event time they count at, or Long.MIN_VALUE when unknown (then they count
 *     at the current watermark)
 * @param shard which of the source's {@link Shards} adds them up first ({@link IngestPartials});
 *     always 0 without event time, so that all of them wait for the first watermark in one place
 */
public record IngestCount(
        String source,
        long eventMillis,
        long records,
        long late,
        RejectReason reason,
        long rejections,
        int shard) {

    /** One record's count in shard {@code shard}. */
    public IngestCount(
            String source,
            long eventMillis,
            long records,
            long late,
            RejectReason reason,
            int shard) {
        this(source, eventMillis, records, late, reason, reason == null ? 0 : 1, shard);
    }

    /** One record's count in the first shard. */
    public IngestCount(
            String source, long eventMillis, long records, long late, RejectReason reason) {
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
                : new IngestCount(source, eventMillis, records, late, reason, rejections, n);
    }

    /** The first phase's key: the source and the shard. */
    public String shardKey() {
        return source + "#" + shard;
    }
}
