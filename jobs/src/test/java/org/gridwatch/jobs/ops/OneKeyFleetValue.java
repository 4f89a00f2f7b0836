package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.Concentration;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.FleetValuation;
import org.gridwatch.core.value.SegmentRule;
import org.gridwatch.core.value.SegmentTally;
import org.gridwatch.core.value.ValueModel;

/**
 * The fleet value as it was before it was split into steps ({@link FleetValue}), kept unchanged but
 * for its points (built by {@link ValuePoints}, as before) as the reference the steps are held to
 * in {@link FleetValueAgreementTest}.
 *
 * <p>The fleet's value and segments: one key ({@link #KEY}) holding every billed customer's latest
 * {@link CustomerStanding}. Value is relative to the fleet, so the fleet must be seen whole: at
 * each month's billing all customers are re-valued against the new distribution ({@link
 * FleetValuation}), and in between a customer whose credit changed is re-assessed with that month's
 * rule and values. A customer's record goes out when its segment, grade or strategies change.
 *
 * <p>Standings come at bill rate, not reading rate: two or three per customer a month (a bill, a
 * payment, a credit step), so one key serves millions of customers; the monthly re-valuation sorts
 * the fleet once. Standings are gathered per quarter hour of event time (one timer at the end of
 * the quarter) so that a month's bills, which all arrive at the same instant, are valued together.
 *
 * <p>Side output {@link #METRICS}: {@code segments} (customers and revenue per segment × grade, for
 * each area whose customers moved and for the fleet) whenever anything changed, and at each billing
 * {@code revenue_concentration} per area and for the fleet, stamped at the end of the quarter hour.
 */
