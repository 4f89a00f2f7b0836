package org.gridwatch.jobs.ops;

import org.gridwatch.core.event.RejectReason;

/**
 * One record's contribution to the {@code ingest} and {@code rejected} measurements.
 *
 * @param records 1 when this is the record being read, 0 for a later rejection of a record already
 *     counted
 * @param late 1 when the record arrived behind its stream's watermark
 * @param reason why it was rejected, or null
 * @param eventMillis the event time it counts at, or Long.MIN_VALUE when unknown (then it counts at
 *     the current watermark)
 */
public record IngestCount(
        String source, long eventMillis, int records, int late, RejectReason reason) {

    static IngestCount read(String source, long eventMillis, boolean late) {
        return new IngestCount(source, eventMillis, 1, late ? 1 : 0, null);
    }
}
