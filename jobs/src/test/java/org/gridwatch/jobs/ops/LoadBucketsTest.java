package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;
import static org.gridwatch.jobs.Fixtures.reading;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadBucketsTest {
    private static final Customer HOUSE = customer("C1", "M1", "A001", 8.0);
    private static final long ONE_DAY = Duration.ofDays(1).toMillis();

    private KeyedOneInputStreamOperatorTestHarness<String, MeteredReading, MetricPoint> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new LoadBuckets(ONE_DAY, EventTime.DEFAULT_ZONE),
                        LoadBuckets::key,
                        Types.STRING);
    }

    private void read(String end, int minutes, double kwh) throws Exception {
        harness.processElement(
                new MeteredReading(HOUSE, reading("M1", end, minutes, kwh)), at(end));
    }

    @Test
    void emitsTheQuarterHourWhenTheWatermarkPassesItsEnd() throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        read("2026-01-15T08:15", 15, 0.1);
        harness.processWatermark(at("2026-01-15T08:15") - 2);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(at("2026-01-15T08:15") - 1);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.timeMillis()).isEqualTo(at("2026-01-15T08:00"));
                            assertThat(p.tag("area")).isEqualTo("A001");
                            assertThat(p.tag("class")).isEqualTo("RESIDENTIAL");
                            assertThat(p.field("kwh")).isEqualTo(0.5);
                            assertThat(p.field("kw")).isEqualTo(2.0);
                            assertThat(p.field("readings")).isEqualTo(2);
                        });
    }

    @Test
    void sharesAnHourlyReadingEvenlyOverItsFourQuarterHours() throws Exception {
        read("2026-01-15T09:00", 60, 4.0);
        harness.processWatermark(at("2026-01-15T09:00"));

        assertThat(harness.extractOutputValues())
                .extracting(MetricPoint::timeMillis, p -> p.field("kwh"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(at("2026-01-15T08:00"), 1.0),
                        org.assertj.core.groups.Tuple.tuple(at("2026-01-15T08:15"), 1.0),
                        org.assertj.core.groups.Tuple.tuple(at("2026-01-15T08:30"), 1.0),
                        org.assertj.core.groups.Tuple.tuple(at("2026-01-15T08:45"), 1.0));
    }

    @Test
    void emitsTheCorrectedQuarterHourAgainWhenALateReadingArrives() throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        harness.processWatermark(at("2026-01-15T10:00"));
        read("2026-01-15T08:15", 15, 0.2);
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.processWatermark(at("2026-01-15T10:15"));

        assertThat(harness.extractOutputValues())
                .extracting(p -> p.field("kwh"))
                .containsExactly(0.4, 0.6);
    }

    @Test
    void rejectsAReadingWhoseQuarterHourClosedForGoodAndKeepsNoStateAfterwards() throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        harness.processWatermark(at("2026-01-16T08:15"));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        read("2026-01-15T08:15", 15, 0.3);

        assertThat(harness.getSideOutput(ParseRecords.REJECTED))
                .extracting(StreamRecord::getValue)
                .extracting(Rejected::reason)
                .containsExactly(RejectReason.TOO_LATE);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
