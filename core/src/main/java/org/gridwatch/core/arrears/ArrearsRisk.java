package org.gridwatch.core.arrears;

import java.io.Serializable;
import org.gridwatch.core.billing.BillingCalendar;

/**
 * The chance that a customer's oldest open bill is still unpaid when it is {@link #horizonDays}
 * past due, from how the customer itself pays when in arrears ({@link PaymentHabit}).
 *
 * <p>The model: while in arrears, a customer pays at a rate λ a day of its own, unknown. Before
 * anything is seen of the customer, λ follows a Gamma prior worth {@link #priorPayments} payments
 * in {@link #priorDays} days in arrears (one payment in 20 days: a late bill is usually paid within
 * weeks). The customer's own record, k payments in E days with an overdue bill, updates it to
 * Gamma(a + k, b + E). The chance of no payment in the H days left before the horizon is then the
 * Gamma–Poisson predictive of zero events:
 *
 * <pre>
 *   P(unpaid at the horizon) = ((b + E) / (b + E + H)) ^ (a + k),   H = horizon − days past due
 * </pre>
 *
 * <p>So the longer a customer has gone without paying, the likelier it goes on not paying (E grows,
 * k does not); a customer who pays through its arrears now and then keeps a high rate and a low
 * chance; a customer who always paid on time and is suddenly a month late has broken its pattern
 * and is judged by the prior and the month. Any payment counts as paying, though one too small to
 * clear the oldest bill leaves it open: the chance is slightly low for customers who pay in small
 * parts.
 *
 * @param priorPayments a: the prior's payments (its weight)
 * @param priorDays b: the prior's days in arrears; a/b is the prior's rate of paying a day
 * @param horizonDays the days past due the chance is about (90: the third step of the arrears
 *     escalation and the automatic credit grade C)
 * @param minDaysPastDue an alert needs the oldest bill at least this late (30: a bill still unpaid
 *     when the next one falls due, the warning step)
 * @param raise the chance at which an ARREARS alert opens
 */
public record ArrearsRisk(
        double priorPayments, double priorDays, int horizonDays, int minDaysPastDue, double raise)
        implements Serializable {

    public static final ArrearsRisk DEFAULTS = new ArrearsRisk(1, 20, 90, 30, 0.5);

    public ArrearsRisk {
        if (!(priorPayments > 0 && priorDays > 0)) {
            throw new IllegalArgumentException("the prior needs payments > 0 and days > 0");
        }
        if (!(0 <= minDaysPastDue && minDaysPastDue < horizonDays)) {
            throw new IllegalArgumentException("need 0 <= minDaysPastDue < horizonDays");
        }
        if (!(raise > 0 && raise < 1)) {
            throw new IllegalArgumentException("raise must be in (0, 1): " + raise);
        }
    }

    /**
     * The chance that the bill due at {@code oldestOpenDueMillis} is still unpaid at the horizon,
     * seen at {@code nowMillis}: 0 when nothing is overdue, 1 once it is there.
     */
    public double unpaidAtHorizon(PaymentHabit habit, long oldestOpenDueMillis, long nowMillis) {
        long daysPastDue = BillingCalendar.daysPastDue(oldestOpenDueMillis, nowMillis);
        if (daysPastDue == 0) {
            return 0;
        }
        if (daysPastDue >= horizonDays) {
            return 1;
        }
        double b = priorDays + habit.overdueDaysAt(nowMillis);
        double a = priorPayments + habit.overdueBillsCleared;
        double left = horizonDays - daysPastDue;
        return Math.pow(b / (b + left), a);
    }

    /** Whether an alert opens: late enough and likely enough. */
    public boolean raises(long daysPastDue, double chance) {
        return daysPastDue >= minDaysPastDue && chance >= raise;
    }
}
