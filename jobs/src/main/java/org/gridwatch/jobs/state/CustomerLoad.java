package org.gridwatch.jobs.state;

import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.event.Customer;

/**
 * What the customer operator keeps of the customer's load, in one state value: its master record,
 * the months and days its meters' joins shipped and it has not billed or judged yet, and the copy
 * of a month's successor that came with the month for its bill ({@link #nextSoFar}). Kept by {@link
 * CustomerLoadSerializer}.
 */
public final class CustomerLoad extends OpenUsage {

    /** The customer's master record; null until it came. */
    public Customer master;

    /**
     * The following month as far as the meter join had it when it shipped a month: what the bill of
     * that month reads of its successor (its first register read, {@link
     * org.gridwatch.core.billing.MonthSettlement}). A copy, never billed; null when none came.
     */
    public MonthlyUsage nextSoFar;

    public CustomerLoad() {}

    /** Whether nothing is kept: the state can be cleared. */
    public boolean isEmpty() {
        return master == null && hasNoUsage() && nextSoFar == null;
    }
}
