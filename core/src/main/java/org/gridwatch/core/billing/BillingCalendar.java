package org.gridwatch.core.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;
import org.gridwatch.core.codec.EventTime;

/**
 * When billing months begin and end, and when a month's bill is issued and due, all in event time
 * and in the utility's local zone.
 *
 * <p>A month's bill is issued at the first instant of the next month (local) and is due {@code
 * daysToPay} days later at 00:00 local. The default of 19 days reproduces the contract's example
 * bill (January issued 2026-02-01T00:00+08:00, due 2026-02-20T00:00+08:00); it is an example of a
 * plausible payment term, not a figure from a regulation.
 *
 * @param zone the zone that decides the local calendar (China: Asia/Shanghai)
 * @param daysToPay days from issue to due date
 */
public record BillingCalendar(ZoneId zone, int daysToPay) {

    /** Days from issue to due date unless configured otherwise (see the class comment). */
    public static final int DEFAULT_DAYS_TO_PAY = 19;

    public static final long MILLIS_PER_DAY = 86_400_000L;

    /**
     * Whole days {@code nowMillis} lies after {@code dueMillis}; 0 up to the due instant. The one
     * count of "days past due" for the ledger's arrears, a late payment's demerit and the credit
     * steps, so that they agree to the day.
     */
    public static long daysPastDue(long dueMillis, long nowMillis) {
        return nowMillis <= dueMillis ? 0 : (nowMillis - dueMillis) / MILLIS_PER_DAY;
    }

    /** China Standard Time and the default payment term. */
    public static final BillingCalendar CHINA =
            new BillingCalendar(EventTime.DEFAULT_ZONE, DEFAULT_DAYS_TO_PAY);

    public BillingCalendar {
        Objects.requireNonNull(zone);
        if (daysToPay < 0) {
            throw new IllegalArgumentException("daysToPay must not be negative: " + daysToPay);
        }
    }

    /** The local month an instant falls in. */
    public YearMonth monthOf(long epochMillis) {
        return YearMonth.from(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** The first instant of {@code month}, local. */
    public long monthStartMillis(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** When the bill of {@code month} is issued: the first instant of the next month. */
    public long issuedMillis(YearMonth month) {
        return monthStartMillis(month.plusMonths(1));
    }

    /** When the bill of {@code month} is due: {@link #daysToPay} days after issue, 00:00 local. */
    public long dueMillis(YearMonth month) {
        LocalDate issued = month.plusMonths(1).atDay(1);
        return issued.plusDays(daysToPay).atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
