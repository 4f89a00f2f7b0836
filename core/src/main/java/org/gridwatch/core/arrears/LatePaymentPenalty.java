package org.gridwatch.core.arrears;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.OpenBill;
import org.gridwatch.core.event.CustomerClass;

/**
 * The late-payment penalty (电费违约金) of the supply rules, accrued daily on the overdue amount.
 *
 * <p>《供电营业规则》 (1996, Article 98): a customer who has not paid in full by the due date owes a
 * penalty from the day it is overdue until the day it pays; each day, residential customers owe 1‰
 * of the amount in arrears; other customers 2‰ of the arrears of the current year and 3‰ of arrears
 * carried across a year end; the daily amounts add up, and a total under 1 CNY is charged as 1 CNY.
 * The rules were revised by NDRC Order No. 14 (2024, in force 2024-06-01); the rates here are those
 * of the 1996 text, which the utilities' published notices still quote. The revised article could
 * not be read where this was written: the rates are therefore parameters ({@link #CHINA_1996}), and
 * a utility whose rules differ sets its own.
 *
 * <p>What is computed: for each open bill, its remaining amount × the daily rate × the whole days
 * it is past due ({@link BillingCalendar#daysPastDue}), for non-residential customers split at each
 * 1 January after its due date (days in the due date's year at the current-year rate, later days at
 * the cross-year rate). The remaining amount is today's: a bill paid in part carried more before,
 * so after a part payment this is a lower bound of what the rules allow. It is rounded to the fen
 * once, half up, at the end.
 *
 * @param residentialPerMille daily rate for residential customers, ‰
 * @param currentYearPerMille daily rate for other customers on arrears of the due date's year, ‰
 * @param crossYearPerMille daily rate for other customers on arrears past a year end, ‰
 * @param minimumFen the least penalty charged once any accrues
 */
public record LatePaymentPenalty(
        int residentialPerMille, int currentYearPerMille, int crossYearPerMille, long minimumFen)
        implements Serializable {

    /** 1‰, 2‰, 3‰ and at least 1 CNY (《供电营业规则》 1996, Article 98). */
    public static final LatePaymentPenalty CHINA_1996 = new LatePaymentPenalty(1, 2, 3, 100);

    private static final long MILLIS_PER_DAY = BillingCalendar.MILLIS_PER_DAY;

    public LatePaymentPenalty {
        if (residentialPerMille < 0
                || currentYearPerMille < 0
                || crossYearPerMille < 0
                || minimumFen < 0) {
            throw new IllegalArgumentException("penalty rates and minimum must not be negative");
        }
    }

    /** The penalty accrued on {@code open} by {@code nowMillis}, in fen. */
    public long accruedFen(
            List<OpenBill> open, CustomerClass customerClass, long nowMillis, ZoneId zone) {
        long milliFen = 0; // fen × ‰: divided by 1000 once at the end
        for (OpenBill bill : open) {
            if (bill.dueMillis() == Long.MAX_VALUE || bill.remainingFen() <= 0) {
                continue;
            }
            long days = BillingCalendar.daysPastDue(bill.dueMillis(), nowMillis);
            if (days == 0) {
                continue;
            }
            if (customerClass == CustomerClass.RESIDENTIAL) {
                milliFen += bill.remainingFen() * residentialPerMille * days;
            } else {
                long inDueYear = Math.min(days, daysLeftInYear(bill.dueMillis(), zone));
                milliFen +=
                        bill.remainingFen()
                                * (currentYearPerMille * inDueYear
                                        + crossYearPerMille * (days - inDueYear));
            }
        }
        long fen = (milliFen + 500) / 1000;
        return milliFen > 0 ? Math.max(fen, minimumFen) : 0;
    }

    /**
     * Whole days from the due instant to the next 1 January 00:00, local: the overdue days that
     * still fall in the due date's year.
     */
    private static long daysLeftInYear(long dueMillis, ZoneId zone) {
        LocalDate due = Instant.ofEpochMilli(dueMillis).atZone(zone).toLocalDate();
        long newYear =
                LocalDate.of(due.getYear() + 1, 1, 1).atStartOfDay(zone).toInstant().toEpochMilli();
        return (newYear - dueMillis) / MILLIS_PER_DAY;
    }
}
