package org.gridwatch.jobs.types;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import org.gridwatch.core.event.Customer;

/**
 * One copy on the heap of each customer's master record, for every operator of a task manager that
 * keeps it: the master table, the meter join, the accounts and the supply watch each received their
 * own copy (over the network, or read back from a checkpoint), four records and eight id strings a
 * customer where one of each does. A record is immutable, so sharing it changes nothing an operator
 * sees; an operator stores what {@link #shared} returns, and nothing else changes.
 *
 * <p>Its ids are the shared copies ({@link SharedIds}), the ones the operators' keys hold.
 *
 * <p>Held weakly: a record no operator keeps any more is collected. Called when a record is stored
 * (a change of the master, a restore), not per reading.
 */
public final class SharedCustomers {
    private static final Map<Customer, WeakReference<Customer>> RECORDS = new WeakHashMap<>();

    private SharedCustomers() {}

    /** The copy already kept of a record equal to {@code c}, or {@code c}, kept from now on. */
    public static Customer shared(Customer c) {
        if (c == null) {
            return null;
        }
        synchronized (RECORDS) {
            WeakReference<Customer> kept = RECORDS.get(c);
            Customer same = kept == null ? null : kept.get();
            if (same != null) {
                return same;
            }
            Customer stored = withSharedIds(c);
            RECORDS.put(stored, new WeakReference<>(stored));
            return stored;
        }
    }

    /** The record with its ids the copies {@link SharedIds} keeps, which the keys are too. */
    private static Customer withSharedIds(Customer c) {
        String customerId = SharedIds.shared(c.customerId());
        String meterId = SharedIds.shared(c.meterId());
        String areaId = SharedIds.shared(c.areaId());
        String tariffId = SharedIds.shared(c.tariffId());
        if (customerId == c.customerId()
                && meterId == c.meterId()
                && areaId == c.areaId()
                && tariffId == c.tariffId()) {
            return c;
        }
        return new Customer(
                customerId,
                meterId,
                c.customerClass(),
                areaId,
                tariffId,
                c.prepaid(),
                c.contractKw(),
                c.sinceEpochDay());
    }
}
