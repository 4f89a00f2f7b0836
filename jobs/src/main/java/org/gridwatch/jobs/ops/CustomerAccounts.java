package org.gridwatch.jobs.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.arrears.ArrearsCase;
import org.gridwatch.core.arrears.ArrearsRisk;
import org.gridwatch.core.arrears.LatePaymentPenalty;
import org.gridwatch.core.billing.BillCalculator;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.BillingSchedule;
import org.gridwatch.core.billing.MonthSettlement;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.PaymentOutcome;
import org.gridwatch.core.billing.ReadingHistory;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.detect.DataQualityCase;
import org.gridwatch.core.detect.DayJudge;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.value.CustomerAccount;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.ValueModel;
import org.gridwatch.core.whatif.OffpeakAssessment;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.state.AccountBook;
import org.gridwatch.jobs.state.CustomerLoad;
import org.gridwatch.jobs.state.CustomerLoadSerializer;
import org.gridwatch.jobs.types.SharedCustomers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer operator, keyed by customer id: this month's usage per tariff period, the bills, and
 * the customer's {@link CustomerAccount} (ledger, credit record, billed history). It calls core for
 * each concern; it only decides when.
 *
 * <p>A month is billed when event time has passed its end by the allowed lateness, so late readings
 * are in the bill. A reading whose quarter hour has closed for good is left out by the join exactly
 * as the load buckets reject it (same rule, same watermark); the register brings its energy back
 * into the bill ({@link MonthSettlement}: the month's energy from the register, interval readings
 * allocate it, what no reading covers is estimated from the customer's own profile). Once a
 * customer is billed, the next month's bill is armed at once ({@link #armBill}): a meter that goes
 * silent is still billed every month. A payment seen twice is rejected as DUPLICATE; a negative one
 * is a reversal. Inspections arrive on the same input as payments ({@link AccountEvent}).
 *
 * <p>Payments and inspections wait in state until the watermark reaches them and are then applied
 * in event-time order, interleaved with the bills: credit depends on whether a payment came before
 * or after a bill, and inputs do not arrive in step (a replay reads the small payments file long
 * before the readings that issue the bills; a Kafka backlog does the same). One arriving behind the
 * watermark (a payments feed that lags) counts at its own time ({@link CustomerAccount#onPayment}
 * restates what a later bill's check and the paying habit made of its absence) and is applied at
 * the next watermark, so that the standing and alerts it changes carry the time the job learned of
 * it, not an earlier one than what was already sent.
 *
 * <p>After each bill, payment and inspection, and whenever time alone changes the credit (a demerit
 * expiring, the oldest bill reaching 30, 60 or 90 days past due: one event-time timer at the next
 * such instant), the customer's {@link CustomerStanding} goes to {@link #STANDINGS} for the fleet
 * to value and segment. Nothing is sent before the first bill: value is read from bills.
 *
 * <p>The readings themselves stay with the meter join, which adds them to the customer's open day
 * and month and ships those when they close ({@link MeterUsage}): the accounts take one record a
 * meter and day, merge what the meters of one customer ship, and bill and judge as before. Each day
 * is judged against the customer's usual day ({@link DayWatch}) and reported to {@link #DAYS} for
 * the area's theft watch.
 *
 * <p>The customer's {@link ArrearsCase} is looked at after each of those changes and, while the
 * oldest open bill is overdue, every local midnight from {@link ArrearsRisk#minDaysPastDue} days
 * past due on: the chance of reaching 90 days grows with each day unpaid. Its ARREARS alerts go to
 * {@link #ALERTS}. An inspection's outcome goes to the credit record, to the next day report for
 * the area's theft case ({@link DayWatch}), and a METER_FAULT to the customer's DATA_QUALITY alert
 * ({@link DataQualityCase}), which also says when the customer's meters fall silent or their
 * register and intervals disagree (each day's close, {@link DayWatch}).
 *
 * <p>A deployment without a payments stream (a replay folder without {@code payments.jsonl}) bills
 * as usual but follows no bill after it is issued ({@code paymentsFollowed} false): nothing could
 * ever be paid, so a bill's age would say nothing of the customer. No credit is taken for unpaid
 * bills and no ARREARS alert is raised; theft, inspections and the value still count.
 */
public final class CustomerAccounts
        extends KeyedCoProcessFunction<String, CustomerFeed, AccountEvent, Bill>
        implements ActedEventTime.User {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CustomerAccounts.class);

    /** The customers' standings, for {@link FleetValue}. */
    public static final OutputTag<CustomerStanding> STANDINGS =
            new OutputTag<>("customer-standings", Types.POJO(CustomerStanding.class)) {};

    /** ARREARS alerts, and DATA_QUALITY alerts ({@link DataQualityCase}). */
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("arrears-alerts", TypeInformation.of(Alert.class)) {};

    /** The customers' judged days, for {@link AreaWatch}. */
    public static final OutputTag<DayReport> DAYS = DayWatch.DAYS;

    private final MonitorSettings settings;
    private transient ValueState<CustomerLoad> loadState;
    private transient ValueState<byte[]> bookState;
    private transient MapState<Long, List<AccountEvent>> waiting;
    private transient LegacyAccountState legacy;
    private transient boolean restored;

    // The current key's state, read once per element or timer and written back at its end.
    private transient CustomerLoad load;
    private transient boolean loadRead;
    private transient boolean loadChanged;
    private transient AccountBook book;
    private transient boolean bookRead;
    private transient boolean bookChanged;
    private transient TariffBook tariffs;
    private transient BillingCalendar calendar;
    private transient BillCalculator calculator;
    private transient EventJson json;
    private transient ValueModel model;
    private transient PeriodLookup peakHours;
    private transient long lateness;
    private transient BillingSchedule billing;
    private transient long unknownGrace;
    private transient DayWatch days;
    private transient OffpeakAssessment offpeak;
    private final ActedEventTime eventTime = new ActedEventTime();

    private final boolean paymentsFollowed;

    /** The accounts of a deployment that reads payments. */
    public CustomerAccounts(MonitorSettings settings) {
        this(settings, true);
    }

    /**
     * @param paymentsFollowed whether the deployment reads payments, so that an issued bill is
     *     followed until it is paid (credit, arrears)
     */
    public CustomerAccounts(MonitorSettings settings, boolean paymentsFollowed) {
        this.settings = settings;
        this.paymentsFollowed = paymentsFollowed;
    }

    @Override
    public void open(OpenContext openContext) {
        loadState =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "customer-load", CustomerLoadSerializer.INSTANCE));
        bookState =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "account-book",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        legacy = restored ? new LegacyAccountState(getRuntimeContext()) : null;
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting-account-events",
                                        Types.LONG,
                                        Types.LIST(Types.POJO(AccountEvent.class))));
        tariffs = settings.tariffBook();
        calendar = new BillingCalendar(settings.zone(), BillingCalendar.DEFAULT_DAYS_TO_PAY);
        calculator = new BillCalculator(calendar);
        json = new EventJson(settings.zone());
        model = settings.valueModel();
        peakHours = tariffs.lookup(model.peakHoursTariff()); // checked at start-up (MonitorArgs)
        lateness = settings.allowedLateness().toMillis();
        billing = new BillingSchedule(settings.zone(), lateness);
        unknownGrace = settings.unknownMeterGrace().toMillis();
        days = new DayWatch(settings.zone(), lateness, tariffs, peakHours);
        offpeak = new OffpeakAssessment(peakHours.calendar(), calendar);
    }

    @Override
    public ActedEventTime actedEventTime() {
        return eventTime;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        eventTime.initialize(context);
        restored = context.isRestored();
    }

    /**
     * Before each element or timer: the key's state is read when first asked for, and a customer
     * still in the layout of a savepoint of an earlier release is converted first.
     */
    private void begin() throws Exception {
        load = null;
        loadRead = false;
        loadChanged = false;
        book = null;
        bookRead = false;
        bookChanged = false;
        if (legacy != null && load() == null && book() == null) {
            LegacyAccountState.Converted old = legacy.takeOver();
            if (old != null) {
                load = old.load();
                loadRead = true;
                loadChanged = load != null;
                book = old.book();
                bookRead = true;
                bookChanged = book != null;
            }
        }
    }

    /** After each element or timer: what changed is written back. */
    private void end() throws Exception {
        if (loadChanged) {
            if (load == null || load.isEmpty()) {
                loadState.clear();
            } else {
                loadState.update(load);
            }
        }
        if (bookChanged) {
            if (book == null) {
                bookState.clear();
            } else {
                bookState.update(book.encode());
            }
        }
    }

    /** The customer's load, or null. */
    private CustomerLoad load() throws Exception {
        if (!loadRead) {
            load = loadState.value();
            loadRead = true;
        }
        return load;
    }

    /** The customer's load, to change: created if there is none. */
    private CustomerLoad loadToChange() throws Exception {
        if (load() == null) {
            load = new CustomerLoad();
        }
        loadChanged = true;
        return load;
    }

    /** The customer's master record, or null. */
    private Customer master() throws Exception {
        CustomerLoad l = load();
        return l == null ? null : l.master;
    }

    /** The customer's book, or null. */
    private AccountBook book() throws Exception {
        if (!bookRead) {
            byte[] bytes = bookState.value();
            book = bytes == null ? null : AccountBook.decode(bytes);
            bookRead = true;
        }
        return book;
    }

    /** The customer's book, to change: created if there is none. */
    private AccountBook bookToChange() throws Exception {
        if (book() == null) {
            book = new AccountBook();
        }
        bookChanged = true;
        return book;
    }

    /** Event time as this operator acts on it, across restores ({@link ActedEventTime}). */
    private long watermark(Context ctx) {
        return eventTime.now(ctx.timerService());
    }

    @Override
    public void processElement1(CustomerFeed feed, Context ctx, Collector<Bill> out)
            throws Exception {
        begin();
        switch (feed.kind) {
            case MASTER -> onMaster(feed.customer, ctx);
            case REMOVAL -> onRemoval(ctx);
            case DAY -> onDay(feed.day, ctx);
            case MONTH -> onMonth(feed.month, feed.nextSoFar, ctx);
            case READING ->
                    throw new IllegalArgumentException(
                            "the accounts take days and months, not readings: the feed to them"
                                    + " passes CustomerFeed.forAccounts() only");
        }
        end();
    }

    /**
     * The customer's record, new or changed; payments that waited for it are applied. Its bills
     * start with the month of its first reading ({@link #armBill}): before that nothing says in
     * which month its supply began. A record that names another meter is a meter exchange: the new
     * register is not compared with the old one ({@link DayWatch#registerReplaced}); one whose
     * tariff, class, capacity or connection date changed has the usual day learned afresh ({@link
     * DayWatch#onNewContract}, {@link DayJudge#expectsNewHabits}).
     */
    private void onMaster(Customer customer, Context ctx) throws Exception {
        Customer before = master();
        if (before != null && !before.areaId().equals(customer.areaId())) {
            leave(before, "moved to area " + customer.areaId(), ctx);
        }
        if (before != null && !before.meterId().equals(customer.meterId())) {
            days.registerReplaced(watermark(ctx), bookToChange());
        }
        if (before != null && DayJudge.expectsNewHabits(before, customer) && book() != null) {
            days.onNewContract(bookToChange());
        }
        loadToChange().master = SharedCustomers.shared(customer);
        applyAwaitingMaster(ctx);
    }

    /**
     * Tells the area the customer was in that it has left ({@link DayReport#leaving}), so that its
     * theft case there ends and its open THEFT alert closes. Nothing when event time has not begun
     * here: no day of the customer has closed, so no area has a case.
     */
    private void leave(Customer from, String why, Context ctx) {
        long now = watermark(ctx);
        if (now == Long.MIN_VALUE) {
            return;
        }
        long epochDay =
                Instant.ofEpochMilli(now).atZone(settings.zone()).toLocalDate().toEpochDay();
        ctx.output(
                DayWatch.DAYS,
                DayReport.leaving(
                        from.customerId(),
                        from.meterId(),
                        from.areaId(),
                        from.customerClass().name(),
                        epochDay,
                        now,
                        why));
    }

    /**
     * The customer was removed from the master: its state goes, and the fleet forgets it; its open
     * DATA_QUALITY alert closes. Payments and inspections still waiting are rejected
     * UNKNOWN_CUSTOMER. Timers armed before fire later and find nothing to do.
     */
    private void onRemoval(Context ctx) throws Exception {
        Customer removed = master();
        long now = watermark(ctx);
        if (removed != null) {
            leave(removed, "removed from the customer master", ctx);
            DataQualityCase quality = book() == null ? null : book().quality;
            Alert closed =
                    quality == null ? null : quality.onRemoval(removed, now, settings.zone());
            if (closed != null) {
                ctx.output(ALERTS, closed);
            }
        }
        for (List<AccountEvent> due : waiting.values()) {
            for (AccountEvent e : due) {
                rejectUnknown(
                        e, "customer " + e.customerId() + " was removed from the master", ctx);
            }
        }
        waiting.clear();
        CustomerAccount accounts = book() == null ? null : book().account;
        if (removed != null && accounts != null && accounts.isBilled()) {
            ctx.output(
                    STANDINGS,
                    CustomerStanding.removal(removed.customerId(), removed.areaId(), now));
        }
        load = null;
        loadChanged = true;
        book = null;
        bookChanged = true;
    }

    /**
     * A day of the customer's readings on one of its meters, closed there ({@link MeterUsage}):
     * kept until it closes here, merged with what another meter of the customer shipped for it.
     * None is kept for a customer the accounts do not know: it was removed, and the day crossed the
     * removal on another meter's path.
     */
    private void onDay(DayLoad day, Context ctx) throws Exception {
        if (master() == null) {
            return;
        }
        CustomerLoad current = load();
        if (!days.onShippedDay(day, watermark(ctx), ctx.timerService(), current)) {
            LOG.warn(
                    "day {} of {} came after it closed", day.epochDay, current.master.customerId());
            return;
        }
        loadChanged = true;
    }

    /**
     * A billing month of the customer's readings on one of its meters, at its billing instant or
     * when the meter left the customer ({@link MeterUsage}): kept until the month is billed here,
     * merged with what another meter of the customer shipped for it; the bill is armed. A month at
     * its billing instant comes with a copy of its successor so far, which the bill reads ({@link
     * #billMonth}). None is kept for a customer the accounts do not know (removed), or for a month
     * billed already: its gap was settled with the register.
     */
    private void onMonth(MonthlyUsage usage, MonthlyUsage nextSoFar, Context ctx) throws Exception {
        if (master() == null) {
            return;
        }
        YearMonth month = usage.month();
        CustomerLoad current = loadToChange();
        if (nextSoFar != null) {
            current.nextSoFar = nextSoFar;
        }
        if (historyOrNew().hasBilled(month)) {
            return;
        }
        MonthlyUsage open = current.month(usage.yearMonth);
        if (open == null) {
            current.putMonth(usage);
            armBill(month, ctx);
        } else if (!open.merge(usage)) {
            // Two meters read the same quarter hour for the customer: the master gave the customer
            // a second meter without releasing the first. The first meter's readings are billed.
            LOG.warn(
                    "{} of {} came from two meters with readings of the same quarter hour;"
                            + " billed with the first one's",
                    month,
                    current.master.customerId());
        }
    }

    /**
     * Arms the bill of {@code month}: it is billed once event time has passed its end by the
     * allowed lateness. Called when a month's first reading comes and after each bill for the next
     * month, so every customer billed once is billed every month; call it too when a customer
     * becomes known without a reading. Arming a month twice arms it once.
     */
    void armBill(YearMonth month, Context ctx) {
        ctx.timerService().registerEventTimeTimer(billsAt(month));
    }

    private static int monthKey(YearMonth month) {
        return MonthlyUsage.keyOf(month);
    }

    /** The month's billing instant, the one the fleet value is scheduled by too. */
    private long billsAt(YearMonth month) {
        return billing.billsAt(month);
    }

    @Override
    public void processElement2(AccountEvent e, Context ctx, Collector<Bill> out) throws Exception {
        begin();
        boolean known = master() != null;
        long now = watermark(ctx);
        if (e.tsMillis() > now) {
            await(e, e.tsMillis(), ctx);
        } else if (known) {
            // Behind event time already (a payments feed that lags the readings): it counts at its
            // own time, but what it changes goes out with the next step of event time, after every
            // standing and alert already sent, so that the latest of each stays the latest.
            if (now == Long.MAX_VALUE) {
                apply(e, ctx, e.tsMillis());
            } else {
                await(e, now + 1, ctx);
            }
        } else {
            await(e, e.tsMillis() + unknownGrace, ctx); // the master may still come
        }
        end();
    }

    /** Keeps an event until event time reaches {@code untilMillis}. */
    private void await(AccountEvent e, long untilMillis, Context ctx) throws Exception {
        List<AccountEvent> at = waiting.get(untilMillis);
        if (at == null) {
            at = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(untilMillis);
        }
        at.add(e);
        waiting.put(untilMillis, at);
    }

    /**
     * Events due at {@code timestamp}: applied when the customer is known; else they wait for the
     * master until their time plus the grace, and are then rejected UNKNOWN_CUSTOMER, leaving no
     * state behind.
     */
    private void dueEvents(long timestamp, Context ctx) throws Exception {
        List<AccountEvent> due = waiting.get(timestamp);
        if (due == null) {
            return;
        }
        waiting.remove(timestamp);
        boolean known = master() != null;
        for (AccountEvent e : due) {
            if (known) {
                apply(e, ctx, timestamp);
            } else if (timestamp < e.tsMillis() + unknownGrace) {
                await(e, e.tsMillis() + unknownGrace, ctx);
            } else {
                rejectUnknown(
                        e,
                        "no customer "
                                + e.customerId()
                                + " in the master data "
                                + MonitorSettings.describe(unknownGrace)
                                + " after its time",
                        ctx);
            }
        }
    }

    /** The master came: the events that waited for it past their own time, in time order. */
    private void applyAwaitingMaster(Context ctx) throws Exception {
        long now = watermark(ctx);
        List<AccountEvent> ready = new ArrayList<>();
        List<Long> emptied = new ArrayList<>();
        for (Map.Entry<Long, List<AccountEvent>> entry : waiting.entries()) {
            List<AccountEvent> keep = new ArrayList<>();
            for (AccountEvent e : entry.getValue()) {
                (e.tsMillis() <= now ? ready : keep).add(e);
            }
            if (keep.size() != entry.getValue().size()) {
                if (keep.isEmpty()) {
                    emptied.add(entry.getKey());
                } else {
                    entry.setValue(keep);
                }
            }
        }
        for (Long at : emptied) {
            waiting.remove(at);
        }
        ready.sort(Comparator.comparingLong(AccountEvent::tsMillis));
        for (AccountEvent e : ready) {
            apply(e, ctx, e.tsMillis());
        }
    }

    private void rejectUnknown(AccountEvent e, String detail, Context ctx) {
        ctx.output(
                Rejections.REJECTED,
                e.payment != null
                        ? new Rejected(
                                Source.PAYMENTS.topic(),
                                RejectReason.UNKNOWN_CUSTOMER,
                                detail,
                                json.payment(e.payment),
                                e.tsMillis())
                        : new Rejected(
                                Source.INSPECTIONS.topic(),
                                RejectReason.UNKNOWN_CUSTOMER,
                                detail,
                                json.inspection(e.inspection),
                                e.tsMillis()));
    }

    /**
     * A payment or inspection of a known customer, in its place among the bills; what it changes is
     * sent as of {@code appliedMillis} (its own time unless it came behind event time).
     */
    private void apply(AccountEvent e, Context ctx, long appliedMillis) throws Exception {
        noteEvent(e.tsMillis());
        AccountBook book = bookToChange();
        CustomerAccount accounts = book.accountOrNew();
        book.account = accounts;
        if (e.payment != null) {
            Payment p = e.payment;
            PaymentOutcome outcome =
                    accounts.onPayment(
                            p.paymentId(),
                            p.tsMillis(),
                            p.amountFen(),
                            model.credit(),
                            lateness,
                            calendar);
            if (outcome == PaymentOutcome.DUPLICATE) {
                ctx.output(
                        Rejections.REJECTED,
                        new Rejected(
                                Source.PAYMENTS.topic(),
                                RejectReason.DUPLICATE,
                                "payment " + p.paymentId() + " was received before",
                                json.payment(p),
                                p.tsMillis()));
                return; // nothing changed
            }
        } else {
            accounts.onInspection(e.inspection, model.credit());
            days.onInspection(e.inspection.outcome(), e.inspection.tsMillis(), book);
            DataQualityCase quality = book.quality;
            quality = quality == null ? new DataQualityCase() : quality;
            Alert alert = quality.onInspection(e.inspection, master(), settings.zone());
            if (alert != null) {
                ctx.output(ALERTS, alert);
                book.quality = quality;
            }
        }
        publish(ctx, accounts, Math.max(e.tsMillis(), appliedMillis), false);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Bill> out) throws Exception {
        begin();
        watermark(ctx); // a month billed here stays billed after a restore
        dueEvents(timestamp, ctx);
        closeDay(timestamp, ctx);
        YearMonth month = calendar.monthOf(timestamp - lateness);
        if (billsAt(month) == timestamp) {
            billMonth(month, ctx, out);
        }
        if (book() != null && book().creditCheckAt == timestamp) {
            bookToChange().creditCheckAt = AccountBook.NONE;
            if (withinInput(timestamp, ctx)) {
                publish(ctx, accountOrNew(), timestamp, false);
            }
        }
        if (book() != null && book().arrearsCheckAt == timestamp) {
            bookToChange().arrearsCheckAt = AccountBook.NONE;
            if (withinInput(timestamp, ctx)) {
                watchArrears(ctx, accountOrNew(), timestamp);
            }
        }
        end();
    }

    /**
     * The day closing at {@code timestamp}, if one does: judged and reported to its area, and told
     * to the customer's data-quality case (whose alert goes to {@link #ALERTS}).
     */
    private void closeDay(long timestamp, Context ctx) throws Exception {
        CustomerLoad current = load();
        LocalDate date = days.closingOn(timestamp);
        if (current == null || current.master == null || date == null) {
            return;
        }
        int open = current.days.length;
        DayWatch.Closed closed =
                days.onTimer(
                        date,
                        timestamp,
                        current,
                        bookToPeek(),
                        ctx.timerService(),
                        withinInput(timestamp, ctx));
        if (current.days.length != open) {
            loadChanged = true;
        }
        if (closed == null) {
            return;
        }
        bookChanged = true;
        if (closed.report() != null) {
            ctx.output(DayWatch.DAYS, closed.report());
        }
        if (closed.quality() != null) {
            ctx.output(ALERTS, closed.quality());
        }
    }

    /**
     * The book, created if there is none, but not marked changed: for a caller that marks it only
     * if it changed it.
     */
    private AccountBook bookToPeek() throws Exception {
        if (book() == null) {
            book = new AccountBook();
        }
        return book;
    }

    /**
     * Whether a time-driven change at {@code timestamp} happened within the input: at the end of a
     * replay every pending timer fires, and a credit or arrears change after the customer's last
     * event did not happen within it.
     */
    private boolean withinInput(long timestamp, Context ctx) throws Exception {
        return ctx.timerService().currentWatermark() != Long.MAX_VALUE
                || timestamp <= latestEvent();
    }

    /**
     * Looks at the customer's arrears at {@code nowMillis}: emits its ARREARS alert if it opens,
     * changes or closes, and arms the next look while a bill is overdue.
     */
    private void watchArrears(Context ctx, CustomerAccount accounts, long nowMillis)
            throws Exception {
        Customer customer = master();
        if (customer == null || !paymentsFollowed) {
            return;
        }
        ArrearsCase current = bookToPeek().arrears;
        ArrearsCase watched = current == null ? new ArrearsCase() : current;
        Alert alert =
                watched.assess(
                        customer,
                        accounts.ledger,
                        accounts.habit,
                        nowMillis,
                        settings.zone(),
                        ArrearsRisk.DEFAULTS,
                        LatePaymentPenalty.CHINA_1996);
        if (alert != null) {
            ctx.output(ALERTS, alert);
            bookToChange().arrears = watched;
        }
        long due = accounts.ledger.oldestOpenDueMillis();
        if (due == Long.MAX_VALUE || customer.prepaid()) {
            return;
        }
        LocalDate today = Instant.ofEpochMilli(nowMillis).atZone(settings.zone()).toLocalDate();
        LocalDate firstLook =
                Instant.ofEpochMilli(due)
                        .atZone(settings.zone())
                        .toLocalDate()
                        .plusDays(ArrearsRisk.DEFAULTS.minDaysPastDue());
        LocalDate next = firstLook.isAfter(today) ? firstLook : today.plusDays(1);
        long at = next.atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        if (bookToPeek().arrearsCheckAt != at) {
            // A look armed earlier and replaced fires and finds itself replaced.
            ctx.timerService().registerEventTimeTimer(at);
            bookToChange().arrearsCheckAt = at;
        }
    }

    private void billMonth(YearMonth month, OnTimerContext ctx, Collector<Bill> out)
            throws Exception {
        int key = monthKey(month);
        Customer customer = master();
        ReadingHistory history = historyOrNew();
        if (customer == null || history.hasBilled(month)) {
            return;
        }
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE
                && latestReadingEnd(history)
                        <= calendar.monthStartMillis(month.plusMonths(1))
                                - BillingCalendar.MILLIS_PER_DAY) {
            // The input ended (a replay) and this customer's readings stop before the month's
            // last day: a bill now would be for part of a month, or for one beyond the data.
            // Not billed, and no later month is armed.
            return;
        }
        PeriodLookup lookup = tariffs.lookup(customer.tariffId());
        if (lookup == null) {
            return; // no tariff to bill with: counted as UNPRICED load on the dashboards
        }
        CustomerLoad current = loadToChange();
        MonthlyUsage usage = current.month(key);
        if (usage == null) {
            usage = MonthlyUsage.of(month, calendar); // a silent month: estimated
        }
        current.removeMonth(key);
        armBill(month.plusMonths(1), ctx);
        ReadingHistory next =
                MonthSettlement.settle(
                        usage, successor(current, month), history, lookup, peakHours);
        Tariff tariff = tariffs.tariff(customer.tariffId());
        CustomerAccount accounts = accountOrNew();
        BillStatement statement;
        try {
            statement =
                    calculator.bill(
                            customer.customerId(),
                            tariff,
                            usage,
                            customer.contractKw(),
                            accounts.ledger.kwhBilledInYear(month.getYear()));
        } catch (RuntimeException e) {
            // e.g. the customer changed to a tariff without a period it used this month: a
            // billing clerk's case, not a reason to stop the job for every other customer. The
            // history is kept as it was, so the next month's register difference covers this one.
            LOG.warn("cannot bill {} for {}: {}", customer.customerId(), month, e.getMessage());
            return;
        }
        AccountBook book = bookToChange();
        book.history = next;
        if (accounts.onBill(statement, usage, model.credit(), paymentsFollowed)) {
            out.collect(statement.toBill());
            book.account = accounts;
            publish(ctx, accounts, ctx.timestamp(), true);
        }
    }

    /**
     * The month after {@code month} as far as it was read, for the bill of {@code month}, which
     * reads its first register read: of what meters that left the customer shipped of it and the
     * copy that came with the month's own shipment ({@link CustomerLoad#nextSoFar}, used here
     * once), the part read first.
     */
    private static MonthlyUsage successor(CustomerLoad load, YearMonth month) {
        int key = monthKey(month.plusMonths(1));
        MonthlyUsage shipped = load.month(key);
        MonthlyUsage copy = load.nextSoFar;
        if (copy != null && copy.yearMonth <= key) {
            load.nextSoFar = null;
        }
        if (copy == null || copy.yearMonth != key || copy.readings.isEmpty()) {
            return shipped;
        }
        if (shipped == null || shipped.readings.isEmpty()) {
            return copy;
        }
        return copy.readings.first < shipped.readings.first ? copy : shipped;
    }

    /** The end of the customer's latest reading, billed or not. */
    private long latestReadingEnd(ReadingHistory history) throws Exception {
        long latest = history.latestReadingEndMillis;
        for (MonthlyUsage usage : load().months) {
            latest = Math.max(latest, usage.latestEndMillis);
        }
        return latest;
    }

    /** What the off-peak variant of the customer's tariff would save it, from its load profile. */
    private OffpeakOffer offpeakOffer(Customer customer, long nowMillis) throws Exception {
        if (!tariffs.knows(customer.tariffId())) {
            return OffpeakOffer.NONE;
        }
        Tariff current = tariffs.tariff(customer.tariffId());
        String variant = current.offpeakVariantId().orElse(null);
        ReadingHistory history = book() == null ? null : book().history;
        if (variant == null || !tariffs.knows(variant) || history == null) {
            return OffpeakOffer.NONE;
        }
        return offpeak.assess(
                customer.customerId(),
                customer.customerClass(),
                history.profileWh,
                current,
                tariffs.tariff(variant),
                customer.hasContractKw() ? customer.contractKw() : Double.NaN,
                calendar.monthOf(nowMillis).getYear());
    }

    private ReadingHistory historyOrNew() throws Exception {
        return book() == null ? new ReadingHistory() : book().historyOrNew();
    }

    /** Sends the customer's standing, once billed, and arms the next credit check. */
    private void publish(Context ctx, CustomerAccount accounts, long nowMillis, boolean monthClose)
            throws Exception {
        Customer customer = master();
        if (customer == null || !accounts.isBilled()) {
            return;
        }
        ctx.output(
                STANDINGS,
                accounts.standing(
                        customer,
                        nowMillis,
                        monthClose,
                        model.credit(),
                        offpeakOffer(customer, nowMillis),
                        tariffs.knows(customer.tariffId())
                                ? tariffs.tariff(customer.tariffId()).charges()
                                : null,
                        settings.zone()));
        watchArrears(ctx, accounts, nowMillis);
        long next = accounts.credit.nextChangeMillis(nowMillis, model.credit(), model.strategies());
        if (next != Long.MAX_VALUE && bookToPeek().creditCheckAt != next) {
            // An earlier check left armed fires and finds itself replaced (check != timestamp);
            // not deleting it keeps a bill timer at the same instant safe.
            ctx.timerService().registerEventTimeTimer(next);
            bookToChange().creditCheckAt = next;
        }
    }

    /**
     * The customer's latest event: a payment or inspection, or the end of the latest reading of a
     * month not billed yet (kept in that month's usage, so readings cost no extra state write).
     */
    private long latestEvent() throws Exception {
        long max = book() == null ? Long.MIN_VALUE : book().latestEventMillis;
        if (load() != null) {
            for (MonthlyUsage usage : load().months) {
                max = Math.max(max, usage.latestEndMillis);
            }
        }
        return max;
    }

    /** Notes a payment's or inspection's time for {@link #latestEvent}. */
    private void noteEvent(long tsMillis) throws Exception {
        AccountBook current = bookToPeek();
        if (current.latestEventMillis == AccountBook.NONE || tsMillis > current.latestEventMillis) {
            bookToChange().latestEventMillis = tsMillis;
        }
    }

    private CustomerAccount accountOrNew() throws Exception {
        return book() == null ? new CustomerAccount() : book().accountOrNew();
    }
}
