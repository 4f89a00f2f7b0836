package org.gridwatch.jobs.ops;

import org.gridwatch.core.event.Customer;

/**
 * What the customer master says about one meter, for the meter join: the customer it now belongs
 * to, or that a customer let it go (moved to another meter, or was removed from the master). A POJO
 * so Flink serializes it without Kryo.
 */
public final class MeterAssignment {
    public String meterId;
    public String customerId;

    /** The customer's record when assigned; null when released. */
    public Customer customer;

    /** Released because the customer was removed from the master (a tombstone). */
    public boolean customerRemoved;

    public MeterAssignment() {}

    public static MeterAssignment assign(Customer customer) {
        MeterAssignment a = new MeterAssignment();
        a.meterId = customer.meterId();
        a.customerId = customer.customerId();
        a.customer = customer;
        return a;
    }

    public static MeterAssignment release(Customer formerly, boolean removed) {
        MeterAssignment a = new MeterAssignment();
        a.meterId = formerly.meterId();
        a.customerId = formerly.customerId();
        a.customerRemoved = removed;
        return a;
    }

    public boolean isAssignment() {
        return customer != null;
    }

    public String meterId() {
        return meterId;
    }
}
