package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
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
import org.gridwatch.jobs.LocalCluster;
import org.gridwatch.jobs.ops.FleetValueRun.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fleet value's steps together, at parallelism 2, over scripts of standings. */
class FleetValueTest {

    @RegisterExtension static final MiniClusterExtension FLINK = LocalCluster.twoSlots();

    /** When the job bills January: a week after the month end, less a millisecond. */
    private static final long BILLING = at("2026-02-08T00:00") - 1;

    private static final long MARCH = at("2026-03-08T00:00") - 1;

    /** Customer {@code n} of area {@code area} with revenue n × 100 CNY, good credit. */
    static CustomerStanding customer(
            int n, String area, long ts, boolean close, int score, CreditGrade grade) {
        return customer(n, area, ts, close, 202601, score, grade);
    }

    static CustomerStanding customer(
            int n,
            String area,
            long ts,
            boolean close,
            int billedMonth,
            int score,
            CreditGrade grade) {
        return new CustomerStanding(
                String.format("C%03d", n),
                area,
                CustomerClass.COMMERCIAL,
                ts,
                close,
                billedMonth,
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

    /** Ten customers billed, revenues 100..1000 CNY, five in A001 and five in A002. */
    private static List<Step> billTen() {
        List<Step> script = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            script.add(
                    Step.of(
                            customer(
                                    n,
                                    n <= 5 ? "A001" : "A002",
                                    BILLING,
                                    true,
                                    90,
                                    CreditGrade.A)));
        }
        script.add(Step.watermark(at("2026-02-08T00:00")));
        return script;
    }

    private static FleetValueRun.Output run(List<Step> script) throws Exception {
        return FleetValueRun.run(script, ValueModel.DEFAULTS, 2);
    }

    private static List<MetricPoint> stampedAt(List<MetricPoint> points, long millis) {
        return points.stream().filter(p -> p.timeMillis() == millis).toList();
    }

    @Test
    void aBillingSegmentsEveryCustomerAgainstTheFleet() throws Exception {
        FleetValueRun.Output run = run(billTen());

        List<SegmentChange> out = run.records();
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
        assertThat(run.segments())
                .allSatisfy(s -> assertThat(s.timestamp()).isEqualTo(at("2026-02-08T00:00")));
        // the ninth of ten in revenue and kWh: ranks 0.85, so current value 0.85
        assertThat(
                        out.stream()
                                .filter(c -> c.customerId().equals("C009"))
                                .findFirst()
                                .orElseThrow())
                .satisfies(
                        c -> {
                            assertThat(c.currentValue()).isEqualTo(0.7 * 0.85 + 0.3 * 0.85);
                            assertThat(c.why().highThresholdFen()).isEqualTo(90_000);
                            assertThat(c.why().moderateThresholdFen()).isEqualTo(60_000);
                        });
    }

    @Test
    void aLowRiskyCustomerNeverInspectedKeepsTheInspectionDateItWasFirstGiven() throws Exception {
        List<Step> script = billTen();
        script.add(Step.of(customer(10, "A002", at("2026-02-25T10:03"), false, 60, CreditGrade.C)));
        script.add(Step.watermark(at("2026-02-25T10:15")));
        // another credit event, the same segment, grade and strategies: nothing new to send
        script.add(Step.of(customer(10, "A002", at("2026-03-02T09:00"), false, 61, CreditGrade.C)));
        script.add(Step.watermark(at("2026-03-02T09:15")));

        List<SegmentChange> c010 =
                run(script).records().stream().filter(c -> c.customerId().equals("C010")).toList();

        assertThat(c010).hasSize(2);
        SegmentChange risky = c010.get(1);
        assertThat(risky.segment()).isEqualTo(Segment.LOW_RISKY);
        // never inspected: due at once, from the moment it became LOW_RISKY
        assertThat(risky.nextInspectionMillis()).isEqualTo(at("2026-02-25T10:03"));
    }

    @Test
    void writesRevenueConcentrationPerAreaAndForTheFleet() throws Exception {
        List<MetricPoint> points = run(billTen()).points(Measurements.REVENUE_CONCENTRATION);

        assertThat(points)
                .extracting(p -> p.tag("area"))
                .containsExactlyInAnyOrder("A001", "A002", "ALL");
        MetricPoint all = area(points, "ALL");
        // top two of 100..1000: 1900 of 5500
        assertThat(all.field("top20_share")).isCloseTo(1900.0 / 5500, within());
        assertThat(all.field("revenue")).isEqualTo(5500.0);
        assertThat(all.field("customers")).isEqualTo(10.0);
        // by hand: 2 × 385 / 550 − 11 / 10 = 0.3
        assertThat(all.field("gini")).isCloseTo(0.3, within());
        // A002 (600..1000): top one of five is 1000 of 4000
        assertThat(area(points, "A002").field("top20_share")).isCloseTo(0.25, within());
        assertThat(all.timeMillis()).isEqualTo(at("2026-02-08T00:00"));
    }

    @Test
    void aCreditChangeBetweenBillingsMovesTheCustomerAndTheTally() throws Exception {
        List<Step> script = billTen();
        script.add(Step.of(customer(10, "A002", at("2026-02-25T10:03"), false, 60, CreditGrade.C)));
        script.add(Step.watermark(at("2026-02-25T10:15")));

        FleetValueRun.Output run = run(script);

        List<SegmentChange> out = run.records();
        assertThat(out).hasSize(11);
        SegmentChange moved =
                run.segments().stream()
                        .filter(s -> s.timestamp() == at("2026-02-25T10:15"))
                        .findFirst()
                        .orElseThrow()
                        .value();
        assertThat(moved.segment()).isEqualTo(Segment.LOW_RISKY);
        assertThat(moved.strategyList()).contains("PREPAID_METER", "COLLECTION_FOLLOWUP");
        assertThat(moved.tsMillis()).isEqualTo(at("2026-02-25T10:03"));

        List<MetricPoint> tally =
                stampedAt(run.points(Measurements.SEGMENTS), at("2026-02-25T10:15"));
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
        List<Step> script = billTen();
        script.add(Step.of(customer(10, "A002", at("2026-02-25T10:03"), false, 94, CreditGrade.A)));
        script.add(Step.watermark(at("2026-02-25T10:15")));

        assertThat(run(script).records()).hasSize(10);
    }

    @Test
    void anEarlierQuartersTimerDoesNotValueAFleetWhoseBillsAreHalfIn() throws Exception {
        List<Step> script = billTen();
        // One customer operator has reached March's billing, the other has not yet
        for (int n = 1; n <= 5; n++) {
            script.add(Step.of(customer(n, "A001", MARCH, true, 202602, 92, CreditGrade.A)));
        }
        // ... and sends a payment from before the billing, which fires its quarter's timer first
        script.add(Step.of(customer(10, "A002", at("2026-03-05T10:03"), false, 60, CreditGrade.C)));
        script.add(Step.watermark(at("2026-03-05T10:15")));
        for (int n = 6; n <= 10; n++) {
            script.add(
                    Step.of(
                            customer(
                                    n,
                                    "A002",
                                    MARCH,
                                    true,
                                    202602,
                                    n == 10 ? 60 : 92,
                                    n == 10 ? CreditGrade.C : CreditGrade.A)));
        }
        script.add(Step.watermark(at("2026-03-08T00:00")));

        FleetValueRun.Output run = run(script);

        assertThat(run.segments())
                .filteredOn(s -> s.timestamp() == at("2026-03-05T10:15"))
                .as("only the payment's customer, re-assessed")
                .extracting(s -> s.value().customerId())
                .containsExactly("C010");
        assertThat(run.points(Measurements.REVENUE_CONCENTRATION))
                .extracting(MetricPoint::timeMillis)
                .as("no valuation before the billing")
                .containsOnly(at("2026-02-08T00:00"), at("2026-03-08T00:00"));
        assertThat(
                        stampedAt(
                                run.points(Measurements.REVENUE_CONCENTRATION),
                                at("2026-03-08T00:00")))
                .extracting(p -> p.tag("area"))
                .containsExactlyInAnyOrder("A001", "A002", "ALL");
    }

    @Test
    void aCustomerNotBilledThisMonthIsValuedWithTheFleetAllTheSame() throws Exception {
        List<Step> script = billTen();
        // March: C010's bill does not come (a tariff it cannot be billed on); the others' do
        for (int n = 1; n <= 9; n++) {
            script.add(
                    Step.of(
                            customer(
                                    n,
                                    n <= 5 ? "A001" : "A002",
                                    MARCH,
                                    true,
                                    202602,
                                    90,
                                    CreditGrade.A)));
        }
        script.add(Step.watermark(at("2026-03-08T00:00")));

        FleetValueRun.Output run = run(script);

        MetricPoint march =
                area(
                        stampedAt(
                                run.points(Measurements.REVENUE_CONCENTRATION),
                                at("2026-03-08T00:00")),
                        "ALL");
        assertThat(march.field("customers")).isEqualTo(10.0);
        assertThat(march.field("revenue")).isEqualTo(5500.0);
        // C010 still has the highest value: the top 20% starts at C009
        assertThat(run.records())
                .filteredOn(c -> c.tsMillis() == at("2026-03-08T00:00"))
                .as("nothing changed for anyone: no record")
                .isEmpty();
    }

    @Test
    void aCustomerWithoutABillForAYearLeavesTheFleet() throws Exception {
        List<Step> script = billTen();
        // C001 … C009 are billed every month to January 2027; C010 never again
        for (int month = 2; month <= 13; month++) {
            java.time.YearMonth billed = java.time.YearMonth.of(2026, 1).plusMonths(month - 1);
            long billing = FleetValueRun.SCHEDULE.billsAt(billed);
            for (int n = 1; n <= 9; n++) {
                script.add(
                        Step.of(
                                customer(
                                        n,
                                        n <= 5 ? "A001" : "A002",
                                        billing,
                                        true,
                                        billed.getYear() * 100 + billed.getMonthValue(),
                                        90,
                                        CreditGrade.A)));
            }
            script.add(Step.watermark(FleetValueRun.SCHEDULE.valuedAt(billed)));
        }

        List<MetricPoint> fleet =
                run(script).points(Measurements.REVENUE_CONCENTRATION).stream()
                        .filter(p -> p.tag("area").equals("ALL"))
                        .sorted(java.util.Comparator.comparingLong(MetricPoint::timeMillis))
                        .toList();

        assertThat(fleet).hasSize(13);
        // billed January 2026: in the fleet through December 2026's billing, out at January 2027's
        assertThat(fleet.subList(0, 12))
                .allSatisfy(p -> assertThat(p.field("customers")).isEqualTo(10.0));
        assertThat(fleet.get(12).field("customers")).isEqualTo(9.0);
        assertThat(fleet.get(12).field("revenue")).isEqualTo(4500.0);
    }

    @Test
    void aRemovedCustomerLeavesItsAreasTallyAtTheEndOfTheQuarterHour() throws Exception {
        List<Step> script = billTen();
        script.add(Step.of(CustomerStanding.removal("C010", "A002", at("2026-02-20T09:00"))));
        script.add(Step.watermark(at("2026-02-20T09:15")));

        List<MetricPoint> tally =
                stampedAt(run(script).points(Measurements.SEGMENTS), at("2026-02-20T09:15"));

        assertThat(tally).extracting(p -> p.tag("area")).containsOnly("A002", "ALL");
        assertThat(sum(tally, "ALL")).isEqualTo(9);
        assertThat(sum(tally, "A002")).isEqualTo(4);
        assertThat(
                        count(
                                tally.stream().filter(p -> p.tag("area").equals("ALL")).toList(),
                                "HIGH",
                                "A"))
                .isEqualTo(1);
    }

    private static double sum(List<MetricPoint> tally, String area) {
        return tally.stream()
                .filter(p -> p.tag("area").equals(area))
                .mapToDouble(p -> p.field("customers"))
                .sum();
    }

    private static MetricPoint area(List<MetricPoint> points, String area) {
        return points.stream().filter(p -> p.tag("area").equals(area)).findFirst().orElseThrow();
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
