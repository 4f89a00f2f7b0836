package org.gridwatch.jobs.state;

import org.gridwatch.core.event.Customer;

/**
 * What the supply watch keeps of a customer besides its outages and its alert, in one state value
 * ({@link SupplyCustomerSerializer}): its master record, its segment, the area it is counted among
 * the customers served in, and the end of its latest reading. Four states kept these until session
 * 45, four state entries a customer and the latest event boxed at every reading; one entry takes 85
 * bytes a customer less on the heap, about 130 once the customer has a segment (docs/benchmarks.md,
 * session 45).
 */
public final class SupplyCustomer {
    /** No reading yet. */
    public static final long NONE = Long.MIN_VALUE;

    /** The customer's master record (the shared copy); null until one came. */
    public Customer master;

    /** The customer's segment's name; null before its first segment record. */
    public String segment;

    /** The area the customer is counted in among the customers served; null before a reading. */
    public String servedArea;

    /** The end of the customer's latest reading, epoch millis; {@link #NONE} before one. */
    public long latestEventMillis = NONE;

    public SupplyCustomer() {}

    /** Whether nothing is kept: the state can be cleared. */
    public boolean isEmpty() {
        return master == null && segment == null && servedArea == null && latestEventMillis == NONE;
    }
}
