package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.FleetFigures;
import org.gridwatch.core.value.FleetMeasure;
import org.gridwatch.core.value.InspectionPlan;
import org.gridwatch.core.value.ValueModel;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of one billing ({@link RangeStarts}, {@link FleetMonth}) hold numbers per range, not per
 * customer: once a fleet fills the ranges its spread of values covers, twice the customers leave
 * their state as it was, while the per-customer steps split theirs by key.
 */
class FleetValueStateTest {
    private static final Logger LOG = LoggerFactory.getLogger(FleetValueStateTest.class);
    private static final long BILLING =
            FleetValueRun.SCHEDULE.valuedAt(java.time.YearMonth.of(2026, 1));

    /** The state of the month's two keys, bytes, at their fullest (just before their timers). */
    record MonthState(long rangeStartsBytes, long fleetMonthBytes, int customers) {}

    @Test
    void theMonthsKeysDoNotGrowWithTheFleet() throws Exception {
        MonthState small = monthState(4_000);
        MonthState large = monthState(8_000);
        LOG.info("state of the month's keys: {} and {}", small, large);

        assertThat(large.rangeStartsBytes()).isLessThan(small.rangeStartsBytes() * 11 / 10);
        assertThat(large.fleetMonthBytes()).isLessThan(small.fleetMonthBytes() * 11 / 10);
        // and far below what the fleet's standings were in one key (about 600 B a customer)
        assertThat(large.rangeStartsBytes() + large.fleetMonthBytes())
                .isLessThan(large.customers() * 20L);
    }

    private static MonthState monthState(int customers) throws Exception {
        List<RangeValue> values = new ArrayList<>();
        Random random = new Random(customers);
        for (int i = 0; i < customers; i++) {
            for (FleetMeasure.Value v :
                    FleetMeasure.valuesOf(standing(i, random), ValueModel.DEFAULTS.basis())) {
                values.add(new RangeValue(BILLING, v.distribution(), v.range(), "C" + i, v.key()));
            }
        }
        KeyedOneInputStreamOperatorTestHarness<String, RangeValue, RangeCount> shards =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new RangeCountPartials(), RangeValue::shardKey, Types.STRING);
        for (RangeValue v : values) {
            shards.processElement(v, BILLING);
        }
        shards.processWatermark(BILLING);
        KeyedOneInputStreamOperatorTestHarness<String, RangeCount, RangeStart> starts =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new RangeStarts(), RangeCount::monthKey, Types.STRING);
        for (RangeCount c : shards.extractOutputValues()) {
            starts.processElement(c, BILLING);
        }
        long startsBytes = starts.snapshot(1, 1).getStateSize();
        starts.processWatermark(BILLING);

        KeyedTwoInputStreamOperatorTestHarness<String, RangeValue, RangeStart, ValueInput> ranks =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new RangeRanking(ValueModel.DEFAULTS),
                        RangeValue::rangeKey,
                        RangeStart::rangeKey,
                        Types.STRING);
        for (RangeValue v : values) {
            ranks.processElement1(v, BILLING);
        }
        for (RangeStart s : starts.extractOutputValues()) {
            ranks.processElement2(s, BILLING);
        }
        ranks.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(BILLING));
        KeyedOneInputStreamOperatorTestHarness<String, MonthFindings, FleetFigures> month =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new FleetMonth(ValueModel.DEFAULTS), MonthFindings::monthKey, Types.STRING);
        for (var f : ranks.getSideOutput(RangeRanking.FINDINGS)) {
            month.processElement(f.getValue(), BILLING);
        }
        long monthBytes = month.snapshot(1, 1).getStateSize();
        month.processWatermark(BILLING);
        assertThat(month.extractOutputValues()).hasSize(1);
        return new MonthState(startsBytes, monthBytes, customers);
    }

    /**
     * A customer from the same spread whatever the fleet's size: 100 to 400 CNY a year, trends of
     * +50% to +100%, volatilities of 0.25 to 0.5: two binades, one, one (128, 64, 64 ranges), which
     * a few thousand customers fill.
     */
    private static CustomerStanding standing(int i, Random random) {
        long revenueFen = (long) (10_000 * Math.pow(4, random.nextDouble()));
        return new CustomerStanding(
                "C" + i,
                "A" + (i % 50),
                CustomerClass.values()[i % 3],
                BILLING - 1,
                true,
                202601,
                revenueFen,
                revenueFen * 10,
                0.5 + 0.5 * random.nextDouble(),
                0.5,
                0.3,
                3.0,
                90,
                CreditGrade.A,
                0,
                false,
                0,
                InspectionPlan.NONE,
                false,
                OffpeakOffer.NONE,
                0.25 + 0.25 * random.nextDouble(),
                10,
                Double.NaN,
                new String[0],
                BasicChargeAdvice.NONE,
                false);
    }
}