public final class OneKeyFleetValue
        extends KeyedProcessFunction<String, CustomerStanding, SegmentChange> {
    private static final long serialVersionUID = 1L;
    public static final String KEY = "fleet";

    /** The 80/20 check looks at the top 20%, whatever the segment policy's high-use share. */
    private static final int TOP_SHARE_PERCENT = 20;

    /** The fleet's value metrics. */
    public static final OutputTag<MetricPoint> METRICS =
            new OutputTag<>("one-key-fleet-value-metrics", Types.POJO(MetricPoint.class)) {};

    private final ValueModel model;
    private transient MapState<String, CustomerStanding> standings;
    private transient MapState<String, SegmentChange> assessed;
    private transient MapState<String, Boolean> pending;
    private transient ValueState<Long> billingAt;
    private transient ValueState<SegmentRule> rule;
    private transient MapState<String, SegmentTally> tallies;
    private transient MapState<String, Boolean> removedFrom;
    private transient MapState<Long, List<CustomerStanding>> arriving;

    public OneKeyFleetValue(ValueModel model) {
        this.model = model;
    }

    @Override
    public void open(OpenContext openContext) {
        standings =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "standings",
                                        Types.STRING,
                                        Types.POJO(CustomerStanding.class)));
        assessed =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "assessed", Types.STRING, Types.POJO(SegmentChange.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("pending", Types.STRING, Types.BOOLEAN));
        billingAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("billing-at", Types.LONG));
        rule =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("rule", Types.POJO(SegmentRule.class)));
        tallies =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "tallies-by-area",
                                        Types.STRING,
                                        Types.POJO(SegmentTally.class)));
        removedFrom =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "areas-with-removals", Types.STRING, Types.BOOLEAN));
        arriving =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "standings-by-quarter",
                                        Types.LONG,
                                        Types.LIST(Types.POJO(CustomerStanding.class))));
    }

    @Override
    public void processElement(CustomerStanding s, Context ctx, Collector<SegmentChange> out)
            throws Exception {
        if (s.removed()) {
            forget(s, ctx);
            return;
        }
        // Held until its own quarter hour: a customer operator ahead of the others may send a
        // standing from after a billing the fleet has not reached yet, and the billing must value
        // each customer as it stood then.
        long quarterEnd = Bucket.startOf(ctx.timestamp()) + Bucket.MILLIS;
        List<CustomerStanding> held = arriving.get(quarterEnd);
        if (held == null) {
            held = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(quarterEnd);
        }
        held.add(s);
        arriving.put(quarterEnd, held);
    }

    /** The standings of the quarter hour ending at {@code quarterEnd} join the fleet. */
    private void takeArrived(long quarterEnd) throws Exception {
        List<CustomerStanding> arrived = arriving.get(quarterEnd);
        if (arrived == null) {
            return;
        }
        arriving.remove(quarterEnd);
        for (CustomerStanding s : arrived) {
            standings.put(s.customerId(), s);
            pending.put(s.customerId(), true);
            if (s.monthClose()) {
                Long billing = billingAt.value();
                billingAt.update(billing == null ? quarterEnd : Math.max(billing, quarterEnd));
            }
        }
    }

    /**
     * A customer removed from the master leaves the fleet at once: out of the standings, and out of
     * its area's tally, which is sent again at the end of the quarter hour.
     */
    private void forget(CustomerStanding removal, Context ctx) throws Exception {
        String customerId = removal.customerId();
        for (Map.Entry<Long, List<CustomerStanding>> held : arriving.entries()) {
            held.getValue().removeIf(s -> s.customerId().equals(customerId));
            held.setValue(held.getValue());
        }
        CustomerStanding last = standings.get(customerId);
        SegmentChange before = assessed.get(customerId);
        standings.remove(customerId);
        assessed.remove(customerId);
        pending.remove(customerId);
        if (last == null || before == null) {
            return;
        }
        SegmentTally area = tallies.get(last.areaId());
        if (area != null) {
            area.remove(before.segment(), before.creditGrade(), last.revenue12Fen());
            tallies.put(last.areaId(), area);
            removedFrom.put(last.areaId(), true);
            // A valued customer was billed, so event time (the removal's stamp) is known.
            long at = Math.max(removal.tsMillis(), ctx.timerService().currentWatermark());
            ctx.timerService().registerEventTimeTimer(Bucket.startOf(at) + Bucket.MILLIS);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SegmentChange> out)
            throws Exception {
        takeArrived(timestamp);
        Set<String> moved = new TreeSet<>();
        for (String area : removedFrom.keys()) {
            moved.add(area);
        }
        removedFrom.clear();
        Long billing = billingAt.value();
        if (billing != null && timestamp >= billing) {
            revalueFleet(timestamp, ctx, out, moved);
            billingAt.clear();
        } else {
            reassessPending(timestamp, out, moved);
        }
        emitTallies(timestamp, ctx, moved);
    }

    /**
     * A month's bills are in: every customer against the new fleet. Only at the billing's own
     * timer: the parallel customer operators send their month-close standings as each reaches the
     * billing instant, and an earlier quarter's timer (a payment) can fire in between.
     */
    private void revalueFleet(
            long timestamp, OnTimerContext ctx, Collector<SegmentChange> out, Set<String> moved)
            throws Exception {
        List<CustomerStanding> fleet = currentFleet();
        if (fleet.isEmpty()) {
            return;
        }
        FleetValuation valuation = FleetValuation.of(fleet, model);
        SegmentRule monthRule = valuation.rule();
        rule.update(monthRule);
        Map<String, SegmentTally> counts = new TreeMap<>();
        Map<String, List<Long>> revenueByArea = new TreeMap<>();
        Map<String, List<Long>> marginByArea = new TreeMap<>();
        for (CustomerStanding s : fleet) {
            SegmentChange before = assessed.get(s.customerId());
            SegmentChange now =
                    monthRule.assess(
                            s,
                            valuation.valuation(s),
                            model.strategies(),
                            timestamp, // the billing: the month's end + the allowed lateness
                            before);
            record(now, before, out);
            counts.computeIfAbsent(s.areaId(), a -> new SegmentTally())
                    .add(now.segment(), now.creditGrade(), s.revenue12Fen());
            revenueByArea.computeIfAbsent(s.areaId(), a -> new ArrayList<>()).add(s.revenue12Fen());
            marginByArea
                    .computeIfAbsent(s.areaId(), a -> new ArrayList<>())
                    // A customer served at a loss brings no profit to share: 0 in the 80/20 and
                    // Gini (negative amounts have no share; docs/value.md).
                    .add(Math.max(0, FleetValuation.valueFen(s, model.basis())));
        }
        tallies.clear();
        tallies.putAll(counts);
        forgetPendingValuedAt(timestamp);
        moved.addAll(counts.keySet());
        List<Long> all = new ArrayList<>();
        List<Long> allMargins = new ArrayList<>();
        revenueByArea.forEach(
                (area, revenues) -> {
                    List<Long> margins = marginByArea.get(area);
                    ctx.output(METRICS, concentrationPoint(area, revenues, margins, timestamp));
                    all.addAll(revenues);
                    allMargins.addAll(margins);
                });
        ctx.output(METRICS, concentrationPoint(Measurements.ALL_AREAS, all, allMargins, timestamp));
    }

    /**
     * The fleet for this month's valuation: every customer billed within the last 12 months of the
     * latest bill. Customers without a bill for a year (closed accounts) are forgotten.
     */
    private List<CustomerStanding> currentFleet() throws Exception {
        List<CustomerStanding> all = new ArrayList<>();
        int latest = 0;
        for (CustomerStanding s : standings.values()) { // one scan of the state
            all.add(s);
            latest = Math.max(latest, s.billedMonth());
        }
        int sameMonthLastYear = latest - 100; // billedMonth is yyyymm
        List<CustomerStanding> fleet = new ArrayList<>(all.size());
        for (CustomerStanding s : all) {
            if (s.billedMonth() > sameMonthLastYear) {
                fleet.add(s);
            } else {
                standings.remove(s.customerId());
                assessed.remove(s.customerId());
            }
        }
        return fleet;
    }

    /**
     * Credit changes between billings, up to this quarter hour: the same rule and values, the new
     * credit. A customer whose latest standing is a month close waits for the billing.
     */
    private void reassessPending(long timestamp, Collector<SegmentChange> out, Set<String> moved)
            throws Exception {
        SegmentRule monthRule = rule.value();
        List<String> done = new ArrayList<>();
        for (String id : pending.keys()) {
            CustomerStanding s = standings.get(id);
            if (s != null && (s.monthClose() || s.tsMillis() >= timestamp)) {
                continue; // valued at the billing, or at its own quarter's timer
            }
            done.add(id);
            if (s == null) {
                continue; // forgotten: no bill for a year
            }
            SegmentChange before = assessed.get(id);
            if (monthRule == null || before == null || before.why() == null) {
                // not valued yet (or valued by a version without the reasons, restored from an
                // older savepoint): the next billing will
                continue;
            }
            SegmentChange now =
                    monthRule.assess(
                            s, before.why().valuation(), model.strategies(), s.tsMillis(), before);
            record(now, before, out);
            if (now.segment() != before.segment() || now.creditGrade() != before.creditGrade()) {
                // 12-month revenue only changes with a bill, and bills come with a billing: the
                // revenue counted for this customer is still s.revenue12Fen().
                // A customer moved to another area since the billing is counted there from now
                // on; its old area keeps it until the next billing rebuilds every tally.
                SegmentTally area = tallies.get(s.areaId());
                if (area == null) {
                    area = new SegmentTally();
                }
                area.remove(before.segment(), before.creditGrade(), s.revenue12Fen());
                area.add(now.segment(), now.creditGrade(), s.revenue12Fen());
                tallies.put(s.areaId(), area);
                moved.add(s.areaId());
            }
        }
        for (String id : done) {
            pending.remove(id);
        }
    }

    /** Drops the pending customers the billing at {@code timestamp} has valued. */
    private void forgetPendingValuedAt(long timestamp) throws Exception {
        List<String> valued = new ArrayList<>();
        for (String id : pending.keys()) {
            CustomerStanding s = standings.get(id);
            if (s == null || s.monthClose() || s.tsMillis() < timestamp) {
                valued.add(id);
            }
        }
        for (String id : valued) {
            pending.remove(id);
        }
    }

    /** Keeps the customer's new assessment; sends it if it is news against {@code before}. */
    private void record(SegmentChange now, SegmentChange before, Collector<SegmentChange> out)
            throws Exception {
        if (now.changesFrom(before)) {
            out.collect(now);
        }
        assessed.put(now.customerId(), now);
    }

    /** The tallies of the areas whose customers moved, and the fleet's, if any moved. */
    private void emitTallies(long timestamp, OnTimerContext ctx, Set<String> moved)
            throws Exception {
        if (moved.isEmpty()) {
            return;
        }
        SegmentTally fleet = new SegmentTally();
        for (Map.Entry<String, SegmentTally> area : tallies.entries()) {
            fleet.addAll(area.getValue());
            if (moved.contains(area.getKey())) {
                emitTally(area.getKey(), area.getValue(), timestamp, ctx);
            }
        }
        emitTally(Measurements.ALL_AREAS, fleet, timestamp, ctx);
    }

    private static void emitTally(
            String area, SegmentTally counts, long timestamp, OnTimerContext ctx) {
        ValuePoints.segments(area, counts, timestamp).forEach(p -> ctx.output(METRICS, p));
    }

    /**
     * The 80/20 check and Gini of an area: on revenue always, and on margin too where the model
     * values customers on margin ({@link org.gridwatch.core.value.ValueBasis}).
     */
    private MetricPoint concentrationPoint(
            String area, List<Long> revenues, List<Long> margins, long timestamp) {
        return ValuePoints.concentration(
                area,
                concentration(revenues),
                model.basis().isMargin() ? concentration(margins) : null,
                timestamp);
    }

    private static Concentration concentration(List<Long> amounts) {
        return Concentration.of(
                amounts.stream().mapToLong(Long::longValue).toArray(), TOP_SHARE_PERCENT);
    }
}
