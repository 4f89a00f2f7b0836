package org.gridwatch.jobs.ops;

import java.time.YearMonth;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.billing.BillCalculator;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.PaymentOutcome;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.jobs.MonitorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer operator, keyed by customer id: this month's usage per tariff period, the bills and
 * the ledger of payments. It calls core for each concern ({@link MonthlyUsage}, {@link
 * BillCalculator}, {@link CustomerLedger}); later concerns (value, credit, detection) join here.
 *
 * <p>A month is billed when event time has passed its end by the allowed lateness, so late readings
 * are in the bill; the bill is stamped as issued at the month's end. A reading whose quarter hour
 * has closed for good is left out here exactly as the load buckets reject it (same rule, same
 * watermark), so billed and metered energy agree. A payment seen twice is rejected as DUPLICATE; a
 * negative one is a reversal.
 */
public final class CustomerAccounts
        extends KeyedCoProcessFunction<String, MeteredReading, Payment, Bill> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CustomerAccounts.class);
    private static final long DAY = 86_400_000L;

    private final MonitorSettings settings;
    private transient ValueState<Customer> master;
    private transient ValueState<CustomerLedger> ledger;
    private transient MapState<Integer, MonthlyUsage> months;
    private transient TariffBook tariffs;
    private transient BillingCalendar calendar;
    private transient BillCalculator calculator;
    private transient EventJson json;
    private transient long lateness;

    public CustomerAccounts(MonitorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        master =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("master", Types.POJO(Customer.class)));
        ledger =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "ledger", Types.POJO(CustomerLedger.class)));
        months =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "open-months", Types.INT, Types.POJO(MonthlyUsage.class)));
        tariffs = settings.tariffBook();
        calendar = new BillingCalendar(settings.zone(), BillingCalendar.DEFAULT_DAYS_TO_PAY);
        calculator = new BillCalculator(calendar);
        json = new EventJson(settings.zone());
        lateness = settings.allowedLateness().toMillis();
    }

    @Override
    public void processElement1(MeteredReading m, Context ctx, Collector<Bill> out)
            throws Exception {
        master.update(m.customer());
        MeterReading r = m.reading();
        long quarterCloses = Bucket.closesAt(Bucket.startOf(r.startMillis()), lateness);
        if (quarterCloses <= ctx.timerService().currentWatermark()) {
            return; // rejected TOO_LATE by the load buckets
        }
        PeriodLookup lookup = tariffs.lookup(m.customer().tariffId());
        if (lookup == null) {
            return; // no tariff to bill with: counted as UNPRICED load on the dashboards
        }
        YearMonth month = calendar.monthOf(r.startMillis());
        int key = month.getYear() * 100 + month.getMonthValue();
        MonthlyUsage usage = months.get(key);
        if (usage == null) {
            usage = MonthlyUsage.of(month, calendar);
            ctx.timerService().registerEventTimeTimer(billsAt(month));
        }
        usage.add(r.startMillis(), r.intervalMinutes(), r.kwh(), lookup);
        months.put(key, usage);
    }

    private long billsAt(YearMonth month) {
        return calendar.issuedMillis(month) - 1 + lateness;
    }

    @Override
    public void processElement2(Payment p, Context ctx, Collector<Bill> out) throws Exception {
        CustomerLedger accounts = ledgerOrNew();
        PaymentOutcome outcome = accounts.pay(p.paymentId(), p.tsMillis(), p.amountFen());
        ledger.update(accounts);
        if (outcome == PaymentOutcome.DUPLICATE) {
            ctx.output(
                    ParseRecords.REJECTED,
                    new Rejected(
                            Source.PAYMENTS.topic(),
                            RejectReason.DUPLICATE,
                            "payment " + p.paymentId() + " was received before",
                            json.payment(p),
                            p.tsMillis()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Bill> out) throws Exception {
        YearMonth month = calendar.monthOf(timestamp + 1 - lateness - 1);
        int key = month.getYear() * 100 + month.getMonthValue();
        MonthlyUsage usage = months.get(key);
        Customer customer = master.value();
        if (usage == null || customer == null) {
            return;
        }
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE
                && usage.latestEndMillis <= usage.endMillis - DAY) {
            // The input ended (a replay) inside this month: its readings stop before the
            // month's last day, so a bill now would be for part of a month. Not billed.
            return;
        }
        Tariff tariff = tariffs.tariff(customer.tariffId());
        CustomerLedger accounts = ledgerOrNew();
        months.remove(key);
        BillStatement statement;
        try {
            statement =
                    calculator.bill(
                            customer.customerId(),
                            tariff,
                            usage,
                            customer.contractKw(),
                            accounts.kwhBilledInYear(month.getYear()));
        } catch (RuntimeException e) {
            // e.g. the customer changed to a tariff without a period it used this month: a
            // billing clerk's case, not a reason to stop the job for every other customer
            LOG.warn("cannot bill {} for {}: {}", customer.customerId(), month, e.getMessage());
            return;
        }
        if (accounts.issue(statement)) {
            out.collect(statement.toBill());
        }
        ledger.update(accounts);
    }

    private CustomerLedger ledgerOrNew() throws Exception {
        CustomerLedger accounts = ledger.value();
        return accounts == null ? new CustomerLedger() : accounts;
    }
}
