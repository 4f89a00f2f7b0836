package org.gridwatch.simulator;

/** How a customer pays its monthly bill: the persona the credit model should discover. */
public enum Payer {
    /** Pays every bill before its due date. */
    PUNCTUAL,
    /** Pays every bill in full, but 1 to 40 days after its due date. */
    LATE,
    /** Never pays: a chronic arrears case. */
    NEVER
}
