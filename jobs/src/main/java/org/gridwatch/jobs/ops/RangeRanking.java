package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.value.FleetMeasure;
import org.gridwatch.core.value.RangeFindings;
import org.gridwatch.core.value.RangeRanks;
import org.gridwatch.core.value.ValueModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ranks by range, keyed by one range of one distribution at a billing ({@link
 * RangeValue#rangeKey}): the customers' values that fell in it and where it starts ({@link
 * RangeStart}), and at the billing's watermark each customer's exact place in the whole
 * distribution ({@link RangeRanks}) to {@link SegmentAssessment}, and what the month's figures read
 * of the range ({@link RangeFindings}: thresholds, medians, concentration sums) to {@link
 * FleetMonth}. Holds the range's values from their arrival to the billing's timer: a few
 * thousandths of the fleet.
 */
public final class RangeRanking
        extends KeyedCoProcessFunction<String, RangeValue, RangeStart, ValueInput> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RangeRanking.class);

    /** What each range found, for the month's figures. */
    public static final OutputTag<MonthFindings> FINDINGS =
            new OutputTag<>("fleet-range-findings", Types.POJO(MonthFindings.class)) {};

    private final ValueModel model;
    private transient ListState<RangeValue> values;
    private transient ValueState<RangeStart> start;

    public RangeRanking(ValueModel model) {
        this.model = model;
    }

    @Override
    public void open(OpenContext openContext) {
        values =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "range-values", Types.POJO(RangeValue.class)));
        start =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "range-start", Types.POJO(RangeStart.class)));
    }

    @Override
    public void processElement1(RangeValue v, Context ctx, Collector<ValueInput> out)
            throws Exception {
        values.add(v);
        ctx.timerService().registerEventTimeTimer(v.atMillis());
    }

    @Override
    public void processElement2(RangeStart s, Context ctx, Collector<ValueInput> out)
            throws Exception {
        start.update(s);
        ctx.timerService().registerEventTimeTimer(s.atMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ValueInput> out)
            throws Exception {
        RangeStart where = start.value();
        List<RangeValue> in = new ArrayList<>();
        for (RangeValue v : values.get()) {
            in.add(v);
        }
        start.clear();
        values.clear();
        if (where == null || in.isEmpty()) {
            // Only after a restore that lost the billing's watermark order; nothing to place.
            LOG.warn("range {} without its values or its start", ctx.getCurrentKey());
            return;
        }
        FleetMeasure measure = FleetMeasure.of(where.distribution());
        long[] keys = new long[in.size()];
        String[] ids = new String[in.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = in.get(i).key();
            ids[i] = in.get(i).customerId();
        }
        RangeRanks range = RangeRanks.of(where.below(), where.n(), keys, ids);
        if (measure.ranked()) {
            range.forEachRank(
                    (customerId, below, equal) ->
                            out.collect(
                                    ValueInput.rank(
                                            timestamp,
                                            customerId,
                                            where.distribution(),
                                            below,
                                            equal,
                                            where.n())));
        }
        RangeFindings found =
                range.findings(
                        where.distribution(),
                        measure.positions(where.n(), model.segments()),
                        measure.concentrated(model.basis()));
        if (found.positions().length > 0 || found.sums().n() > 0) {
            ctx.output(FINDINGS, new MonthFindings(timestamp, found));
        }
    }
}
