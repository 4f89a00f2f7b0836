package org.gridwatch.jobs.ops;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.gridwatch.jobs.MonitorSettings;

/**
 * A customer's two months for the state-layout upgrade test ({@code LegacyStateTest}): the first
 * part runs, the operators' state is snapshotted, the second part runs. The snapshots in {@code
 * src/test/resources/legacy-state} were written by {@link #main} with the operators of release 0.1
 * (commit f97fb3e, before their state was gathered into one value per key: {@code *-0.1.snapshot})
 * and of c8970a6 (before the join kept the customers' open days and months: {@code
 * *-c8970a6.snapshot}, and on RocksDB, the harnesses given {@code EmbeddedRocksDBStateBackend}
 * before they opened: {@code *-c8970a6-rocksdb.snapshot}).
 */
public final class LegacyScenario {

    static final MonitorSettings SETTINGS =
            MonitorSettings.DEFAULT.withAllowedLateness(Duration.ofDays(2));

    static final Customer SHOP =
            new Customer(
                    "C1",
                    "M1",
                    CustomerClass.COMMERCIAL,
                    "A001",
                    "commercial-tou",
                    false,
                    50.0,
                    Customer.UNKNOWN_SINCE);

    private static final long QUARTER = 900_000L;

    /** 2026-01-01T00:00+08:00. */
    static final long START = 1767196800000L;

    /** Where the first part ends: 2026-02-10 13:00 local, a bill and a day behind it. */
    static final long SPLIT = START + (40L * 96 + 52) * QUARTER;

    /**
     * Another place to stop, in January's allowed lateness: 2026-02-02 05:00 local, January ended
     * and waiting in the meter join for its billing on 3 February, February open beside it.
     */
    static final long SPLIT_IN_LATENESS = START + (32L * 96 + 20) * QUARTER;

    /** Where the second part ends: 2026-03-05 local. */
    static final long END = START + 63L * 96 * QUARTER;

    private LegacyScenario() {}

    static KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, AccountEvent, Bill>
            accounts() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new CustomerAccounts(SETTINGS)),
                CustomerFeed::customerId,
                AccountEvent::customerId,
                Types.STRING);
    }

    static KeyedTwoInputStreamOperatorTestHarness<
                    String, MeterAssignment, MeterReading, CustomerFeed>
            meters() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new MeterEnrichment(SETTINGS)),
                MeterAssignment::meterId,
                MeterReading::meterId,
                Types.STRING);
    }

    /** The reading of quarter hour {@code q} from the start: a shop's day, a register. */
    static MeterReading reading(long q) {
        int ofDay = (int) (q % 96);
        double kwh = ofDay >= 36 && ofDay < 80 ? 2.5 + 0.01 * (q % 7) : 0.4 + 0.001 * (q % 5);
        double register = 1000 + q * 1.1;
        return new MeterReading("M1", START + (q + 1) * QUARTER, 15, kwh, register, Double.NaN, 0);
    }

    /**
     * Quarter hours [from, to): readings to the join, what it ships on to the accounts, payments
     * and an inspection to the accounts.
     *
     * <p>The snapshots were written by this scenario as it was at their commits, when the accounts
     * took every reading from the test and one quarter hour a day (the 18th) never reached them;
     * the join saw all. So that the accounts' open month and day at the split are the same in a run
     * that never stopped, the join here does not see that quarter hour before the split: the
     * readings of it that reached no bill then reach none now. After the split every reading goes
     * to the join.
     */
    static void run(JoinToAccounts edge, long from, long to) throws Exception {
        var accounts = edge.accounts;
        var meters = edge.join;
        long split = (SPLIT - START) / QUARTER;
        if (from == 0) {
            meters.processElement1(MeterAssignment.assign(SHOP), 0);
            edge.pass();
        }
        if (from > 0) { // a reading sent again after the stop: a duplicate to the meter join
            MeterReading again = reading(from - 1);
            meters.processElement2(again, again.endMillis());
            edge.pass();
        }
        for (long q = from; q < to; q++) {
            long end = START + (q + 1) * QUARTER;
            if (q % 96 == 40 && (q / 96) % 10 == 5) { // a payment on day 5, 15, 25...
                Payment p = new Payment("P" + q, "C1", end, 90_000, PaymentChannel.APP);
                accounts.processElement2(AccountEvent.of(p), end);
            }
            if (q == 45L * 96 + 40) {
                accounts.processElement2(
                        AccountEvent.of(
                                new Inspection("C1", null, end, InspectionOutcome.NO_FINDING)),
                        end);
            }
            MeterReading r = reading(q);
            if (q >= split || q % 96 != 17) {
                meters.processElement2(r, r.endMillis());
                edge.pass();
            }
            if (q % 4 == 3) {
                meters.processBothWatermarks(new Watermark(end - QUARTER));
                edge.pass();
                accounts.processBothWatermarks(new Watermark(end - QUARTER));
            }
        }
    }

    /**
     * Writes the snapshots of both operators after the first part: {@code main DIR [NAME
     * [in-lateness] [rocksdb]]}, as {@code DIR/customer-accounts-NAME.snapshot} and {@code
     * DIR/meter-enrichment-NAME.snapshot} (NAME 0.1 by default); {@code in-lateness} stops at
     * {@link #SPLIT_IN_LATENESS} instead of {@link #SPLIT}, {@code rocksdb} runs the operators on
     * RocksDB.
     */
    public static void main(String[] args) throws Exception {
        String name = args.length > 1 ? args[1] : "0.1";
        java.util.List<String> options = java.util.Arrays.asList(args);
        long split = options.contains("in-lateness") ? SPLIT_IN_LATENESS : SPLIT;
        var accounts = accounts();
        var meters = meters();
        if (options.contains("rocksdb")) {
            accounts.setStateBackend(
                    new org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend());
            meters.setStateBackend(
                    new org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend());
        }
        accounts.open();
        meters.open();
        run(new JoinToAccounts(meters, accounts), 0, (split - START) / QUARTER);
        OperatorSnapshotUtil.writeStateHandle(
                accounts.snapshot(1, split), args[0] + "/customer-accounts-" + name + ".snapshot");
        OperatorSnapshotUtil.writeStateHandle(
                meters.snapshot(1, split), args[0] + "/meter-enrichment-" + name + ".snapshot");
    }
}
