package org.gridwatch.jobs.ops;

import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.meter.MeteredReading;

/**
 * What the meter join passes on, in the order it happened: an admitted reading with its customer
 * (for the load and the supply watch, in the join's task), the customer's new master record, a day
 * or a billing month of the customer's readings on the meter ({@link MeterUsage}), or the
 * customer's removal. The customer's accounts take all but the readings ({@link #forAccounts}). One
 * stream, so a removal can never overtake the days and months shipped before it. A POJO for Flink.
 */
public final class CustomerFeed {

    public enum Kind {
        READING,
        MASTER,
        REMOVAL,
        DAY,
        MONTH
    }

    public Kind kind;
    public String customerId;

    /** The customer's new record, for {@link Kind#MASTER}. */
    public Customer customer;

    /** The admitted reading with its customer, for {@link Kind#READING}. */
    public MeteredReading metered;

    /**
     * For {@link Kind#READING}: the event time the meter join had passed when it admitted the
     * reading (its watermark), {@link Long#MIN_VALUE} before any: the instant a late reading was
     * judged at, the same in every run over the same input (the load's first phase rejects a
     * reading whose quarter hour had closed by then).
     */
    public long eventTimeAtJoin = Long.MIN_VALUE;

    /** For {@link Kind#DAY}: a day of the customer's readings on the meter, closed there. */
    public DayLoad day;

    /**
     * For {@link Kind#MONTH}: a billing month of the customer's readings on the meter, at its
     * billing instant or when the meter left the customer.
     */
    public MonthlyUsage month;

    /**
     * For {@link Kind#MONTH} at its billing instant: a copy of the following month as far as the
     * meter had it, for the bill's reading of its successor; null if none.
     */
    public MonthlyUsage nextSoFar;

    public CustomerFeed() {}

    public static CustomerFeed reading(MeteredReading m) {
        return reading(m, Long.MIN_VALUE);
    }

    /** An admitted reading, with the event time the join had passed ({@link #eventTimeAtJoin}). */
    public static CustomerFeed reading(MeteredReading m, long eventTimeAtJoin) {
        CustomerFeed f = new CustomerFeed();
        f.kind = Kind.READING;
        f.customerId = m.customer().customerId();
        f.metered = m;
        f.eventTimeAtJoin = eventTimeAtJoin;
        return f;
    }

    public static CustomerFeed master(Customer customer) {
        CustomerFeed f = new CustomerFeed();
        f.kind = Kind.MASTER;
        f.customerId = customer.customerId();
        f.customer = customer;
        return f;
    }

    public static CustomerFeed removal(String customerId) {
        CustomerFeed f = new CustomerFeed();
        f.kind = Kind.REMOVAL;
        f.customerId = customerId;
        return f;
    }

    /** A day of the customer's readings on one meter, for its accounts. */
    public static CustomerFeed day(String customerId, DayLoad day) {
        CustomerFeed f = new CustomerFeed();
        f.kind = Kind.DAY;
        f.customerId = customerId;
        f.day = day;
        return f;
    }

    /** A month of the customer's readings on one meter, with its successor so far or null. */
    public static CustomerFeed month(String customerId, MonthlyUsage month, MonthlyUsage next) {
        CustomerFeed f = new CustomerFeed();
        f.kind = Kind.MONTH;
        f.customerId = customerId;
        f.month = month;
        f.nextSoFar = next;
        return f;
    }

    public boolean isReading() {
        return kind == Kind.READING;
    }

    /**
     * Whether the customer's accounts take this: all but readings, which stay in the join's task.
     */
    public boolean forAccounts() {
        return kind != Kind.READING;
    }

    /** Whether this is a day or month for the accounts only (the supply watch passes them by). */
    public boolean isUsage() {
        return kind == Kind.DAY || kind == Kind.MONTH;
    }

    public String customerId() {
        return customerId;
    }

    public MeteredReading metered() {
        return metered;
    }
}
