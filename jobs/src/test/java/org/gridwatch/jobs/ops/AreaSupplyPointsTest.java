package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.gridwatch.jobs.Fixtures.at;

import java.time.ZoneId;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The area's supply, written as its admitted readings arrive. */
class AreaSupplyPointsTest {
    private static final long DAY = 86_400_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, AreaReading, MetricPoint> harness;

    private static KeyedOneInputStreamOperatorTestHarness<String, AreaReading, MetricPoint>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AreaSupplyPoints(DAY, ZoneId.of("Asia/Shanghai"))),
                AreaReading::areaId,
                Types.STRING);
    }

    @BeforeEach
    void open() throws Exception {
        harness = harness();
        harness.open();
    }

    private void read(String end, int minutes, double kwh) throws Exception {
        harness.processElement(new StreamRecord<>(new AreaReading("A001", at(end), minutes, kwh)));
    }

    @Test
    void writesEachQuarterHourAsItsReadingArrivesAndKeepsNothing() throws Exception {
        read("2026-01-15T08:15", 15, 1.1);
        read("2026-01-15T09:15", 60, 4.6); // 1.15 kWh in each of its four quarter hours

        assertThat(harness.extractOutputValues())
                .extracting(p -> p.tag("area"), MetricPoint::timeMillis, p -> p.field("kwh"))
                .containsExactly(
                        tuple("A001", at("2026-01-15T08:00"), 1.1),
                        tuple("A001", at("2026-01-15T08:15"), 1.15),
                        tuple("A001", at("2026-01-15T08:30"), 1.15),
                        tuple("A001", at("2026-01-15T08:45"), 1.15),
                        tuple("A001", at("2026-01-15T09:00"), 1.15));
        assertThat(harness.extractOutputValues().get(0).field("kw")).isEqualTo(4.4);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void rejectsAReadingWhoseQuarterHoursClosed() throws Exception {
        harness.processWatermark(at("2026-01-16T08:15") - 1);
        read("2026-01-15T08:15", 15, 1.1); // 08:00–08:15 closed at 08:15 the next day
        read("2026-01-15T08:30", 15, 1.2); // still open

        assertThat(harness.getSideOutput(Rejections.REJECTED))
                .extracting(StreamRecord::getValue)
                .extracting(Rejected::reason, Rejected::detail)
                .containsExactly(tuple(RejectReason.TOO_LATE, Rejections.QUARTER_CLOSED));
        assertThat(harness.extractOutputValues())
                .extracting(MetricPoint::timeMillis)
                .containsExactly(at("2026-01-15T08:15"));
    }

    /**
     * A savepoint of release 0.2, written at commit 15135ad by a harness of the operator then
     * ({@code SupplyBuckets}, one day of lateness) fed four quarter hours of A001 ending 08:15,
     * 08:30, 08:45 and 09:00 on 2026-01-15 (1.1, 1.2, 1.3 and 1.4 kWh) and the watermark 08:30 less
     * a millisecond: 08:00 and 08:15 were written, 08:30 and 08:45 waited in its state.
     */
    @Test
    void writesTheQuarterHoursASavepointFromBeforeHeldAndThenHoldsNothing() throws Exception {
        var restored = harness();
        restored.initializeState(
                OperatorSnapshotUtil.readStateHandle(
                        Objects.requireNonNull(
                                        getClass()
                                                .getResource(
                                                        "/legacy-state/supply-buckets-0.2.snapshot"))
                                .getPath()));
        restored.open();
        assertThat(restored.numKeyedStateEntries()).isOne();

        restored.processWatermark(at("2026-01-15T09:00") - 1);
        assertThat(restored.extractOutputValues())
                .extracting(MetricPoint::timeMillis, p -> p.field("kwh"))
                .containsExactly(
                        tuple(at("2026-01-15T08:30"), 1.3), tuple(at("2026-01-15T08:45"), 1.4));

        restored.processWatermark(at("2026-01-16T09:00"));
        assertThat(restored.extractOutputValues()).hasSize(2);
        assertThat(restored.numKeyedStateEntries()).isZero();
        assertThat(restored.numEventTimeTimers()).isZero();
    }
}
