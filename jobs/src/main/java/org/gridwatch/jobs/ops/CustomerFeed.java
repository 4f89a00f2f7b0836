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

    /** The admitted reading with its customer, for {@link Kind#READING}. */
    public MeteredReading metered;

    public CustomerFeed() {}

    public static CustomerFeed reading(MeteredReading m) {
        CustomerFeed f = new CustomerFeed();
        f.kind = Kind.READING;
        f.customerId = m.customer().customerId();
        f.metered = m;
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
