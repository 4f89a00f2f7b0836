package org.gridwatch.core.arrears;

import org.gridwatch.core.billing.BillingCalendar;

/**
 * How a customer pays once in arrears, learnt from its own account: how much of its overdue debt it
 * paid while in arrears, counted in whole debts ({@link #overdueBillsCleared}: a payment of all
 * that was overdue counts 1, of a fifth 0.2, of more than was overdue still 1), over how many days
 * it had an overdue bill ({@link #overdueDays}). Their ratio is the customer's own rate of clearing
 * its arrears, which {@link ArrearsRisk} turns into the chance that the oldest open bill is still
 * unpaid 90 days past due. So a customer who pays a little of each bill earns a little, and one who
 * pays off its debt, in one payment or in a few, earns a whole clearance.
 *
 * <p>The account tells the habit every change to its oldest open due date (a bill issued, a
 * payment, a reversal) with the date after the change. Between changes the oldest open bill is
 * overdue from its due date on, so the overdue days are exact without a timer. Both counts fade
 * with a half-life of {@value #HALF_LIFE_DAYS} days: at each change what was counted before fades
 * by the time since the previous change, and what happened in between is added unfaded (a close
 * approximation at monthly steps). A payer who mended its ways a year ago is not judged by then.
 *
 * <p>Flink state, one per customer inside the account: public no-arg constructor, public fields.
 */
public final class PaymentHabit {

    /** Half-life of what the habit remembers, days. */
    public static final double HALF_LIFE_DAYS = 365;

    private static final double DAY = BillingCalendar.MILLIS_PER_DAY;

    /** Overdue debts paid while in arrears, in whole debts (see the class comment), faded. */
    public double overdueBillsCleared;

    /** Days with an overdue bill up to {@link #observedToMillis}, faded. */
    public double overdueDays;

    /** The instant up to which {@link #overdueDays} is counted; MIN_VALUE before any change. */
    public long observedToMillis = Long.MIN_VALUE;

    /** The oldest open due date since the last change; MAX_VALUE when nothing is open. */
    public long oldestOpenDueMillis = Long.MAX_VALUE;

    public PaymentHabit() {}

    /** A bill was issued, or anything else changed the open bills without a payment. */
    public void onChange(long tsMillis, long oldestOpenDueAfter) {
        advance(tsMillis);
        oldestOpenDueMillis = oldestOpenDueAfter;
    }

    /**
     * A payment (not a duplicate) of {@code paidFen} arrived at {@code tsMillis}, when {@code
     * overdueBeforeFen} was overdue: the share of that debt it paid, at most 1, counts.
     */
    public void onPayment(
            long tsMillis, long paidFen, long overdueBeforeFen, long oldestOpenDueAfter) {
        advance(tsMillis);
        overdueBillsCleared += share(paidFen, overdueBeforeFen);
        restate(tsMillis, oldestOpenDueAfter);
    }

    /**
     * A payment of {@code reversedFen} was reversed (bounced): a payment that did not happen. The
     * share of the debt it reopened that is overdue now ({@code overdueAfterFen}) is taken back, as
     * counted when it was paid.
     */
    public void onReversal(
            long tsMillis, long reversedFen, long overdueAfterFen, long oldestOpenDueAfter) {
        advance(tsMillis);
        overdueBillsCleared =
                Math.max(0, overdueBillsCleared - share(reversedFen, overdueAfterFen));
        restate(tsMillis, oldestOpenDueAfter);
    }

    /**
     * The oldest open due date is {@code oldestOpenDueAfter} from {@code tsMillis} on. A payment or
     * reversal received after later changes were counted (a payments feed that lags) changes the
     * days already counted since its time too: those days are counted again with the due date it
     * leaves, as if it had come in time (unfaded: the days are recent against the half-life).
     */
    private void restate(long tsMillis, long oldestOpenDueAfter) {
        boolean behind = observedToMillis != Long.MIN_VALUE && tsMillis < observedToMillis;
        double counted = behind ? overdueBetween(tsMillis, observedToMillis) : 0;
        oldestOpenDueMillis = oldestOpenDueAfter;
        if (behind) {
            overdueDays =
                    Math.max(0, overdueDays - counted + overdueBetween(tsMillis, observedToMillis));
        }
    }

    private static double share(long paidFen, long overdueFen) {
        return overdueFen <= 0 ? 0 : Math.min(1.0, (double) paidFen / overdueFen);
    }

    /** Days with an overdue bill, faded, counted up to {@code nowMillis}. */
    public double overdueDaysAt(long nowMillis) {
        if (observedToMillis == Long.MIN_VALUE || nowMillis <= observedToMillis) {
            return overdueDays;
        }
        return overdueDays + overdueBetween(observedToMillis, nowMillis);
    }

    private void advance(long tsMillis) {
        if (observedToMillis == Long.MIN_VALUE) {
            observedToMillis = tsMillis;
            return;
        }
        if (tsMillis <= observedToMillis) {
            return; // an event behind the last: a payment restates what it changes (restate)
        }
        double fade = Math.pow(0.5, (tsMillis - observedToMillis) / DAY / HALF_LIFE_DAYS);
        overdueDays = overdueDays * fade + overdueBetween(observedToMillis, tsMillis);
        overdueBillsCleared *= fade;
        observedToMillis = tsMillis;
    }

    /** Days in [from, to) on which the oldest open bill was past its due date. */
    private double overdueBetween(long fromMillis, long toMillis) {
        long start = Math.max(fromMillis, oldestOpenDueMillis);
        return start >= toMillis ? 0 : (toMillis - start) / DAY;
    }
}
