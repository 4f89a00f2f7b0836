package org.gridwatch.simulator;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.gridwatch.core.event.Source;

/**
 * Monthly bills and the payments that answer them. Until the tariff engine exists a bill is
 * estimated as the month's metered kWh × the class's average price ({@link
 * ClassProfile#priceCnyPerKwh()}). Bills are issued on the 1st at 00:00 for the month before and
 * fall due on the 20th, as in the contract's example; post-paid customers pay them by persona.
 * Pre-paid customers top up in round amounts whenever their balance runs low.
 */
final class Billing {
    /** Bills fall due on this day of the month they are issued in. */
    static final int DUE_DAY = 20;

    /** A pre-paid customer tops up when the balance covers fewer days than this. */
    private static final int TOP_UP_BELOW_DAYS = 7;

    /** ... by about a month of typical use, in multiples of 50 CNY. */
    private static final int TOP_UP_DAYS = 30;

    private static final long TOP_UP_STEP_FEN = 5_000;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private record Scheduled(long tsMillis, long seq, SimulatedCustomer customer, long amountFen) {}

    private final SimulatedCustomer[] customers;
    private final ZoneId zone;
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
        this.zone = zone;
        this.startMillis = startMillis;
        this.json = json;
        this.truth = truth;
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
            double kwh = c.kwhPerDay * c.profile.seasonal(mid) * period.lengthOfMonth();
            bill(c, period, Math.round(kwh * 1000), true, sink);
        }
    }

    /** Issues the bills of {@code period} on the 1st of the next month. */
    void closeMonth(YearMonth period, FleetSink sink) throws IOException {
        for (SimulatedCustomer c : customers) {
            bill(c, period, c.monthWh, false, sink);
            c.monthWh = 0;
        }
    }

    private void bill(
            SimulatedCustomer c, YearMonth period, long wh, boolean opening, FleetSink sink)
            throws IOException {
        long amountFen = Math.round(wh * c.profile.priceCnyPerKwh() / 10);
        YearMonth issue = period.plusMonths(1);
        long issued = millis(issue.atDay(1));
        long dueMillis = millis(issue.atDay(DUE_DAY));
        sink.truth(truth.bill(c, period, wh, amountFen, issued, dueMillis, opening));
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

    private long millis(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
