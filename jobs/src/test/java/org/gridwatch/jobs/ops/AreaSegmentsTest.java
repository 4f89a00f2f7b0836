package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.FleetFigures;
import org.gridwatch.core.value.SegmentTally;
import org.gridwatch.core.value.ValueBasis;
import org.junit.jupiter.api.Test;

class AreaSegmentsTest {

    private static final long JANUARY = at("2026-02-08T00:00");

    /** The month's figures as the broadcast brings them; only their instant matters here. */
    private static FleetFigures figures(long billedAt) {
        int classes = org.gridwatch.core.event.CustomerClass.values().length;
        return new FleetFigures(billedAt, 100, 50, new double[classes], new double[classes]);
    }

    @Test
    void aTaskFarBehindTheBroadcastStillKnowsItsBillings() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, TallyChange, FleetFigures, MetricPoint> area =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new AreaSegments(ValueBasis.REVENUE),
                        TallyChange::areaId,
                        Types.STRING,
                        AreaSegments.BILLINGS);
        // The figures of a billing fourteen months on come before this task has even reached
        // January's: its input from the customers lags that far behind.
        area.processBroadcastElement(figures(JANUARY), JANUARY);
        long later = at("2027-04-08T00:00");
        area.processBroadcastElement(figures(later), later);
        int high = SegmentTally.cell(Segment.HIGH, CreditGrade.A);
        area.processElement(
                new TallyChange(
                        "A001",
                        JANUARY,
                        TallyChange.Kind.BILLED,
                        -1,
                        high,
                        50_000,
                        50_000,
                        JANUARY),
                JANUARY);
        area.processBroadcastWatermark(new Watermark(JANUARY));
        area.processWatermark(new Watermark(JANUARY));

        assertThat(area.extractOutputValues())
                .filteredOn(p -> p.measurement().equals(Measurements.SEGMENTS))
                .filteredOn(p -> p.field("customers") == 1)
                .as("January's tally, made from January's valuation")
                .extracting(p -> p.tag("segment") + "/" + p.tag("grade"))
                .containsExactly("HIGH/A");
        assertThat(area.getSideOutput(AreaSegments.FLEET))
                .extracting(r -> r.getValue().absolute())
                .containsExactly(true);
    }
}
