package org.gridwatch.jobs.ops;

import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.jobs.io.Arrival;

/**
 * Counts a source's records in the source's own task ({@link PartialsBeforeWatermark}): per quarter
 * hour of event time and reject reason, sent on as one {@link IngestCount} before each watermark,
 * dealt round-robin over the source's {@link Shards} for {@link IngestPartials}. Which quarter hour
 * a count finally lands in (its own, or the current one when its own has closed) is still decided
 * there, against that operator's watermark, as for a single record.
 */
public final class IngestPreCounts<T>
        extends PartialsBeforeWatermark<
                Arrival<T>, IngestPreCounts.QuarterReason, IngestPreCounts.Tally, IngestCount> {
    private static final long serialVersionUID = 1L;

    private final String source;
    private int nextShard;

    public IngestPreCounts(String source) {
        this.source = source;
    }

    /** A quarter hour's start (or Long.MIN_VALUE for records without event time) and a reason. */
    record QuarterReason(long quarterStart, RejectReason reason) {}

    /** Records counted for one {@link QuarterReason}. */
    static final class Tally {
        long records;
        long late;
        long rejections;
    }

    @Override
    protected void add(Arrival<T> a) {
        long quarter =
                a.eventMillis == Long.MIN_VALUE ? Long.MIN_VALUE : Bucket.startOf(a.eventMillis);
        Tally t = partial(new QuarterReason(quarter, a.reason));
        t.records++;
        if (a.late) {
            t.late++;
        }
        if (a.reason != null) {
            t.rejections++;
        }
    }

    @Override
    protected Tally empty(QuarterReason key) {
        return new Tally();
    }

    @Override
    protected IngestCount sent(QuarterReason key, Tally t) {
        nextShard = (nextShard + 1) % Shards.COUNT;
        return new IngestCount(
                        source,
                        key.quarterStart(),
                        t.records,
                        t.late,
                        key.reason(),
                        t.rejections,
                        0)
                .inShard(nextShard);
    }
}
