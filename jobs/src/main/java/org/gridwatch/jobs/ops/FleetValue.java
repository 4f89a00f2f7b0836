package org.gridwatch.jobs.ops;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.gridwatch.core.billing.BillingSchedule;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.FleetFigures;
import org.gridwatch.core.value.ValueModel;
import org.gridwatch.jobs.types.SharedIds;

/**
 * The fleet's value and segments, in steps none of which holds the fleet. Value is relative to the
 * fleet (the top 20%, percentile ranks, the class medians), so at each month's billing every
 * customer in the fleet is valued against the new distribution, and in between a customer whose
 * credit changed is re-assessed with that month's rule and values. The valuation is exact: the same
 * ranks, thresholds, medians and concentration as sorting the whole fleet in one place ({@code
 * FleetValuation}), because each distribution is cut into fixed ranges, each range is sorted on its
 * own and placed by the counts below it.
 *
 * <pre>
 * standings ─ billings, keyed by shard of customers ──────────────────────┐ (broadcast)
 *     └────── customer value, keyed by customer: the latest standing ─────┴─ at each billing ─┐
 *   values ─ counts per range, keyed by shard × billing ─ range starts, keyed by billing ─┐  │
 *   values ─────────────────────────────────────────── ranks by range, keyed by range ───┴──┤ ranks
 *                                                         └─ findings ─ the month's figures, keyed by billing (revenue_concentration ALL) ─┐ (broadcast)
 *   standings, ranks ─ segment assessment, keyed by customer ─ segment records ─────────────────────────────────────────────────────┘
 *                          └─ tally changes ─ segments per area, keyed by area ─ deltas ─ segments of the fleet (one key)
 * </pre>
 *
 * <p>Every step of a billing fires at the billing's watermark, after the step before it sent what
 * it had before that watermark, so the chain completes within one watermark and every record and
 * point carries the same event time as when one operator held the fleet. State per task: N/p
 * customers' standings and records; at a billing, N/p values briefly in the ranges; in the keys of
 * one billing, a count or a finding per range (a few thousand); one tally per area and the fleet's.
 */
public final class FleetValue {
    private FleetValue() {}

    /** What the fleet value gives the job: segment records and the metric streams. */
    public record Outputs(
            SingleOutputStreamOperator<SegmentChange> segments,
            List<DataStream<MetricPoint>> metrics) {}

    /** The steps over the customers' {@code standings}, with stable uids. */
    public static Outputs of(
            DataStream<CustomerStanding> standings, ValueModel model, BillingSchedule schedule) {
        DataStream<Billing> billings =
                standings
                        .keyBy(BillingInstants::key)
                        .process(new BillingInstants())
                        .returns(Types.POJO(Billing.class))
                        .name("fleet value: billings, per shard of customers")
                        .uid("fleet-value-billings");
        SingleOutputStreamOperator<ValueInput> customers =
                standings
                        .keyBy(SharedIds.keyOf(CustomerStanding::customerId))
                        .connect(billings.broadcast(CustomerValue.BILLINGS))
                        .process(new CustomerValue(model, schedule))
                        .returns(Types.POJO(ValueInput.class))
                        .name("fleet value: each customer's standing, at each billing")
                        .uid("customer-value");
        DataStream<RangeValue> values = customers.getSideOutput(CustomerValue.RANGES);
        DataStream<RangeStart> starts =
                values.keyBy(RangeValue::shardKey)
                        .process(new RangeCountPartials())
                        .returns(Types.POJO(RangeCount.class))
                        .name("fleet value: values per range, per shard of customers")
                        .uid("fleet-value-range-counts")
                        .keyBy(RangeCount::monthKey)
                        .process(new RangeStarts())
                        .returns(Types.POJO(RangeStart.class))
                        .name("fleet value: where each range starts")
                        .uid("fleet-value-range-starts");
        SingleOutputStreamOperator<ValueInput> ranks =
                values.keyBy(RangeValue::rangeKey)
                        .connect(starts.keyBy(RangeStart::rangeKey))
                        .process(new RangeRanking(model))
                        .returns(Types.POJO(ValueInput.class))
                        .name("fleet value: ranks by range")
                        .uid("fleet-value-ranks");
        SingleOutputStreamOperator<FleetFigures> figures =
                ranks.getSideOutput(RangeRanking.FINDINGS)
                        .keyBy(MonthFindings::monthKey)
                        .process(new FleetMonth(model))
                        .returns(Types.POJO(FleetFigures.class))
                        .name("fleet value: the month's thresholds, medians, concentration")
                        .uid("fleet-value-month");
        SingleOutputStreamOperator<SegmentChange> segments =
                customers
                        .union(ranks)
                        .keyBy(SharedIds.keyOf(ValueInput::customerId))
                        .connect(figures.broadcast(SegmentAssessment.FIGURES))
                        .process(new SegmentAssessment(model))
                        .returns(Types.POJO(SegmentChange.class))
                        .name("fleet value: segments")
                        .uid("segment-assessment");
        SingleOutputStreamOperator<MetricPoint> areas =
                segments.getSideOutput(SegmentAssessment.TALLIES)
                        .keyBy(TallyChange::areaId)
                        .connect(figures.broadcast(AreaSegments.BILLINGS))
                        .process(new AreaSegments(model.basis()))
                        .returns(Types.POJO(MetricPoint.class))
                        .name("fleet value: segments and revenue concentration per area")
                        .uid("area-segments");
        SingleOutputStreamOperator<MetricPoint> fleet =
                areas.getSideOutput(AreaSegments.FLEET)
                        .keyBy(d -> FleetSegments.KEY)
                        .process(new FleetSegments())
                        .returns(Types.POJO(MetricPoint.class))
                        .name("fleet value: segments of the fleet")
                        .uid("fleet-segments");
        return new Outputs(
                segments, List.of(figures.getSideOutput(FleetMonth.METRICS), areas, fleet));
    }
}
