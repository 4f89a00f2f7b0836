package org.gridwatch.simulator;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.gridwatch.core.billing.BillCalculator;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffBook;

/**
 * Monthly bills and the payments that answer them. A month's bill is what the monitor job bills:
 * core's {@link BillCalculator} on the preset tariffs, over the readings the monitor accepts (every
 * reading sent, a duplicate once, a missing one not at all, a late one included), with a {@link
 * CustomerLedger} per customer carrying annual tiers from month to month. Only the opening bill,
 * for the month before the start, is an estimate: expected kWh × the class's average price ({@link
 * ClassProfile#priceCnyPerKwh()}), as there are no readings for it. Bills are issued on the 1st at
 * 00:00 for the month before and fall due 19 days later (the 20th), as in the contract's example;
 * post-paid customers pay them by persona. Pre-paid customers top up in round amounts whenever
 * their balance runs low.
 */
final class Billing {
    /** Bills fall due on this day of the month they are issued in. */
    static final int DUE_DAY = 1 + BillingCalendar.DEFAULT_DAYS_TO_PAY;

    /** A pre-paid customer tops up when the balance covers fewer days than this. */
    private static final int TOP_UP_BELOW_DAYS = 7;

    /** ... by about a month of typical use, in multiples of 50 CNY. */
    private static final int TOP_UP_DAYS = 30;

    private static final long TOP_UP_STEP_FEN = 5_000;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private record Scheduled(long tsMillis, long seq, SimulatedCustomer customer, long amountFen) {}

    private final SimulatedCustomer[] customers;
    private final BillingCalendar calendar;
    private final BillCalculator calculator;
    // Per customer, by index: what the monitor job keeps in keyed state.
    private final Tariff[] tariffs;
    private final PeriodLookup[] lookups;
    private final MonthlyUsage[] usage;
    private final CustomerLedger[] ledgers;
    private final long startMillis;
    private final EventJson json;
    private final TruthJson truth;
    private final PriorityQueue<Scheduled> due =
            new PriorityQueue<>(
                    Comparator.comparingLong(Scheduled::tsMillis)
                            .thenComparingLong(Scheduled::seq));
    private long scheduled;
    private long paid;

    Billing(
            SimulatedCustomer[] customers,
            ZoneId zone,
            long startMillis,
            EventJson json,
            TruthJson truth) {
        this.customers = customers;
        this.startMillis = startMillis;
        this.json = json;
        this.truth = truth;
        calendar = new BillingCalendar(zone, BillingCalendar.DEFAULT_DAYS_TO_PAY);
        calculator = new BillCalculator(calendar);
        TariffBook book = TariffBook.presets(zone);
        int n = customers.length;
        tariffs = new Tariff[n];
        lookups = new PeriodLookup[n];
        usage = new MonthlyUsage[n];
        ledgers = new CustomerLedger[n];
        YearMonth first = calendar.monthOf(startMillis);
        for (int i = 0; i < n; i++) {
            String tariffId = customers[i].master.tariffId();
            if (!book.knows(tariffId)) {
                throw new IllegalStateException("no preset tariff " + tariffId);
            }
            tariffs[i] = book.tariff(tariffId);
            lookups[i] = book.lookup(tariffId);
            usage[i] = MonthlyUsage.of(first, calendar);
            ledgers[i] = new CustomerLedger();
        }
    }

    /**
     * Counts a reading the monitor accepts into its customer's month.
     *
     * @param kwh the energy exactly as written to the reading (parsed back it is the same double)
     */
    void accepted(SimulatedCustomer c, long endMillis, double kwh) {
        int minutes = c.intervalMinutes();
        if (!usage[c.index].add(endMillis - minutes * 60_000L, minutes, kwh, lookups[c.index])) {
            throw new IllegalStateException("reading outside its month: " + endMillis);
        }
    }

    /**
     * Whether the monitor bills {@code period} when the latest reading ends at {@code
     * lastEndMillis}: not when that is a day or more before the month ends.
     */
    boolean billable(YearMonth period, long lastEndMillis) {
        return lastEndMillis > calendar.monthStartMillis(period.plusMonths(1)) - DAY;
    }

    long payments() {
        return paid;
    }

