package org.gridwatch.jobs.ops;

import static org.gridwatch.jobs.Fixtures.at;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.gridwatch.core.billing.BasicChargeBasis;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.FleetFigures;
import org.gridwatch.core.value.FleetMeasure;
import org.gridwatch.core.value.InspectionPlan;
import org.gridwatch.core.value.ValueModel;

/**
 * The fleet value's two steps keyed by customer ({@link CustomerValue}, {@link SegmentAssessment})
 * for {@link LegacyStateTest}: five customers billed for January, one's credit changing, one
 * removed, one's payment arriving just before the stop; then February's billing, a credit change
 * and a removal after it. The steps between them (ranks, the month's figures) are played by hand.
 * The snapshots {@code customer-value-87f381f.snapshot} and {@code
 * segment-assessment-87f381f.snapshot} were written by {@link #main} at commit 87f381f, when the
 * standing and the last record were kept as POJOs (the record and the billing it was valued at in
 * two states); this class compiles against both.
 */
final class LegacyValueScenario {
    static final ValueModel MODEL = ValueModel.DEFAULTS;
    static final long JANUARY = FleetValueRun.SCHEDULE.valuedAt(YearMonth.of(2026, 1));
    static final long FEBRUARY = FleetValueRun.SCHEDULE.valuedAt(YearMonth.of(2026, 2));
    private static final long JANUARY_BILLS = FleetValueRun.SCHEDULE.billsAt(YearMonth.of(2026, 1));
    private static final long FEBRUARY_BILLS =
            FleetValueRun.SCHEDULE.billsAt(YearMonth.of(2026, 2));
    private static final long QUARTER = 900_000L;

    /** The stop: C4's payment has arrived, its quarter hour is not closed. */
    static final int SPLIT = 12;

    private LegacyValueScenario() {}

