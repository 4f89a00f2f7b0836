package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;
import static org.gridwatch.jobs.Fixtures.reading;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Customer;
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

    @Test
    void aBilledMonthTakesNoReadingAfterTheRestore() throws Exception {
        var before = accounts(null);
        before.processElement1(CustomerFeed.master(HOUSE), 0);
        before.processElement1(
                CustomerFeed.reading(read("2026-01-20T08:15", 10.0)), at("2026-01-20T08:15"));
        before.processBothWatermarks(new Watermark(at("2026-02-02T00:00")));
        assertThat(before.extractOutputValues()).hasSize(1);
        OperatorSubtaskState checkpoint = before.snapshot(1, 0);
        before.close();

        var after = accounts(checkpoint);
        after.processElement1(
                CustomerFeed.reading(read("2026-01-31T23:45", 5.0)), at("2026-01-31T23:45"));
        after.processBothWatermarks(new Watermark(at("2026-03-02T00:00")));

        List<Bill> bills = after.extractOutputValues();
        assertThat(bills)
                .as("January is not billed again, and its late reading is in no bill")
                .allSatisfy(b -> assertThat(b.period()).isNotEqualTo("2026-01"));
        assertThat(bills).allSatisfy(b -> assertThat(b.kwhByPeriod().values()).doesNotContain(5.0));
        after.close();
    }
}
