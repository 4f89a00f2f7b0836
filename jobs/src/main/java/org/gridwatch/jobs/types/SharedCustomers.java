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
            RECORDS.put(c, new WeakReference<>(c));
            return c;
        }
    }
}
