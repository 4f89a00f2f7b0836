package org.gridwatch.core.billing;

import java.io.Serializable;
import java.time.YearMonth;
import java.time.ZoneId;
import org.gridwatch.core.metric.Bucket;

/**
 * When each month's bills go out in event time, and so when the fleet is valued: a month is billed
 * once event time has passed its end by the allowed lateness ({@code CustomerAccounts}), every
 * customer's bill at the same instant, and the fleet's valuation takes the month's standings at the
 * end of that instant's quarter hour.
 *
 * @param latenessMillis the allowed lateness of readings, which a bill waits for
 */
public record BillingSchedule(ZoneId zone, long latenessMillis) implements Serializable {

    private BillingCalendar calendar() {
        return new BillingCalendar(zone, BillingCalendar.DEFAULT_DAYS_TO_PAY);
    }

    /** When the bills of {@code month} are issued in event time: its end plus the lateness. */
    public long billsAt(YearMonth month) {
        return calendar().issuedMillis(month) - 1 + latenessMillis;
    }

    /** When the fleet is valued for {@code month}: the end of the quarter hour of its bills. */
    public long valuedAt(YearMonth month) {
        return Bucket.startOf(billsAt(month)) + Bucket.MILLIS;
    }

    /** The first valuation after {@code millis}. */
    public long nextValuationAfter(long millis) {
        YearMonth month = calendar().monthOf(millis - latenessMillis).minusMonths(1);
        while (valuedAt(month) <= millis) {
            month = month.plusMonths(1);
        }
        return valuedAt(month);
    }
}
