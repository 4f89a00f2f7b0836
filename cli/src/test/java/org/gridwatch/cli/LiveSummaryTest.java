package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.Test;

class LiveSummaryTest {

    private static final long T0 = Instant.parse("2026-01-15T00:00:00Z").toEpochMilli();

    private final LiveSummary summary = LiveSummary.open(Duration.ofDays(7));

    @Test
    void aQuarterHourEmittedAgainReplacesItsEarlierCountsInsteadOfAddingToThem() {
        summary.add(ingest("meter-readings", T0, 100, 2));
        summary.add(ingest("meter-readings", T0 + Bucket.MILLIS, 50, 0));
        summary.add(ingest("meter-readings", T0, 103, 3)); // late records corrected the first

        SummarySnapshot.SourceCounts readings = summary.snapshot().of("meter-readings");

        assertThat(readings.records()).isEqualTo(153);
        assertThat(readings.rejected()).isEqualTo(3);
        assertThat(readings.accepted()).isEqualTo(150);
    }

    @Test
    void takesOnlyTheMeasurementsItShowsSoItsSinkNeedNotBeSentTheOthers() {
        MetricPoint tou =
                MetricPoint.of(Measurements.TOU)
                        .tag("area", "A001")
                        .tag("class", "RESIDENTIAL")
                        .tag("period", "PEAK")
                        .field("kwh", 2.0)
                        .field("revenue", 1.2)
                        .at(T0);

        assertThat(LiveSummary.shows(tou)).isFalse();
        assertThat(LiveSummary.shows(load("A001", "RESIDENTIAL", T0, 8.0))).isTrue();
        summary.add(tou);
        summary.add(load("A001", "RESIDENTIAL", T0, 8.0));
        summary.add(ingest("meter-readings", T0, 10, 0));

        assertThat(summary.snapshot().points()).isEqualTo(2);
    }

    private static MetricPoint tally(String area, String segment, String grade, long n, long t) {
        return MetricPoint.of(Measurements.SEGMENTS)
                .tag("area", area)
                .tag("grade", grade)
                .tag("segment", segment)
                .field("customers", n)
                .field("revenue", n * 100.0)
                .at(t);
    }

    @Test
    void showsTheFleetsLatestSegmentsGradesAndTopTwentyShare() {
        assertThat(SummaryLines.value(summary.snapshot())).startsWith("valued when the first");
        summary.add(tally("ALL", "HIGH", "A", 5, T0));
        summary.add(tally("ALL", "LOW_BASIC", "B", 9, T0));
        summary.add(tally("A001", "HIGH", "A", 99, T0 + Bucket.MILLIS)); // an area, not the fleet
        summary.add(tally("ALL", "HIGH", "A", 4, T0 + Bucket.MILLIS)); // a newer fleet tally
        summary.add(tally("ALL", "LOW_RISKY", "C", 1, T0 + Bucket.MILLIS));
        summary.add(tally("ALL", "LOW_BASIC", "B", 9, T0 + Bucket.MILLIS));
        summary.add(
                MetricPoint.of(Measurements.REVENUE_CONCENTRATION)
                        .tag("area", "ALL")
                        .field("top20_share", 0.812)
                        .at(T0));

        SummarySnapshot s = summary.snapshot();

        assertThat(s.customersBySegment())
                .containsEntry("HIGH", 4L)
                .containsEntry("LOW_RISKY", 1L)
                .containsEntry("LOW_BASIC", 9L);
        assertThat(SummaryLines.value(s))
                .isEqualTo(
                        "HIGH 4 · MEDIUM 0 · LOW_RISKY 1 · LOW_BASIC 9, grades A 4 · B 9 · C 1,"
                                + " top 20% bring 81% of revenue");
    }

    @Test
    void countsRejectionsPerReasonOverAllInputs() {
        summary.add(rejected("DUPLICATE", "meter-readings", T0, 4));
        summary.add(rejected("DUPLICATE", "payments", T0, 1));
        summary.add(rejected("NOT_JSON", "meter-readings", T0 + Bucket.MILLIS, 2));

        assertThat(summary.snapshot().rejectedByReason())
                .containsEntry("DUPLICATE", 5L)
                .containsEntry("NOT_JSON", 2L);
    }

