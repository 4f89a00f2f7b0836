package org.gridwatch.core.billing;

/**
 * A bill not yet fully paid.
 *
 * @param period {@code yyyy-MM}, or {@link #EARLIER} for arrears older than the ledger remembers
 * @param dueMillis when it was due; {@link Long#MAX_VALUE} for money owed that no bill made due
 * @param remainingFen what is left to pay of it
 */
public record OpenBill(String period, long dueMillis, long remainingFen) {

    /** The period of arrears older than the bills a ledger keeps. */
    public static final String EARLIER = "earlier";
}
