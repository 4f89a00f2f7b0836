package org.gridwatch.jobs.ops;

import org.gridwatch.core.event.Customer;
import org.gridwatch.core.meter.MeteredReading;

/**
 * What the meter join passes on to the customer's account, in the order it happened: an admitted
 * reading with its customer, the customer's new master record, or its removal. One stream, so a
 * removal can never overtake the readings admitted before it. A POJO for Flink.
 */
public final class CustomerFeed {

    public enum Kind {
        READING,
        MASTER,
        REMOVAL
    }

    public Kind kind;
    public String customerId;

    /** The customer's new record, for {@link Kind#MASTER}. */
    public Customer customer;

    /**
     * The admitted reading with its customer, for {@link Kind#READING}; the customer is null in the
     * account's feed ({@link #withoutCustomerRecord}).
     */
    public MeteredReading metered;

    /**
     * For {@link Kind#READING}: the event time the meter join had passed when it admitted the
     * reading (its watermark), {@link Long#MIN_VALUE} before any. What the account does with a late
     * reading is judged against this, not against its own watermark: the join's is the same in
     * every run over the same input, while the account's, the least of several inputs' watermarks,
     * depends on which input it heard from last. The account's own is never ahead of it.
     */
    public long eventTimeAtJoin = Long.MIN_VALUE;

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

    /**
     * This feed as the customer's account takes it: a reading without its customer record, which
     * the account holds already (the record's {@link Kind#MASTER} feed came before the meter's
     * first reading, on the same path), so that the record's strings do not cross the network with
     * every reading. Other kinds as they are.
     */
    public CustomerFeed withoutCustomerRecord() {
        if (kind != Kind.READING || metered.customer() == null) {
            return this;
        }
        CustomerFeed f = new CustomerFeed();
        f.kind = Kind.READING;
        f.customerId = customerId;
        f.metered = new MeteredReading(null, metered.reading());
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

    public boolean isReading() {
        return kind == Kind.READING;
    }

    public String customerId() {
        return customerId;
    }

    public MeteredReading metered() {
        return metered;
    }
}
