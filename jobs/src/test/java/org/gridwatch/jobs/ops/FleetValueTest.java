package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.InspectionPlan;
import org.gridwatch.core.value.ValueModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetValueTest {

    private KeyedOneInputStreamOperatorTestHarness<String, CustomerStanding, SegmentChange> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new FleetValue(ValueModel.DEFAULTS), s -> FleetValue.KEY, Types.STRING);
    }

    /** When the job bills January: a week after the month end, less a millisecond. */
    private static final long BILLING = at("2026-02-08T00:00") - 1;

    /** Customer {@code n} of area {@code area} with revenue n × 100 CNY, good credit. */
    private static CustomerStanding customer(
            int n, String area, long ts, boolean close, int score, CreditGrade grade) {
        return new CustomerStanding(
                String.format("C%03d", n),
                area,
                CustomerClass.COMMERCIAL,
                ts,
                close,
                202601,
                n * 10_000L,
                n * 100_000L,
                0.0,
                0.5,
                0.3,
                3.0,
                score,
                grade,
                0,
                false,
                0,
                InspectionPlan.NONE,
                false,
                OffpeakOffer.NONE,
                0.05,
                10,
                Double.NaN,
                new String[0],
                BasicChargeAdvice.NONE,
                false);
    }

    private void send(CustomerStanding s) throws Exception {
        harness.processElement(s, s.tsMillis());
    }

    /** Ten customers billed, revenues 100..1000 CNY, five in A001 and five in A002. */
    private void billTen() throws Exception {
        for (int n = 1; n <= 10; n++) {
            send(customer(n, n <= 5 ? "A001" : "A002", BILLING, true, 90, CreditGrade.A));
        }
        harness.processWatermark(new Watermark(at("2026-02-08T00:00")));
    }

    private List<MetricPoint> metrics(String measurement) {
        var side = harness.getSideOutput(FleetValue.METRICS);
        return side == null
                ? List.of()
                : side.stream()
                        .map(StreamRecord::getValue)
                        .filter(p -> p.measurement().equals(measurement))
                        .toList();
    }

    @Test
    void aBillingSegmentsEveryCustomerAgainstTheFleet() throws Exception {
        billTen();

        List<SegmentChange> out = harness.extractOutputValues();
        assertThat(out).hasSize(10);
        // top 20% of ten: C009 and C010; the top half from C006
        assertThat(out.stream().filter(c -> c.segment() == Segment.HIGH))
                .extracting(SegmentChange::customerId)
                .containsExactlyInAnyOrder("C009", "C010");
        assertThat(out.stream().filter(c -> c.segment() == Segment.MEDIUM))
                .extracting(SegmentChange::customerId)
                .containsExactlyInAnyOrder("C006", "C007", "C008");
        // stamped when the fleet was valued: the end of the billing's quarter hour
        assertThat(out).allSatisfy(c -> assertThat(c.tsMillis()).isEqualTo(at("2026-02-08T00:00")));
    }

    @Test
    void aLowRiskyCustomerNeverInspectedKeepsTheInspectionDateItWasFirstGiven() throws Exception {
        billTen();
        send(customer(10, "A002", at("2026-02-25T10:03"), false, 60, CreditGrade.C));
        harness.processWatermark(new Watermark(at("2026-02-25T10:15")));
        SegmentChange risky = harness.extractOutputValues().get(10);
        assertThat(risky.segment()).isEqualTo(Segment.LOW_RISKY);
        // never inspected: due at once, from the moment it became LOW_RISKY
        assertThat(risky.nextInspectionMillis()).isEqualTo(at("2026-02-25T10:03"));
        int sent = harness.extractOutputValues().size();

        // another credit event, the same segment, grade and strategies: nothing new to send
        send(customer(10, "A002", at("2026-03-02T09:00"), false, 61, CreditGrade.C));
        harness.processWatermark(new Watermark(at("2026-03-02T09:15")));

        assertThat(harness.extractOutputValues()).hasSize(sent);
    }

    @Test
    void writesRevenueConcentrationPerAreaAndForTheFleet() throws Exception {
        billTen();

        List<MetricPoint> points = metrics(Measurements.REVENUE_CONCENTRATION);
        assertThat(points).extracting(p -> p.tag("area")).containsExactly("A001", "A002", "ALL");
        MetricPoint all = points.get(2);
        // top two of 100..1000: 1900 of 5500
        assertThat(all.field("top20_share")).isCloseTo(1900.0 / 5500, within());
        assertThat(all.field("revenue")).isEqualTo(5500.0);
        assertThat(all.field("customers")).isEqualTo(10.0);
        // A002 (600..1000): top one of five is 1000 of 4000
        assertThat(points.get(1).field("top20_share")).isCloseTo(0.25, within());
        assertThat(all.timeMillis()).isEqualTo(at("2026-02-08T00:00"));
    }

    @Test
    void aCreditChangeBetweenBillingsMovesTheCustomerAndTheTally() throws Exception {
        billTen();
        int before = harness.extractOutputValues().size();

        send(customer(10, "A002", at("2026-02-25T10:03"), false, 60, CreditGrade.C));
        harness.processWatermark(new Watermark(at("2026-02-25T10:15")));

        List<SegmentChange> out = harness.extractOutputValues();
        assertThat(out).hasSize(before + 1);
        SegmentChange moved = out.get(out.size() - 1);
        assertThat(moved.segment()).isEqualTo(Segment.LOW_RISKY);
        assertThat(moved.strategyList()).contains("PREPAID_METER", "COLLECTION_FOLLOWUP");
        assertThat(moved.tsMillis()).isEqualTo(at("2026-02-25T10:03"));

        List<MetricPoint> tally =
                metrics(Measurements.SEGMENTS).stream()
                        .filter(p -> p.timeMillis() == at("2026-02-25T10:15"))
                        .toList();
        assertThat(tally)
                .as("the area that moved and the fleet, not the area that did not")
                .extracting(p -> p.tag("area"))
                .containsOnly("A002", "ALL")
                .hasSize(2 * 12);
        List<MetricPoint> fleet = tally.stream().filter(p -> p.tag("area").equals("ALL")).toList();
        assertThat(count(fleet, "HIGH", "A")).isEqualTo(1);
        assertThat(count(fleet, "LOW_RISKY", "C")).isEqualTo(1);
        assertThat(fleet.stream().mapToDouble(p -> p.field("customers")).sum()).isEqualTo(10);
        List<MetricPoint> a002 = tally.stream().filter(p -> p.tag("area").equals("A002")).toList();
        assertThat(a002.stream().mapToDouble(p -> p.field("customers")).sum()).isEqualTo(5);
        assertThat(count(a002, "LOW_RISKY", "C")).isEqualTo(1);
    }

    @Test
    void aCreditChangeThatChangesNothingVisibleSendsNoRecord() throws Exception {
        billTen();
        int before = harness.extractOutputValues().size();

        send(customer(10, "A002", at("2026-02-25T10:03"), false, 94, CreditGrade.A));
        harness.processWatermark(new Watermark(at("2026-02-25T10:15")));

        assertThat(harness.extractOutputValues()).hasSize(before);
    }

    @Test
    void anEarlierQuartersTimerDoesNotValueAFleetWhoseBillsAreHalfIn() throws Exception {
        billTen();
        int before = harness.extractOutputValues().size();
        long march = at("2026-03-08T00:00") - 1;
        // One customer operator has reached March's billing, the other has not yet
        for (int n = 1; n <= 5; n++) {
            send(customer(n, "A001", march, true, 92, CreditGrade.A));
        }
        // ... and sends a payment from before the billing, which fires its quarter's timer first
        send(customer(10, "A002", at("2026-03-05T10:03"), false, 60, CreditGrade.C));
        harness.processWatermark(new Watermark(at("2026-03-05T10:15")));

        assertThat(
                        harness.extractOutputValues()
                                .subList(before, harness.extractOutputValues().size()))
                .as("only the payment's customer, re-assessed")
                .extracting(SegmentChange::customerId)
                .containsExactly("C010");
        assertThat(metrics(Measurements.REVENUE_CONCENTRATION))
                .as("no valuation before the billing")
                .allSatisfy(p -> assertThat(p.timeMillis()).isEqualTo(at("2026-02-08T00:00")));

        for (int n = 6; n <= 10; n++) {
            send(
                    customer(
                            n,
                            "A002",
                            march,
                            true,
                            n == 10 ? 60 : 92,
                            n == 10 ? CreditGrade.C : CreditGrade.A));
        }
        harness.processWatermark(new Watermark(at("2026-03-08T00:00")));

        assertThat(metrics(Measurements.REVENUE_CONCENTRATION))
                .filteredOn(p -> p.timeMillis() == at("2026-03-08T00:00"))
                .extracting(p -> p.tag("area"))
                .containsExactly("A001", "A002", "ALL");
    }

    private static double count(List<MetricPoint> tally, String segment, String grade) {
        return tally.stream()
                .filter(p -> p.tag("segment").equals(segment) && p.tag("grade").equals(grade))
                .mapToDouble(p -> p.field("customers"))
                .sum();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
