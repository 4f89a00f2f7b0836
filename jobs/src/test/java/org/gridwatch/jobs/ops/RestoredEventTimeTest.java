package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;
import static org.gridwatch.jobs.Fixtures.reading;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.jobs.MonitorSettings;
import org.junit.jupiter.api.Test;

/**
 * Flink does not checkpoint watermarks: a restored job starts with event time at nothing. What an
 * operator closed before the checkpoint must stay closed after the restore.
 */
class RestoredEventTimeTest {
    private static final Customer HOUSE = customer("C1", "M1", "A001", 8.0);
    private static final MonitorSettings ONE_DAY_LATE =
            MonitorSettings.DEFAULT.withAllowedLateness(Duration.ofDays(1));

    /** The load's first phase, which judges each reading against event time. */
    private static OneInputStreamOperatorTestHarness<MeteredReading, LoadPartial> loadPartials(
            OperatorSubtaskState restored) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new LoadPartials(ONE_DAY_LATE));
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static MeteredReading read(String end, double kwh) {
        return new MeteredReading(HOUSE, reading("M1", end, 15, kwh));
    }

    @Test
    void aQuarterHourClosedBeforeTheCheckpointStaysClosedAfterTheRestore() throws Exception {
        var before = loadPartials(null);
        before.processElement(new StreamRecord<>(read("2026-01-15T08:15", 0.4)));
        // 08:00-08:15 closes at its end plus a day of lateness
        before.processWatermark(at("2026-01-16T08:15"));
        OperatorSubtaskState checkpoint = before.snapshot(1, 0);
        before.close();

        var after = loadPartials(checkpoint);
        after.processElement(new StreamRecord<>(read("2026-01-15T08:15", 0.3)));
        after.processWatermark(at("2026-01-16T09:00"));

        assertThat(after.extractOutputValues())
                .as("no partial reopens the final quarter hour")
                .isEmpty();
        assertThat(after.getSideOutput(Rejections.REJECTED))
                .extracting(StreamRecord::getValue)
                .extracting(Rejected::reason)
                .containsExactly(RejectReason.TOO_LATE);
        after.close();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, AccountEvent, Bill>
            accounts(OperatorSubtaskState restored) throws Exception {
        var harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new CustomerAccounts(ONE_DAY_LATE)),
                        CustomerFeed::customerId,
                        AccountEvent::customerId,
                        Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, MeterAssignment, MeterReading, CustomerFeed>
            join(OperatorSubtaskState restored) throws Exception {
        var harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new MeterEnrichment(ONE_DAY_LATE)),
                        MeterAssignment::meterId,
                        MeterReading::meterId,
                        Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    /** A reading to the join, and what the join ships on to the accounts. */
    private static void read(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, MeterAssignment, MeterReading, CustomerFeed>
                    join,
            KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, AccountEvent, Bill>
                    accounts,
            String end,
            double kwh)
            throws Exception {
        MeterReading r = reading("M1", end, 15, kwh);
        join.processElement2(r, r.endMillis());
        new JoinToAccounts(join, accounts).pass();
    }

    private static void watermark(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, MeterAssignment, MeterReading, CustomerFeed>
                    join,
            KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, AccountEvent, Bill>
                    accounts,
            String local)
            throws Exception {
        join.processBothWatermarks(new Watermark(at(local)));
        new JoinToAccounts(join, accounts).pass();
        accounts.processBothWatermarks(new Watermark(at(local)));
    }

    @Test
    void aBilledMonthTakesNoReadingAfterTheRestore() throws Exception {
        var join = join(null);
        var before = accounts(null);
        join.processElement1(MeterAssignment.assign(HOUSE), 0);
        read(join, before, "2026-01-20T08:15", 1.0);
        watermark(join, before, "2026-02-02T00:00");
        assertThat(before.extractOutputValues()).hasSize(1);
        OperatorSubtaskState joinCheckpoint = join.snapshot(1, 0);
        OperatorSubtaskState checkpoint = before.snapshot(1, 0);
        join.close();
        before.close();

        var restoredJoin = join(joinCheckpoint);
        var after = accounts(checkpoint);
        read(restoredJoin, after, "2026-01-31T23:45", 0.5);
        // and a January shipped late, as no join ships it: the accounts keep it out too
        MonthlyUsage january =
                MonthlyUsage.of(
                        YearMonth.of(2026, 1),
                        new BillingCalendar(
                                ONE_DAY_LATE.zone(), BillingCalendar.DEFAULT_DAYS_TO_PAY));
        january.add(
                at("2026-01-31T23:30"),
                15,
                7.0,
                ONE_DAY_LATE.tariffBook().lookup(HOUSE.tariffId()));
        after.processElement1(CustomerFeed.month("C1", january, null), at("2026-02-02T00:00"));
        watermark(restoredJoin, after, "2026-03-02T00:00");

        List<Bill> bills = after.extractOutputValues();
        assertThat(bills).extracting(Bill::period).containsExactly("2026-02");
        assertThat(bills)
                .as("January is not billed again, and its late readings are in no bill")
                .allSatisfy(
                        b ->
                                assertThat(b.kwhByPeriod().values())
                                        .doesNotContain(0.5)
                                        .doesNotContain(0.7));
        restoredJoin.close();
        after.close();
    }
}
