package org.gridwatch.jobs.ops;

import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.gridwatch.core.arrears.ArrearsCase;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.ReadingHistory;
import org.gridwatch.core.detect.DataQualityCase;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.MeterFaultCase;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.value.CustomerAccount;
import org.gridwatch.jobs.state.AccountBook;
import org.gridwatch.jobs.state.CustomerLoad;

/**
 * The customer operator's state as releases before 0.2 kept it, twelve states a customer, read once
 * per customer after a restore from such a savepoint: {@link #takeOver} converts them into the
 * customer's {@link CustomerLoad} and {@link AccountBook} and clears them. Registered only in a
 * restored operator; every customer is converted at its first reading, payment or timer (a bill
 * timer at least once a month), so a savepoint taken a month after the upgrade holds none of them
 * and a later release can drop this class.
 */
final class LegacyAccountState {
    private final ValueState<Customer> master;
    private final ValueState<CustomerAccount> account;
    private final MapState<Integer, MonthlyUsage> months;
    private final ValueState<ReadingHistory> readingHistory;
    private final ValueState<Long> creditCheckAt;
    private final ValueState<Long> latestEventMillis;
    private final ValueState<ArrearsCase> arrears;
    private final ValueState<Long> arrearsCheckAt;
    private final ValueState<MeterFaultCase> meterFaults;
    private final MapState<Long, DayLoad> openDays;
    private final ValueState<UsageBaseline> baseline;
    private final ValueState<InspectionOutcome> inspected;

    LegacyAccountState(RuntimeContext ctx) {
        master = ctx.getState(new ValueStateDescriptor<>("master", Types.POJO(Customer.class)));
        account =
                ctx.getState(
                        new ValueStateDescriptor<>("account", Types.POJO(CustomerAccount.class)));
        months =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "open-months", Types.INT, Types.POJO(MonthlyUsage.class)));
        readingHistory =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "reading-history", Types.POJO(ReadingHistory.class)));
        creditCheckAt = ctx.getState(new ValueStateDescriptor<>("credit-check-at", Types.LONG));
        latestEventMillis = ctx.getState(new ValueStateDescriptor<>("latest-event", Types.LONG));
        arrears =
                ctx.getState(
                        new ValueStateDescriptor<>("arrears-case", Types.POJO(ArrearsCase.class)));
        arrearsCheckAt = ctx.getState(new ValueStateDescriptor<>("arrears-check-at", Types.LONG));
        meterFaults =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "meter-faults", Types.POJO(MeterFaultCase.class)));
        openDays =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "open-days", Types.LONG, Types.POJO(DayLoad.class)));
        baseline =
                ctx.getState(
                        new ValueStateDescriptor<>("usual-day", Types.POJO(UsageBaseline.class)));
        inspected =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "inspected", Types.ENUM(InspectionOutcome.class)));
    }

    /**
     * The current customer's old state as its load and book, cleared here; null when it has none.
     */
    Converted takeOver() throws Exception {
        CustomerLoad load = new CustomerLoad();
        load.master = master.value();
        for (MonthlyUsage m : months.values()) {
            load.putMonth(m);
        }
        for (Map.Entry<Long, DayLoad> d : openDays.entries()) {
            d.getValue().quartersNotKept(); // this layout kept no quarter hours
            load.putDay(d.getValue());
        }
        AccountBook book = new AccountBook();
        book.account = account.value();
        book.history = readingHistory.value();
        book.usual = baseline.value();
        book.arrears = arrears.value();
        book.quality = DataQualityCase.of(meterFaults.value());
        book.inspected = inspected.value();
        Long credit = creditCheckAt.value();
        book.creditCheckAt = credit == null ? AccountBook.NONE : credit;
        Long arrearsAt = arrearsCheckAt.value();
        book.arrearsCheckAt = arrearsAt == null ? AccountBook.NONE : arrearsAt;
        Long latest = latestEventMillis.value();
        book.latestEventMillis = latest == null ? AccountBook.NONE : latest;
        boolean bookEmpty =
                book.account == null
                        && book.history == null
                        && book.usual == null
                        && book.arrears == null
                        && book.quality == null
                        && book.inspected == null
                        && credit == null
                        && arrearsAt == null
                        && latest == null;
        if (load.isEmpty() && bookEmpty) {
            return null;
        }
        master.clear();
        account.clear();
        months.clear();
        readingHistory.clear();
        creditCheckAt.clear();
        latestEventMillis.clear();
        arrears.clear();
        arrearsCheckAt.clear();
        meterFaults.clear();
        openDays.clear();
        baseline.clear();
        inspected.clear();
        return new Converted(load.isEmpty() ? null : load, bookEmpty ? null : book);
    }

    /** The converted state; either part null when the old state had nothing of it. */
    record Converted(CustomerLoad load, AccountBook book) {}
}
