package org.gridwatch.core.billing;

/** What a payment did to a {@link CustomerLedger}. */
public enum PaymentOutcome {
    /** A payment (amount ≥ 0) lowered the balance. */
    APPLIED,
    /** The same payment was seen before; nothing changed. */
    DUPLICATE,
    /** A negative amount, a bounced or reversed payment: the amount was added back. */
    REVERSAL
}
