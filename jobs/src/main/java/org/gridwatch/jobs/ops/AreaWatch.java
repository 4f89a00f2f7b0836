package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.PeerGroup;
import org.gridwatch.core.detect.TheftCase;
import org.gridwatch.core.event.Alert;

/**
 * The area's theft watch, keyed by area: the customers' judged days of one area arrive together
 * (they all close at the same instant), the peers' median deviation is taken out of each — the
 * customers of the same class in the area, or the whole area when the class has fewer than {@link
 * PeerGroup#MIN_MEMBERS} — and each customer's {@link TheftCase} decides its THEFT alert.
 */
public final class AreaWatch extends KeyedProcessFunction<String, DayReport, Alert> {
    private static final long serialVersionUID = 1L;

    private transient MapState<Long, List<DayReport>> waiting;
    private transient MapState<String, TheftCase> cases;

    @Override
    public void open(OpenContext openContext) {
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting-days",
                                        Types.LONG,
                                        Types.LIST(Types.POJO(DayReport.class))));
        cases =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "theft-cases", Types.STRING, Types.POJO(TheftCase.class)));
    }

    @Override
    public void processElement(DayReport day, Context ctx, Collector<Alert> out) throws Exception {
        long at = Math.max(day.closedAtMillis(), ctx.timerService().currentWatermark() + 1);
        List<DayReport> due = waiting.get(at);
        if (due == null) {
            due = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(at);
        }
        due.add(day);
        waiting.put(at, due);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<DayReport> due = waiting.get(timestamp);
        if (due == null) {
            return;
        }
        waiting.remove(timestamp);
        due.sort(java.util.Comparator.comparing(DayReport::customerId)); // replay order
        Map<String, double[]> peers = peerMedians(due);
        for (DayReport day : due) {
            TheftCase c = cases.get(day.customerId());
            if (c == null) {
                c = new TheftCase();
            }
            double[] median = peers.getOrDefault(day.customerClass(), peers.get(""));
            Alert alert = c.onDay(day, PeerGroup.net(day.z(), median));
            cases.put(day.customerId(), c);
            if (alert != null) {
                out.collect(alert);
            }
        }
    }

    /** Median deviations per class with enough members, and the area's under "". */
    private static Map<String, double[]> peerMedians(List<DayReport> days) {
        Map<String, List<double[]>> byClass = new HashMap<>();
        List<double[]> all = new ArrayList<>();
        for (DayReport d : days) {
            if (d.scored()) {
                byClass.computeIfAbsent(d.customerClass(), k -> new ArrayList<>()).add(d.z());
                all.add(d.z());
            }
        }
        Map<String, double[]> medians = new HashMap<>();
        medians.put("", PeerGroup.medianZ(all));
        byClass.forEach(
                (k, members) -> {
                    if (members.size() >= PeerGroup.MIN_MEMBERS) {
                        medians.put(k, PeerGroup.medianZ(members));
                    }
                });
        return medians;
    }
}
