package org.gridwatch.simulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.gridwatch.core.billing.BillCalculator;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.MonthSettlement;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.ReadingHistory;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffBook;

/**
 * Monthly bills and the payments that answer them. Two bills of each month are kept apart:
 *
 * <ul>
 *   <li>the <b>true bill</b>, the truth's reference: core's {@link BillCalculator} on the energy
 *       every reading of the month really carried, delivered or not (its kWh are the true
 *       register's advance over the month), with annual tiers on the true kWh of the year. It does
 *       not depend on what reached the monitor or how the monitor estimates;
 *   <li>the <b>bill sent</b>, what the monitor job bills and so what customers pay: the readings
 *       the monitor accepts (every reading sent, a duplicate once, a missing one not at all, a late
 *       one included), settled by core's {@link MonthSettlement} as the job does, with a {@link
 *       CustomerLedger} carrying annual tiers. The job settles a month a week after its end, with
 *       the next month's first reading in hand; so does this class, at the next month's first
 *       accepted reading.
 * </ul>
 *
 * The two are equal to the fen when every reading of the month arrived. Only the opening bill, for
 * the month before the start, is an estimate: expected kWh × the class's average price ({@link
 * ClassProfile#priceCnyPerKwh()}), as there are no readings for it. Bills are issued on the 1st at
 * 00:00 for the month before and fall due 19 days later (the 20th), as in the contract's example;
 * post-paid customers pay the bill sent by persona. Pre-paid customers top up in round amounts
 * whenever their balance runs low.
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

    /** How long after the due date a customer's oldest unpaid bill is noted in the truth. */
    static final int ARREARS_DAYS = 90;

    /** {@link Payer#OCCASIONAL}: the share of bills paid late, 1 to 30 days after the due date. */
    static final double OCCASIONAL_LATE_SHARE = 1 / 3.0;

    /** {@link Payer#BOUNCER}: the share of payments that bounce. */
    static final double BOUNCE_SHARE = 0.4;

    private static final int PAY = 0;
    private static final int BOUNCES = 1;
    private static final int REVERSAL = 2;

    /**
     * A payment to send: {@code id} null for a new payment id; a reversal carries the id of the
     * payment it reverses, paid at {@code refMillis}.
     */
    private record Scheduled(
            long tsMillis,
            long seq,
            SimulatedCustomer customer,
            long amountFen,
            String id,
            int kind,
            long refMillis) {}

    /** A closed month waiting for the next month's first reading before it is billed. */
    private record Closed(MonthlyUsage accepted, BillStatement trueBill, long missingMicroKwh) {}

    private final SimulatedCustomer[] customers;
    private final BillingCalendar calendar;
    private final BillCalculator calculator;
    // Per customer, by index: what the monitor job keeps in keyed state.
    private final Tariff[] tariffs;
    private final PeriodLookup[] lookups;
    private final MonthlyUsage[] usage;
    private final ReadingHistory[] histories;
    private final Closed[] closed;
    private final CustomerLedger[] ledgers;
    // Per customer: what really happened this month, and the true kWh of the year so far.
    private final MonthlyUsage[] trueUsage;
    private final long[] missingMicroKwh;
    private final BigDecimal[] trueKwhThisYear;
    private int trueYear;
    private final long startMillis;
    private final EventJson json;
    private final TruthJson truth;
    private final PriorityQueue<Scheduled> due =
            new PriorityQueue<>(
                    Comparator.comparingLong(Scheduled::tsMillis)
                            .thenComparingLong(Scheduled::seq));
    private long scheduled;
    private long paid;
    private long ids;
    // The opening bill of each post-paid customer, which the ledgers do not hold.
    private final long[] openingFen;
    private YearMonth openingPeriod;
    private long openingDueMillis = Long.MIN_VALUE;
    private final boolean[] arrearsNoted;

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
        histories = new ReadingHistory[n];
        closed = new Closed[n];
        ledgers = new CustomerLedger[n];
        trueUsage = new MonthlyUsage[n];
        missingMicroKwh = new long[n];
        trueKwhThisYear = new BigDecimal[n];
        openingFen = new long[n];
        arrearsNoted = new boolean[n];
        YearMonth first = calendar.monthOf(startMillis);
        trueYear = first.getYear();
        for (int i = 0; i < n; i++) {
            String tariffId = customers[i].master.tariffId();
            if (!book.knows(tariffId)) {
                throw new IllegalStateException("no preset tariff " + tariffId);
            }
            tariffs[i] = book.tariff(tariffId);
            lookups[i] = book.lookup(tariffId);
            usage[i] = MonthlyUsage.of(first, calendar);
            histories[i] = new ReadingHistory();
            ledgers[i] = new CustomerLedger();
            trueUsage[i] = MonthlyUsage.of(first, calendar);
            trueKwhThisYear[i] = BigDecimal.ZERO;
        }
    }

    /**
     * Counts a reading the meter made into its customer's true month and, when the monitor accepts
     * it, into the month the monitor bills; the first reading accepted after a month closed bills
     * that month.
     *
     * @param wh the energy of the interval, as written to the reading
     * @param registerWh the register after it, as written
     * @param accepted whether it reaches the monitor (not lost on the way)
     */
    void read(
            SimulatedCustomer c,
            long endMillis,
            long wh,
            long registerWh,
            boolean accepted,
            FleetSink sink)
            throws IOException {
        int i = c.index;
        int minutes = c.intervalMinutes();
        long start = endMillis - minutes * 60_000L;
        if (!trueUsage[i].add(start, minutes, wh / 1000.0, lookups[i])) {
            throw new IllegalStateException("reading outside its month: " + endMillis);
        }
        if (!accepted) {
            missingMicroKwh[i] += wh * 1000;
            return;
        }
        usage[i].add(start, minutes, wh / 1000.0, registerWh / 1000.0, lookups[i], null);
        if (closed[i] != null) {
            billClosed(c, endMillis, sink);
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

    PeriodLookup lookup(int customer) {
        return lookups[customer];
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
            if (!c.master.prepaid()) {
                openingFen[c.index] = amountFen;
                openingPeriod = period;
                openingDueMillis = dueMillis;
            }
            pay(c, amountFen, issued, dueMillis, Long.MIN_VALUE);
        }
    }

    /**
     * Closes {@code period} for every customer: its true bill now; the bill sent once the next
     * month's first reading is accepted (see the class comment).
     */
    void closeMonth(YearMonth period, FleetSink sink) throws IOException {
        YearMonth next = period.plusMonths(1);
        if (period.getYear() != trueYear) {
            trueYear = period.getYear();
            Arrays.fill(trueKwhThisYear, BigDecimal.ZERO);
        }
        for (SimulatedCustomer c : customers) {
            int i = c.index;
            MonthlyUsage month = usage[i];
            if (!month.month().equals(period)) {
                throw new IllegalStateException(
                        "closing " + period + " but usage is of " + month.month());
            }
            if (closed[i] != null) {
                // Not one reading accepted for a whole month: the monitor billed the month
                // before without the next month's first reading.
                billClosed(c, calendar.monthStartMillis(period), sink);
            }
            BillStatement trueBill =
                    calculator.bill(
                            c.master.customerId(),
                            tariffs[i],
                            trueUsage[i],
                            c.master.contractKw(),
                            trueKwhThisYear[i]);
            trueKwhThisYear[i] = trueKwhThisYear[i].add(trueBill.totalKwh());
            closed[i] = new Closed(month, trueBill, missingMicroKwh[i]);
            usage[i] = MonthlyUsage.of(next, calendar);
            trueUsage[i] = MonthlyUsage.of(next, calendar);
            missingMicroKwh[i] = 0;
        }
    }

    /** Bills the months still waiting for a reading when the run ends. */
    void finish(long endMillis, FleetSink sink) throws IOException {
        for (SimulatedCustomer c : customers) {
            if (closed[c.index] != null) {
                billClosed(c, endMillis, sink);
            }
        }
    }

    /** Settles and bills the customer's closed month as the monitor does, at {@code nowMillis}. */
    private void billClosed(SimulatedCustomer c, long nowMillis, FleetSink sink)
            throws IOException {
        int i = c.index;
        Closed month = closed[i];
        closed[i] = null;
        histories[i] =
                MonthSettlement.settle(month.accepted(), usage[i], histories[i], lookups[i], null);
        CustomerLedger ledger = ledgers[i];
        YearMonth period = month.accepted().month();
        BillStatement sent =
                calculator.bill(
                        c.master.customerId(),
                        tariffs[i],
                        month.accepted(),
                        c.master.contractKw(),
                        ledger.kwhBilledInYear(period.getYear()));
        ledger.issue(sent);
        sink.truth(truth.bill(c, month.trueBill(), sent, month.missingMicroKwh()));
        pay(c, sent.amountFen(), sent.issuedMillis(), sent.dueMillis(), nowMillis);
    }

    /**
     * Schedules the customer's payment of a bill by persona, not before {@code notBeforeMillis} (a
     * bill sent late is not paid before it was made).
     */
    private void pay(
            SimulatedCustomer c,
            long amountFen,
            long issued,
            long dueMillis,
            long notBeforeMillis) {
        if (c.master.prepaid() || amountFen <= 0) {
            return; // pre-paid energy is paid for in advance by top-ups
        }
        SplittableRandom r = c.billing;
        switch (c.payer) {
            case PUNCTUAL -> schedule(c, Math.max(onTime(c, issued), notBeforeMillis), amountFen);
            case LATE -> {
                long ts = daytime(dueMillis + (1 + r.nextInt(40)) * DAY, r);
                schedule(c, Math.max(ts, notBeforeMillis), amountFen);
            }
            case OCCASIONAL -> {
                long ts =
                        r.nextDouble() < OCCASIONAL_LATE_SHARE
                                ? daytime(dueMillis + (1 + r.nextInt(30)) * DAY, r)
                                : onTime(c, issued);
                schedule(c, Math.max(ts, notBeforeMillis), amountFen);
            }
            case CHRONIC -> {
                long ts = daytime(dueMillis + (30 + r.nextInt(121)) * DAY, r);
                schedule(c, Math.max(ts, notBeforeMillis), amountFen);
            }
            case BOUNCER -> {
                long ts = Math.max(onTime(c, issued), notBeforeMillis);
                boolean bounces = c.payerRandom.nextDouble() < BOUNCE_SHARE;
                schedule(c, ts, amountFen, null, bounces ? BOUNCES : PAY, 0);
            }
            case NEVER, RUN_OUT -> {}
        }
    }

    /** When a punctual payer pays a bill issued at {@code issued}. */
    private static long onTime(SimulatedCustomer c, long issued) {
        SplittableRandom r = c.billing;
        if (c.channel == PaymentChannel.BANK) {
            // Bank debit runs in the night batch a few days after the bill.
            return issued + (2 + r.nextInt(5)) * DAY + HOUR + r.nextLong(4 * HOUR);
        }
        return daytime(issued + r.nextInt(DUE_DAY - 1) * DAY, r);
    }

    /** A time between 08:00 and 22:00 on the day starting at {@code dayMillis}. */
    private static long daytime(long dayMillis, SplittableRandom r) {
        return dayMillis + 8 * HOUR + r.nextLong(14 * 3600) * 1000;
    }

    private void schedule(SimulatedCustomer c, long tsMillis, long amountFen) {
        schedule(c, tsMillis, amountFen, null, PAY, 0);
    }

    private void schedule(
            SimulatedCustomer c,
            long tsMillis,
            long amountFen,
            String id,
            int kind,
            long refMillis) {
        // Payments before the simulation started are history the data does not show; they
        // paid their bill all the same.
        if (tsMillis >= startMillis) {
            due.add(new Scheduled(tsMillis, scheduled++, c, amountFen, id, kind, refMillis));
        } else if (!c.master.prepaid()) {
            ledgers[c.index].pay("history-" + scheduled++, tsMillis, amountFen);
        }
    }

    /**
     * Notes in the truth each post-paid customer whose oldest unpaid bill (the opening bill or a
     * bill sent) is {@value #ARREARS_DAYS} days or more past due at the start of {@code date}, the
     * first day it is.
     */
    void startOfDay(long dayStartMillis, LocalDate date, FleetSink sink) throws IOException {
        long limit = dayStartMillis - ARREARS_DAYS * DAY;
        for (SimulatedCustomer c : customers) {
            int i = c.index;
            if (arrearsNoted[i] || c.master.prepaid()) {
                continue;
            }
            CustomerLedger l = ledgers[i];
            long left = l.balanceFen + openingFen[i];
            long dueMillis = Long.MAX_VALUE;
            String period = null;
            for (int k = l.billCount - 1; k >= 0 && left > 0; k--) {
                if (l.billAmountFen[k] > 0) {
                    dueMillis = l.billDueMillis[k];
                    int ym = l.billYearMonths[k];
                    period = String.format("%04d-%02d", ym / 100, ym % 100);
                    left -= l.billAmountFen[k];
                }
            }
            if (left > 0 && l.forgottenDueMillis != Long.MIN_VALUE) {
                dueMillis = l.forgottenDueMillis;
                period = "earlier";
            } else if (left > 0 && openingFen[i] > 0) {
                dueMillis = openingDueMillis;
                period = openingPeriod.toString();
            }
            if (dueMillis <= limit) {
                arrearsNoted[i] = true;
                sink.truth(truth.arrears(c, period, dueMillis, date));
            }
        }
    }

    /**
     * Charges pre-paid customers for the {@code day}-th day, {@code date}, and schedules a top-up
     * for those running low; notes a {@link Payer#RUN_OUT} customer whose balance fell below zero.
     */
    void endOfDay(long nextDayMillis, int day, LocalDate date, FleetSink sink) throws IOException {
        for (SimulatedCustomer c : customers) {
            if (!c.master.prepaid()) {
                continue;
            }
            c.balanceFen -= Math.round(c.dayWh * c.profile.priceCnyPerKwh() / 10);
            long dayFen = c.typicalDayFen();
            if (c.balanceFen < 0 && !c.ranOut && c.payer == Payer.RUN_OUT) {
                c.ranOut = true;
                sink.truth(
                        truth.prepaidRunOut(
                                c, date.minusDays(day - c.stopTopUpsDay), date, c.balanceFen));
            }
            if (!c.topUpScheduled
                    && day <= c.stopTopUpsDay
                    && c.balanceFen < TOP_UP_BELOW_DAYS * dayFen) {
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
            paid++;
            String id = s.id() != null ? s.id() : String.format("P%08d", ++ids);
            Payment p =
                    new Payment(id, c.master.customerId(), s.tsMillis(), s.amountFen(), c.channel);
            sink.input(Source.PAYMENTS, c.master.customerId(), s.tsMillis(), json.payment(p));
            if (c.master.prepaid()) {
                c.balanceFen += s.amountFen();
                c.topUpScheduled = false;
            } else {
                ledgers[c.index].pay(id, s.tsMillis(), s.amountFen());
            }
            if (s.kind() == BOUNCES) {
                // The bank returns it 3 to 10 days later, in the day.
                SplittableRandom r = c.payerRandom;
                long back = daytime(s.tsMillis() + (3 + r.nextInt(8)) * DAY, r);
                schedule(c, back, -s.amountFen(), id, REVERSAL, s.tsMillis());
            } else if (s.kind() == REVERSAL) {
                sink.truth(truth.bounce(c, id, -s.amountFen(), s.refMillis(), s.tsMillis()));
                SplittableRandom r = c.payerRandom;
                long again = daytime(s.tsMillis() + (10 + r.nextInt(51)) * DAY, r);
                schedule(c, again, -s.amountFen());
            }
        }
    }
}
