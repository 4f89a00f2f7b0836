package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.gridwatch.core.arrears.ArrearsCase;
import org.gridwatch.core.arrears.PaymentHabit;
import org.gridwatch.core.detect.AreaBalance;
import org.gridwatch.core.detect.DayJudge;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.LossRegression;
import org.gridwatch.core.detect.PeerGroup;
import org.gridwatch.core.detect.TheftCase;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Severity;
import org.gridwatch.jobs.state.TheftCaseCodec;
import org.junit.jupiter.api.Test;

/**
 * What detection keeps per customer, as Flink serializes it into a checkpoint: the usual day, one
 * open day, the paying habit and an open arrears case in the customer operator, the theft case
 * (with an open alert, and its match with the area's loss; kept as its bytes, {@link
 * TheftCaseCodec}, counted as Flink writes a byte array) and the area's balance (whole, as for a
 * customer alone in its area) in the area operator. Issue 8 allows 4 KB a customer.
 */
class DetectorStateSizeTest {
    private static final long DAY = 86_400_000L;

    @SuppressWarnings("unchecked")
    private static <T> int bytes(T value) throws Exception {
        TypeSerializer<T> serializer =
                (TypeSerializer<T>)
                        TypeInformation.of(value.getClass())
                                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.length();
    }

    /**
     * A day of 96 quarter-hour readings with a tamper flag, the register counting what they report
     * (a meter made to read less counts less in both; one whose register ran ahead of its readings
     * would not be judged at all).
     */
    private static DayLoad day(int d, double scale) {
        DayLoad day = new DayLoad(d, d * DAY);
        double register = 1000 + d * 20;
        for (int q = 0; q < 96; q++) {
            double kwh = scale * (0.1 + 0.05 * Math.sin(q / 10.0) + 0.001 * (d % 7));
            register += kwh;
            day.add(
                    new MeterReading(
                            "M0000001",
                            d * DAY + (q + 1) * 900_000L,
                            15,
                            kwh,
                            register,
                            Double.NaN,
                            q == 40 ? MeterEvent.COVER_OPEN.bit() : 0));
        }
        return day;
    }

    /** An area's hourly fit after 30 balanced days of {@code customers} customers. */
    private static LossRegression hourlyFit(int customers) {
        LossRegression fit = new LossRegression();
        String[] ids = new String[customers];
        for (int i = 0; i < customers; i++) {
            ids[i] = String.format("C%07d", i);
        }
        java.util.Random r = new java.util.Random(1);
        for (int d = 0; d < 30; d++) {
            float[][] x = new float[customers][24];
            double[] supply = new double[24];
            for (int i = 0; i < customers; i++) {
                for (int h = 0; h < 24; h++) {
                    x[i][h] = (float) (0.5 + r.nextDouble());
                    supply[h] += x[i][h] * 1.04;
                }
            }
            fit.addDay(d, supply, ids, x);
        }
        return fit;
    }

    @Test
    void detectionKeepsWellUnderFourKilobytesPerCustomer() throws Exception {
        Customer customer =
                new Customer(
                        "C0000001",
                        "M0000001",
                        CustomerClass.RESIDENTIAL,
                        "A001",
                        "residential-tiered",
                        false,
                        4.0,
                        Customer.UNKNOWN_SINCE);
        UsageBaseline usual = new UsageBaseline();
        TheftCase theftCase = new TheftCase();
        AreaBalance area = new AreaBalance();
        double[] prices = new double[24];
        java.util.Arrays.fill(prices, 0.5);
        boolean[] peak = new boolean[24];
        for (int d = 0; d < 90; d++) {
            DayReport r =
                    DayJudge.close(
                            usual,
                            day(d, d < 60 ? 1 : 0.4),
                            customer,
                            d % 7 >= 5,
                            peak,
                            prices,
                            (d + 1) * DAY);
            // the area's supply: its own customer's energy and 4% loss, the theft added from day 60
            double supplied = (d < 60 ? r.kwh() : r.kwh() / 0.4) / 0.96;
            area.record(d, supplied, r.kwh(), 1);
            theftCase.onDay(r, PeerGroup.net(r.z(), new double[r.z().length]), area);
            area.onDay("A001", d, (d + 1) * DAY, supplied, r.kwh(), 1, java.util.List.of());
        }
        assertThat(theftCase.evidence.areaLoss.days)
                .as("the case matched the area's loss")
                .isPositive();
        assertThat(theftCase.alertId).as("the case has an open alert").isNotNull();

        // Arrears: the paying habit after a few bills and payments, and an open ARREARS case.
        PaymentHabit habit = new PaymentHabit();
        for (int m = 0; m < 6; m++) {
            habit.onChange(m * 30 * DAY, m * 30 * DAY + 19 * DAY);
            habit.onPayment(m * 30 * DAY + 25 * DAY, 10_000, 10_000, Long.MAX_VALUE);
        }
        ArrearsCase arrearsCase = new ArrearsCase();
        arrearsCase.alertId = "arrears:C0000001:20260327";
        arrearsCase.emittedChance = 0.5;
        arrearsCase.emittedSeverity = Severity.MEDIUM;
        arrearsCase.emittedOpenBills = 2;

        int openDay = bytes(day(90, 1));
        int baseline = bytes(usual);
        int theft = bytes(TheftCaseCodec.caseBytes(theftCase));
        int paying = bytes(habit);
        int arrears = bytes(arrearsCase);
        // The area's balance is the area's, shared by its customers (about a hundred in a public
        // area); a large-industry customer has an area of its own, so it is counted whole here.
        int areaBalance = bytes(area);
        // The area's hourly fit grows as n² with the customers regressed: measured for public
        // areas of 50, 100, 200 and 300 customers (300: the first 200 regressed), per customer.
        int[] sizes = {50, 100, 200, 300};
        int[] hourlyPerCustomer = new int[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            LossRegression fit = hourlyFit(sizes[k]);
            assertThat(fit.ids.length).isEqualTo(Math.min(sizes[k], LossRegression.MAX_REGRESSED));
            hourlyPerCustomer[k] = (bytes(fit) + sizes[k] - 1) / sizes[k];
        }
        int hourly = java.util.Arrays.stream(hourlyPerCustomer).max().getAsInt();
        int total = openDay + baseline + theft + paying + arrears + areaBalance + hourly;
        System.out.printf(
                "detector state per customer: open day %d B, usual day %d B, theft case %d B,"
                        + " paying habit %d B, arrears case %d B, the area's balance %d B (a"
                        + " customer alone in its area), the area's hourly fit per customer %s B"
                        + " (areas of %s customers), total %d B%n",
                openDay,
                baseline,
                theft,
                paying,
                arrears,
                areaBalance,
                java.util.Arrays.toString(hourlyPerCustomer),
                java.util.Arrays.toString(sizes),
                total);
        assertThat(total).isLessThan(4096);
    }
}
