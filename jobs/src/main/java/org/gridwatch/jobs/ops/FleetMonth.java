package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.FleetFigures;
import org.gridwatch.core.value.FleetMeasure;
import org.gridwatch.core.value.RangeFindings;
import org.gridwatch.core.value.ValueModel;

/**
 * The month's figures, keyed by the billing (one key a month): what the ranges found ({@link
 * RangeFindings}) gathered, and at the billing's watermark the segment thresholds and class medians
 * ({@link FleetFigures}) sent to every {@link SegmentAssessment} and {@link AreaSegments} task, and
 * the fleet's {@code revenue_concentration} to {@link #METRICS}. Holds the findings of the ranges
 * with a threshold, a median or concentration sums: bounded by the ranges, not the customers.
 */
public final class FleetMonth extends KeyedProcessFunction<String, MonthFindings, FleetFigures> {
    private static final long serialVersionUID = 1L;

    /** The fleet's revenue concentration at each billing. */
    public static final OutputTag<MetricPoint> METRICS =
            new OutputTag<>("fleet-month-metrics", Types.POJO(MetricPoint.class)) {};

    private final ValueModel model;
    private transient ListState<RangeFindings> found;

    public FleetMonth(ValueModel model) {
        this.model = model;
    }

    @Override
    public void open(OpenContext openContext) {
        found =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "range-findings", Types.POJO(RangeFindings.class)));
    }

    @Override
    public void processElement(MonthFindings f, Context ctx, Collector<FleetFigures> out)
            throws Exception {
        found.add(f.findings());
        ctx.timerService().registerEventTimeTimer(f.atMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FleetFigures> out)
            throws Exception {
        FleetFigures.Gathered month = new FleetFigures.Gathered();
        for (RangeFindings f : found.get()) {
            month.add(f);
        }
        found.clear();
        if (month.customers() == 0) {
            return;
        }
        out.collect(month.figures(timestamp, model));
        ctx.output(
                METRICS,
                ValuePoints.concentration(
                        Measurements.ALL_AREAS,
                        month.concentration(FleetMeasure.revenueDistribution(model.basis())),
                        model.basis().isMargin()
                                ? month.concentration(FleetMeasure.VALUE.name())
                                : null,
                        timestamp));
    }
}
