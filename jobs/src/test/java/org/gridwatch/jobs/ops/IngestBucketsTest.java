package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.gridwatch.jobs.Fixtures.at;

import java.time.Duration;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingest counts in two phases: per source × shard ({@link IngestPartials}), per source. */
class IngestBucketsTest {
    private static final long LATENESS = Duration.ofDays(1).toMillis();

    private TwoPhases<IngestCount, IngestPartial, MetricPoint> ingest;

    @BeforeEach
    void open() throws Exception {
        ingest =
                new TwoPhases<>(
                        new IngestPartials(LATENESS),
                        IngestCount::shardKey,
                        new IngestBuckets(LATENESS),
                        IngestPartial::source);
    }

    private void read(long t, int late, RejectReason reason, int shard) throws Exception {
        ingest.add(new IngestCount("meter-readings", t, 1, late, reason, shard), t);
    }

    @Test
    void countsRecordsAcceptedRejectedAndLatePerQuarterHourAcrossShards() throws Exception {
        long t = at("2026-01-15T08:05");
        read(t, 0, null, 0);
        read(t, 1, null, 1);
        read(t, 0, RejectReason.NOT_JSON, 2);
        ingest.add(new IngestCount("meter-readings", t, 0, 0, RejectReason.DUPLICATE, 1), t);
        ingest.watermark(at("2026-01-15T08:15"));

        assertThat(ingest.partials()).as("one partial a shard").hasSize(3);
        assertThat(ingest.output())
                .extracting(MetricPoint::toLineProtocol)
                .containsExactly(
                        "ingest,source=meter-readings records=3i,accepted=1i,rejected=2i,late=1i "
                                + at("2026-01-15T08:00"),
                        "rejected,reason=NOT_JSON,source=meter-readings count=1i "
                                + at("2026-01-15T08:00"),
                        "rejected,reason=DUPLICATE,source=meter-readings count=1i "
                                + at("2026-01-15T08:00"));
    }

    @Test
    void aLateCountInAnotherShardCorrectsTheQuarterHourAtTheNextWatermark() throws Exception {
        read(at("2026-01-15T08:05"), 0, null, 0);
        read(at("2026-01-15T08:06"), 0, null, 0);
        ingest.watermark(at("2026-01-15T08:15"));
        assertThat(ingest.first.numKeyedStateEntries()).as("the first phase sent it").isZero();

        read(at("2026-01-15T08:07"), 1, null, 5); // late, within the lateness
        ingest.watermark(at("2026-01-15T08:20"));

        assertThat(ingest.output())
                .extracting(MetricPoint::timeMillis, p -> p.field("records"), p -> p.field("late"))
                .containsExactly(
                        tuple(at("2026-01-15T08:00"), 2.0, 0.0),
                        tuple(at("2026-01-15T08:00"), 3.0, 1.0));

        ingest.watermark(Long.MAX_VALUE);
        assertThat(ingest.keyedStateEntries()).isZero();
        assertThat(ingest.eventTimeTimers()).isZero();
    }

    @Test
    void aCountTooLateForItsQuarterHourCountsInTheQuarterHourEventTimeReached() throws Exception {
        ingest.watermark(at("2026-01-17T10:20"));
        read(at("2026-01-15T08:05"), 1, null, 3); // its quarter closed a day and more ago
        ingest.watermark(at("2026-01-17T10:30"));

        assertThat(ingest.output())
                .extracting(MetricPoint::timeMillis, p -> p.field("records"))
                .containsExactly(tuple(at("2026-01-17T10:15"), 1.0));
    }

    @Test
    void countsRecordsWithoutEventTimeInTheQuarterHourOfTheFirstWatermark() throws Exception {
        ingest.add(new IngestCount("customers", Long.MIN_VALUE, 1, 0, null), 0);
        ingest.add(new IngestCount("customers", Long.MIN_VALUE, 1, 0, null), 0);
        ingest.watermark(at("2026-01-15T08:07"));
        ingest.watermark(at("2026-01-15T08:15"));

        assertThat(ingest.output())
                .extracting(MetricPoint::timeMillis, p -> p.field("records"))
                .containsExactly(tuple(at("2026-01-15T08:00"), 2.0));

        ingest.watermark(Long.MAX_VALUE);
        assertThat(ingest.keyedStateEntries()).isZero();
        assertThat(ingest.eventTimeTimers()).isZero();
    }

    @Test
    void countsWithoutEventTimeStayInTheFirstShardAndTheOthersAreDealtRoundRobin()
            throws Exception {
        DealtCounts<IngestCount> dealt = new DealtCounts<>(c -> c);
        IngestCount untimed = new IngestCount("customers", Long.MIN_VALUE, 1, 0, null);
        IngestCount timed = new IngestCount("meter-readings", 1_000L, 1, 0, null);

        assertThat(dealt.map(untimed).shard()).isZero();
        assertThat(dealt.map(timed).shard()).isEqualTo(2);
        assertThat(dealt.map(timed).shard()).isEqualTo(3);
        for (int i = 0; i < Shards.COUNT - 3; i++) {
            dealt.map(timed);
        }
        assertThat(dealt.map(timed).shard()).as("round the shards").isEqualTo(1);
    }
}