    /**
     * The bill for the month before the simulation starts, estimated from each customer's expected
     * use: it gives the first weeks their payments, as in any utility's live data.
     */
    void openingBills(LocalDate start, FleetSink sink) throws IOException {
        YearMonth period = YearMonth.from(start).minusMonths(1);
        LocalDate mid = period.atDay(15);
        for (SimulatedCustomer c : customers) {
            long wh =
                    Math.round(
                            c.kwhPerDay * c.profile.seasonal(mid) * period.lengthOfMonth() * 1000);
            long amountFen = Math.round(wh * c.profile.priceCnyPerKwh() / 10);
            long issued = calendar.issuedMillis(period);
            long dueMillis = calendar.dueMillis(period);
            sink.truth(truth.estimatedBill(c, period, wh, amountFen, issued, dueMillis));
            pay(c, amountFen, issued, dueMillis);
        }
    }

    /**
     * Bills {@code period} as the monitor does, issued on the 1st of the next month, and starts
     * each customer's next month.
     */
    void closeMonth(YearMonth period, FleetSink sink) throws IOException {
        YearMonth next = period.plusMonths(1);
        for (SimulatedCustomer c : customers) {
            int i = c.index;
            MonthlyUsage month = usage[i];
            if (!month.month().equals(period)) {
                throw new IllegalStateException(
                        "closing " + period + " but usage is of " + month.month());
            }
            CustomerLedger ledger = ledgers[i];
            BillStatement statement =
                    calculator.bill(
                            c.master.customerId(),
                            tariffs[i],
                            month,
                            c.master.contractKw(),
                            ledger.kwhBilledInYear(period.getYear()));
            ledger.issue(statement);
            sink.truth(truth.bill(c, statement, month.totalMicroKwh()));
            pay(c, statement.amountFen(), statement.issuedMillis(), statement.dueMillis());
            usage[i] = MonthlyUsage.of(next, calendar);
        }
    }

    private void pay(SimulatedCustomer c, long amountFen, long issued, long dueMillis) {
        if (c.master.prepaid() || amountFen <= 0) {
            return; // pre-paid energy is paid for in advance by top-ups
        }
        SplittableRandom r = c.billing;
        switch (c.payer) {
            case PUNCTUAL -> {
                long ts;
                if (c.channel == PaymentChannel.BANK) {
                    // Bank debit runs in the night batch a few days after the bill.
                    ts = issued + (2 + r.nextInt(5)) * DAY + HOUR + r.nextLong(4 * HOUR);
                } else {
                    ts = daytime(issued + r.nextInt(DUE_DAY - 1) * DAY, r);
                }
                schedule(c, ts, amountFen);
            }
            case LATE -> schedule(c, daytime(dueMillis + (1 + r.nextInt(40)) * DAY, r), amountFen);
            case NEVER -> {}
        }
    }

    /** A time between 08:00 and 22:00 on the day starting at {@code dayMillis}. */
    private static long daytime(long dayMillis, SplittableRandom r) {
        return dayMillis + 8 * HOUR + r.nextLong(14 * 3600) * 1000;
    }

    private void schedule(SimulatedCustomer c, long tsMillis, long amountFen) {
        // Payments before the simulation started are history the data does not show.
        if (tsMillis >= startMillis) {
            due.add(new Scheduled(tsMillis, scheduled++, c, amountFen));
        }
    }

    /** Charges pre-paid customers for the day and schedules a top-up for those running low. */
    void endOfDay(long nextDayMillis) {
        for (SimulatedCustomer c : customers) {
            if (!c.master.prepaid()) {
                continue;
            }
            c.balanceFen -= Math.round(c.dayWh * c.profile.priceCnyPerKwh() / 10);
            long dayFen = c.typicalDayFen();
            if (!c.topUpScheduled && c.balanceFen < TOP_UP_BELOW_DAYS * dayFen) {
                long steps =
                        Math.max(1, (TOP_UP_DAYS * dayFen + TOP_UP_STEP_FEN - 1) / TOP_UP_STEP_FEN);
                c.topUpScheduled = true;
                schedule(c, daytime(nextDayMillis, c.billing), steps * TOP_UP_STEP_FEN);
            }
        }
    }

    /** Sends every payment made up to and including {@code untilMillis}. */
    void sendDue(long untilMillis, FleetSink sink) throws IOException {
        while (!due.isEmpty() && due.peek().tsMillis() <= untilMillis) {
            Scheduled s = due.poll();
            SimulatedCustomer c = s.customer();
            String id = String.format("P%08d", ++paid);
            Payment p =
                    new Payment(id, c.master.customerId(), s.tsMillis(), s.amountFen(), c.channel);
            sink.input(Source.PAYMENTS, c.master.customerId(), s.tsMillis(), json.payment(p));
            if (c.master.prepaid()) {
                c.balanceFen += s.amountFen();
                c.topUpScheduled = false;
            }
        }
    }
}
