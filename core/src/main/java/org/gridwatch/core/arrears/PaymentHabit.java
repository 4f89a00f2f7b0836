package org.gridwatch.core.arrears;

import org.gridwatch.core.billing.BillingCalendar;

/**
 * How a customer pays once in arrears, learnt from its own account: how many times a payment
 * cleared its oldest overdue bill ({@link #overdueBillsCleared}) over how many days it had an
 * overdue bill ({@link #overdueDays}). Their ratio is the customer's own rate of clearing its
 * arrears, which {@link ArrearsRisk} turns into the chance that the oldest open bill is still
 * unpaid 90 days past due. A payment that leaves the oldest bill open (a part payment) is not
 * counted: what matters is whether that bill gets paid, and a customer paying a little of each bill
 * never does.
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

    /** Payments that cleared the oldest bill while it was overdue, faded. */
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
     * A payment (not a duplicate) arrived at {@code tsMillis}; counted if the oldest bill was
     * overdue and the payment cleared it (the oldest open due date moved on).
     */
    public void onPayment(long tsMillis, long oldestOpenDueAfter) {
        advance(tsMillis);
        if (tsMillis > oldestOpenDueMillis && oldestOpenDueAfter > oldestOpenDueMillis) {
            overdueBillsCleared++;
        }
        oldestOpenDueMillis = oldestOpenDueAfter;
    }

    /**
     * A payment was reversed (bounced): a payment that did not happen. If it reopened a bill that
     * is now overdue (the oldest open due date moved back), it takes back one clearance, if any.
     */
    public void onReversal(long tsMillis, long oldestOpenDueAfter) {
        advance(tsMillis);
        if (oldestOpenDueAfter < oldestOpenDueMillis && tsMillis > oldestOpenDueAfter) {
            overdueBillsCleared = Math.max(0, overdueBillsCleared - 1);
        }
        oldestOpenDueMillis = oldestOpenDueAfter;
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
            return; // an event behind the last: its order cannot be restored, counts stay
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