    static KeyedBroadcastOperatorTestHarness<String, CustomerStanding, Billing, ValueInput>
            customerValue() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new CustomerValue(MODEL, FleetValueRun.SCHEDULE),
                        List.of(CustomerValue.BILLINGS)),
                CustomerStanding::customerId,
                Types.STRING,
                128,
                1,
                0);
    }

    static KeyedBroadcastOperatorTestHarness<String, ValueInput, FleetFigures, SegmentChange>
            assessment() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new SegmentAssessment(MODEL), List.of(SegmentAssessment.FIGURES)),
                ValueInput::customerId,
                Types.STRING,
                128,
                1,
                0);
    }

    /** The two steps, and how much of the first one's output has gone on to the second. */
    static final class Operators {
        final KeyedBroadcastOperatorTestHarness<String, CustomerStanding, Billing, ValueInput>
                values;
        final KeyedBroadcastOperatorTestHarness<String, ValueInput, FleetFigures, SegmentChange>
                assessment;
        int passedOn;

        Operators(
                KeyedBroadcastOperatorTestHarness<String, CustomerStanding, Billing, ValueInput>
                        values,
                KeyedBroadcastOperatorTestHarness<String, ValueInput, FleetFigures, SegmentChange>
                        assessment) {
            this.values = values;
            this.assessment = assessment;
        }
    }

    static Operators open() throws Exception {
        Operators ops = new Operators(customerValue(), assessment());
        ops.values.open();
        ops.assessment.open();
        return ops;
    }

    /** Customer {@code n}'s standing; every field filled, most with something not zero. */
    static CustomerStanding standing(
            int n,
            String area,
            long ts,
            boolean close,
            int billedMonth,
            int score,
            CreditGrade grade,
            String... demerits) {
        CustomerClass type =
                n % 3 == 0
                        ? CustomerClass.LARGE_INDUSTRY
                        : n % 3 == 1 ? CustomerClass.RESIDENTIAL : CustomerClass.COMMERCIAL;
        OffpeakOffer offer =
                type == CustomerClass.RESIDENTIAL
                        ? new OffpeakOffer("residential-tiered-offpeak", 23.2 * n, 42.4 * n)
                        : OffpeakOffer.NONE;
        BasicChargeAdvice advice =
                type == CustomerClass.LARGE_INDUSTRY
                        ? new BasicChargeAdvice(
                                BasicChargeBasis.CAPACITY,
                                n,
                                12_000.5 * n,
                                9_870.25 * n,
                                BasicChargeBasis.DEMAND,
                                2_130.25 * n)
                        : BasicChargeAdvice.NONE;
        return new CustomerStanding(
                "C" + n,
                area,
                type,
                ts,
                close,
                billedMonth,
                n * 123_457L,
                n * 987_654L,
                0.013 * n - 0.02,
                0.41 + 0.03 * n,
                0.22 + 0.01 * n,
                1.5 * n,
                score,
                grade,
                n == 3 ? 1 : 0,
                n == 3,
                n == 2 ? 17 : 0,
                n == 3 ? at("2025-11-03T10:00") : InspectionPlan.NONE,
                n == 4,
                offer,
                0.07 * n,
                4.5 * n,
                type == CustomerClass.LARGE_INDUSTRY ? 630.0 : Double.NaN,
                demerits,
                advice,
                false);
    }

    /** One step of the script. */
    private interface Step {
        void play(Operators ops) throws Exception;
    }

    private static Step send(CustomerStanding s) {
        return ops -> ops.values.processElement(s, s.tsMillis());
    }

    private static Step billing(long at, int month) {
        return ops -> ops.values.processBroadcastElement(new Billing(at, month), at - 1);
    }

    /** The month's figures and every billed customer's ranks, as the ranking steps send them. */
    private static Step ranked(long at, long high, long moderate, String... customers) {
        return ops -> {
            double[] trend = new double[CustomerClass.values().length];
            double[] volatility = new double[trend.length];
            for (int c = 0; c < trend.length; c++) {
                trend[c] = 0.001 * c;
                volatility[c] = 0.1 + 0.02 * c;
            }
            ops.assessment.processBroadcastElement(
                    new FleetFigures(at, high, moderate, trend, volatility), at);
            long n = customers.length;
            for (int i = 0; i < customers.length; i++) {
                ops.assessment.processElement(
                        ValueInput.rank(at, customers[i], FleetMeasure.VALUE.name(), i, 1, n), at);
                ops.assessment.processElement(
                        ValueInput.rank(
                                at, customers[i], FleetMeasure.ENERGY.name(), n - 1 - i, 1, n),
                        at);
            }
        };
    }

    /** The watermark through both steps, the first one's records passed on ahead of it. */
    private static Step watermark(long w) {
        return ops -> {
            ops.values.processWatermark(new Watermark(w));
            ops.values.processBroadcastWatermark(new Watermark(w));
            List<Object> all = new ArrayList<>(ops.values.getOutput());
            for (Object o : all.subList(ops.passedOn, all.size())) {
                if (o instanceof StreamRecord<?> r) {
                    ops.assessment.processElement((ValueInput) r.getValue(), r.getTimestamp());
                }
            }
            ops.passedOn = all.size();
            ops.assessment.processWatermark(new Watermark(w));
            ops.assessment.processBroadcastWatermark(new Watermark(w));
        };
    }

    private static final String LATE = "LATE_PAYMENT -6 until 2027-01-20";
    private static final String THEFT = "THEFT -40 until 2027-11-03";

    static final List<Step> SCRIPT =
            List.of(
                    // January's bills, its billing and ranks
                    send(standing(1, "A001", JANUARY_BILLS, true, 202601, 88, CreditGrade.A)),
                    send(standing(2, "A001", JANUARY_BILLS, true, 202601, 71, CreditGrade.B, LATE)),
                    send(
                            standing(
                                    3,
                                    "A002",
                                    JANUARY_BILLS,
                                    true,
                                    202601,
                                    40,
                                    CreditGrade.C,
                                    THEFT)),
                    send(standing(4, "A002", JANUARY_BILLS, true, 202601, 90, CreditGrade.A)),
                    send(standing(5, "A002", JANUARY_BILLS, true, 202601, 85, CreditGrade.A)),
                    billing(JANUARY, 202601),
                    ranked(JANUARY, 500_000, 250_000, "C1", "C2", "C3", "C4", "C5"),
                    watermark(JANUARY),
                    // C2's credit falls, C3 leaves the master
                    send(
                            standing(
                                    2,
                                    "A001",
                                    JANUARY + 3 * 96 * QUARTER,
                                    false,
                                    202601,
                                    52,
                                    CreditGrade.C,
                                    LATE,
                                    LATE)),
                    send(CustomerStanding.removal("C3", "A002", JANUARY + 5 * 96 * QUARTER)),
                    watermark(JANUARY + 6 * 96 * QUARTER),
                    // C4 pays; the stop comes before its quarter hour closes
                    send(
                            standing(
                                    4,
                                    "A002",
                                    JANUARY + 10 * 96 * QUARTER + 60_000,
                                    false,
                                    202601,
                                    60,
                                    CreditGrade.B,
                                    LATE)),
                    // ---- SPLIT ----
                    watermark(JANUARY + 11 * 96 * QUARTER),
                    // February's bills (C2 moved to A002, C5 not billed), billing and ranks
                    send(standing(1, "A001", FEBRUARY_BILLS, true, 202602, 91, CreditGrade.A)),
                    send(standing(2, "A002", FEBRUARY_BILLS, true, 202602, 66, CreditGrade.B)),
                    send(standing(4, "A002", FEBRUARY_BILLS, true, 202602, 93, CreditGrade.A)),
                    billing(FEBRUARY, 202602),
                    ranked(FEBRUARY, 450_000, 200_000, "C5", "C4", "C2", "C1"),
                    watermark(FEBRUARY),
                    // C1's credit falls, C2 leaves the master
                    send(
                            standing(
                                    1,
                                    "A001",
                                    FEBRUARY + 2 * 96 * QUARTER,
                                    false,
                                    202602,
                                    45,
                                    CreditGrade.C,
                                    LATE)),
                    send(CustomerStanding.removal("C2", "A002", FEBRUARY + 4 * 96 * QUARTER)),
                    watermark(FEBRUARY + 5 * 96 * QUARTER),
                    watermark(Long.MAX_VALUE));

    /** Steps {@code from} (inclusive) to {@code to} (exclusive) of the script. */
    static void run(Operators ops, int from, int to) throws Exception {
        for (Step step : SCRIPT.subList(from, to)) {
            step.play(ops);
        }
    }

    /** Writes the snapshots of both steps at the stop: {@code main DIR}. */
    public static void main(String[] args) throws Exception {
        Operators ops = open();
        run(ops, 0, SPLIT);
        long at = JANUARY + 10 * 96 * QUARTER;
        OperatorSnapshotUtil.writeStateHandle(
                ops.values.snapshot(1, at), args[0] + "/customer-value-87f381f.snapshot");
        OperatorSnapshotUtil.writeStateHandle(
                ops.assessment.snapshot(1, at), args[0] + "/segment-assessment-87f381f.snapshot");
        System.out.printf(
                "customer value: %d entries, %d timers; assessment: %d entries, %d timers;"
                        + " %d segment records%n",
                LegacyAreaScenario.entries(ops.values),
                ops.values.numEventTimeTimers(),
                LegacyAreaScenario.entries(ops.assessment),
                ops.assessment.numEventTimeTimers(),
                ops.assessment.extractOutputValues().size());
    }
}
