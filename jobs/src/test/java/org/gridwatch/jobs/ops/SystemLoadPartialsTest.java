package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.gridwatch.jobs.Fixtures.at;

import java.time.Duration;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daily peak-valley rate in two phases: per shard of area × class, for the system. */
class SystemLoadPartialsTest {
    private TwoPhases<QuarterLoad, QuarterLoad, MetricPoint> system;

    @BeforeEach
    void open() throws Exception {
        system =
                new TwoPhases<>(
                        new SystemLoadPartials(),
                        QuarterLoad::shardKey,
                        new DailyPeakValley(
                                Duration.ofDays(2).toMillis(), EventTime.DEFAULT_ZONE, 0.38),
                        q -> DailyPeakValley.KEY);
    }

    /** A load bucket's change, stamped as the load buckets emit it: at its quarter's end. */
    private void change(String quarter, double kwh, int shard) throws Exception {
        long start = at(quarter);
        system.add(new QuarterLoad(start, Bucket.microKwh(kwh), shard), start + Bucket.MILLIS - 1);
    }

    @Test
    void eachShardSendsOneSumAQuarterHourAndTheSystemAddsThemUp() throws Exception {
        change("2026-01-15T03:00", 2.0, 0);
        change("2026-01-15T03:00", 3.0, 7); // 5 kWh, 20 kW: the valley
        change("2026-01-15T19:00", 10.0, 7);
        change("2026-01-15T19:00", 10.0, 7);
        change("2026-01-15T19:00", 5.0, 31); // 25 kWh, 100 kW: the peak
        system.watermark(at("2026-01-16T00:00") - 1);

        assertThat(system.partials())
                .extracting(QuarterLoad::bucketStart, QuarterLoad::deltaMicroKwh)
                .containsExactlyInAnyOrder(
                        tuple(at("2026-01-15T03:00"), 2_000_000L),
                        tuple(at("2026-01-15T03:00"), 3_000_000L),
                        tuple(at("2026-01-15T19:00"), 20_000_000L),
                        tuple(at("2026-01-15T19:00"), 5_000_000L));
        assertThat(system.output())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.timeMillis()).isEqualTo(at("2026-01-15T00:00"));
                            assertThat(p.field("peak_kw")).isEqualTo(100.0);
                            assertThat(p.field("valley_kw")).isEqualTo(20.0);
                            assertThat(p.field("rate")).isEqualTo(0.8);
                        });
        assertThat(system.first.numKeyedStateEntries()).as("everything sent").isZero();
    }

    @Test
    void aLateChangeIsSentAtTheNextWatermarkAndTheDayIsEmittedAgain() throws Exception {
        change("2026-01-15T03:00", 5.0, 1);
        change("2026-01-15T19:00", 25.0, 2);
        system.watermark(at("2026-01-16T01:00"));
        change("2026-01-15T03:00", 5.0, 9); // a late reading re-emitted a night bucket: 40 kW
        system.watermark(at("2026-01-16T02:00"));

        assertThat(system.output())
                .extracting(p -> p.field("valley_kw"))
                .containsExactly(20.0, 40.0);

        system.watermark(at("2026-01-18T00:00"));
        assertThat(system.keyedStateEntries()).isZero();
        assertThat(system.eventTimeTimers()).isZero();
    }
}
