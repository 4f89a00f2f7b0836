package org.gridwatch.jobs.io;

import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.gridwatch.core.event.TheftScore;
import org.gridwatch.jobs.types.SharedIds;

/**
 * Keeps each customer's latest theft score and emits them all when the input ends, so that a
 * replay's {@code theft-scores.jsonl} holds one line per customer, as its {@code segments.jsonl}
 * does ({@link LastPerCustomer}). On an unbounded input nothing is emitted; there every score goes
 * to the topic instead. Keyed by customer.
 *
 * <p>What it keeps is the score with the shared copies of its ids ({@link SharedIds}), where the
 * score's own copies of the customer's and the area's id took 96 B of heap a customer
 * (docs/benchmarks.md, session 44).
 */
final class LastTheftScore extends LastAtInputEnd<TheftScore, TheftScore> {
    private static final long serialVersionUID = 1L;

    @Override
    protected ValueStateDescriptor<TheftScore> keptState() {
        return new ValueStateDescriptor<>("last-theft-score", Types.POJO(TheftScore.class));
    }

    @Override
    protected TheftScore record(TheftScore state, String key) {
        return state;
    }

    @Override
    public void processElement(StreamRecord<TheftScore> element) throws Exception {
        TheftScore score = element.getValue();
        TheftScore before = kept.value();
        // A customer who moved area has a score in each, published in turn: the later one is
        // its score now (the old area's case ended when it left). Two at one instant (not seen:
        // an area publishes at the close of a day the customer spent there) are told apart by
        // the area's id, so that every replay writes the same line.
        if (before == null
                || score.tsMillis() > before.tsMillis()
                || (score.tsMillis() == before.tsMillis()
                        && score.areaId().compareTo(before.areaId()) > 0)) {
            kept.update(
                    new TheftScore(
                            key(),
                            SharedIds.shared(score.areaId()),
                            score.tsMillis(),
                            score.score(),
                            score.alertId()));
        }
    }
}