    @Test
    void showsLoadOfTheNewestCompleteQuarterHourPerClassWithTheSupply() {
        summary.add(load("A001", "RESIDENTIAL", T0, 10.0));
        summary.add(load("A002", "RESIDENTIAL", T0, 5.0));
        summary.add(load("A001", "COMMERCIAL", T0, 20.0));
        summary.add(supply("A001", T0, 40.0));
        assertThat(summary.snapshot().hasLoad())
                .as("the newest quarter hour may still be arriving from other tasks")
                .isFalse();

        summary.add(load("A001", "RESIDENTIAL", T0 + Bucket.MILLIS, 99.0));
        SummarySnapshot s = summary.snapshot();

        assertThat(s.loadBucket()).isEqualTo(T0);
        assertThat(s.kwByClass())
                .containsEntry("RESIDENTIAL", 15.0)
                .containsEntry("COMMERCIAL", 20.0);
        assertThat(s.meteredKw()).isEqualTo(35.0);
        assertThat(s.suppliedKw()).isEqualTo(40.0);
        assertThat(s.eventTimeMillis()).isEqualTo(T0 + 2 * Bucket.MILLIS);
    }

    @Test
    void anInputRunningDaysAheadDoesNotSettleCountsTheJobStillCorrects() {
        summary.add(ingest("meter-readings", T0, 100, 2));
        // a small area-readings file is read to its end while the readings are at T0
        summary.add(supply("A001", T0 + Duration.ofDays(20).toMillis(), 40.0));
        summary.add(ingest("meter-readings", T0, 103, 3)); // late records corrected T0

        // 103 replaced 100: a correction is not counted on top of the point it corrects
        assertThat(summary.snapshot().of("meter-readings").records()).isEqualTo(103);
    }

    @Test
    void anAreaReadingsFileReadToItsEndDoesNotMoveTheJobsEventTime() {
        summary.add(ingest("meter-readings", T0, 100, 2));
        summary.add(supply("A001", T0 + Duration.ofDays(20).toMillis(), 40.0));

        assertThat(summary.snapshot().eventTimeMillis()).isEqualTo(T0 + Bucket.MILLIS);
    }

    @Test
    void theMastersCountsAtTheStartOfTimeDoNotMoveEventTimeBackTo1970() {
        summary.add(ingest("customers", 0, 30, 0));

        SummarySnapshot s = summary.snapshot();

        assertThat(s.of("customers").accepted()).isEqualTo(30);
        assertThat(s.eventTimeMillis()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void rawRecordsAreCountedAsTheyAreRead() {
        summary.read("meter-readings");
        summary.read("meter-readings");
        summary.read("customers");

        SummarySnapshot s = summary.snapshot();

        assertThat(s.read("meter-readings")).isEqualTo(2);
        assertThat(s.readTotal()).isEqualTo(3);
    }

    @Test
    void aClosedSummaryCanNoLongerBeFoundByTheJobsSink() {
        String id = summary.id();
        assertThat(LiveSummary.find(id)).isSameAs(summary);

        summary.close();

        assertThat(LiveSummary.find(id)).isNull();
    }

    private static MetricPoint ingest(String source, long t, long records, long rejected) {
        return MetricPoint.of(Measurements.INGEST)
                .tag("source", source)
                .field("records", records)
                .field("accepted", records - rejected)
                .field("rejected", rejected)
                .field("late", 0L)
                .at(t);
    }

    private static MetricPoint rejected(String reason, String source, long t, long count) {
        return MetricPoint.of(Measurements.REJECTED)
                .tag("reason", reason)
                .tag("source", source)
                .field("count", count)
                .at(t);
    }

    private static MetricPoint load(String area, String customerClass, long t, double kw) {
        return MetricPoint.of(Measurements.LOAD)
                .tag("area", area)
                .tag("class", customerClass)
                .field("kwh", kw * Bucket.HOURS)
                .field("kw", kw)
                .field("readings", 1L)
                .at(t);
    }

    private static MetricPoint supply(String area, long t, double kw) {
        return MetricPoint.of(Measurements.AREA_SUPPLY)
                .tag("area", area)
                .field("kwh", kw * Bucket.HOURS)
                .field("kw", kw)
                .at(t);
    }
}
