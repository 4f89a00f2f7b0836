package org.gridwatch.simulator;

/** How a customer pays its monthly bill: the persona the credit model should discover. */
public enum Payer {
    /** Pays every bill before its due date. */
    PUNCTUAL,
    /** Pays every bill in full, but 1 to 40 days after its due date. */
    LATE,
    /** Never pays: a chronic arrears case. */
    NEVER,
    /** Pays most bills on time, about one in three 1 to 30 days after its due date. */
    OCCASIONAL,
    /**
     * Pays every bill in full, but 30 to 150 days after its due date: chronic arrears that do get
     * paid, often after the oldest bill is 90 days past due.
     */
    CHRONIC,
    /**
     * Pays on time by bank or app, but about two payments in five bounce: the bank reverses the
     * whole amount 3 to 10 days later (a negative payment with the same paymentId), and the
     * customer pays again 10 to 60 days after the reversal.
     */
    BOUNCER,
    /**
     * Pre-paid: tops up as usual until a day of the run, then stops and lets the balance run out.
     */
    RUN_OUT
}
