package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestBucketsTest {
    private KeyedOneInputStreamOperatorTestHarness<String, IngestCount, MetricPoint> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new IngestBuckets(Duration.ofDays(1).toMillis()),
                        IngestCount::source,
                        Types.STRING);
    }

    @Test
    void countsRecordsAcceptedRejectedAndLatePerQuarterHour() throws Exception {
        long t = at("2026-01-15T08:05");
        harness.processElement(new IngestCount("meter-readings", t, 1, 0, null), t);
        harness.processElement(new IngestCount("meter-readings", t, 1, 1, null), t);
        harness.processElement(
                new IngestCount("meter-readings", t, 1, 0, RejectReason.NOT_JSON), t);
        harness.processElement(
                new IngestCount("meter-readings", t, 0, 0, RejectReason.DUPLICATE), t);
        harness.processWatermark(at("2026-01-15T08:15"));

        assertThat(harness.extractOutputValues())
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
    void countsRecordsWithoutEventTimeInTheQuarterHourOfTheFirstWatermark() throws Exception {
        harness.processElement(new IngestCount("customers", Long.MIN_VALUE, 1, 0, null), 0);
        harness.processElement(new IngestCount("customers", Long.MIN_VALUE, 1, 0, null), 0);
        harness.processWatermark(at("2026-01-15T08:07"));
        harness.processWatermark(at("2026-01-15T08:15"));

        assertThat(harness.extractOutputValues())
                .extracting(MetricPoint::timeMillis, p -> p.field("records"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(at("2026-01-15T08:00"), 2.0));

        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
