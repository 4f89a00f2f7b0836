package org.gridwatch.jobs.io;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.SegmentChange;

/**
 * Keyed by customer: turns each segment record into the worklists it puts the customer on (one
 * {@link WorklistEntry} per strategy, in the customer's area and segment) and the ones it takes it
 * off (those of its previous record that this one does not repeat: a strategy dropped, or the same
 * strategy in another segment or area). State: the tag sets of the customer's latest record, a few
 * dozen bytes.
 */
final class StrategyMemberships extends KeyedProcessFunction<String, SegmentChange, WorklistEntry> {
    private static final long serialVersionUID = 1L;

    /** The tag sets of the latest record, one a line. */
    private transient ValueState<String> listedUnder;

    @Override
    public void open(OpenContext openContext) {
        listedUnder =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("worklist-series", Types.STRING));
    }

    @Override
    public void processElement(SegmentChange s, Context ctx, Collector<WorklistEntry> out)
            throws Exception {
        String area =
                s.areaId() == null || s.areaId().isEmpty() ? AlertVersion.NO_AREA : s.areaId();
        StringBuilder f = new StringBuilder(192);
        AlertVersion.string(f, "customer", s.customerId());
        AlertVersion.string(f, "grade", s.creditGrade().name());
        AlertVersion.string(f, "strategies", String.join(",", s.strategies()));
        AlertVersion.number(f, "score", s.creditScore());
        AlertVersion.number(f, "current_value", s.currentValue());
        AlertVersion.number(f, "potential_value", s.potentialValue());
        int shape = 0;
        if (s.nextInspectionMillis() != SegmentChange.NONE) {
            f.append(",next_inspection=").append(s.nextInspectionMillis()).append('i');
            shape |= WorklistEntry.NEXT_INSPECTION;
        }
        if (s.offpeak().exists()) {
            AlertVersion.number(f, "offpeak_saving", s.offpeak().savingCnyPerYear());
            AlertVersion.number(
                    f, "offpeak_saving_with_shift", s.offpeak().savingWithShiftCnyPerYear());
            shape |= WorklistEntry.OFFPEAK;
        }
        String fields = f.toString();
        Set<String> now = new LinkedHashSet<>();
        for (String strategy : s.strategies()) {
            String series = WorklistEntry.series(area, s.segment().name(), strategy);
            if (now.add(series)) {
                out.collect(WorklistEntry.listed(series, s, fields, shape));
            }
        }
        String before = listedUnder.value();
        if (before != null) {
            for (String series : List.of(before.split("\n"))) {
                if (!series.isEmpty() && !now.contains(series)) {
                    out.collect(WorklistEntry.left(series, s.customerId(), s.tsMillis()));
                }
            }
        }
        listedUnder.update(String.join("\n", now));
    }
}
