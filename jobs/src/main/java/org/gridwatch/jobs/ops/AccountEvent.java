package org.gridwatch.jobs.ops;

import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.Payment;

/**
 * A payment or an inspection outcome, on their way to the customer's account: the two sparse
 * per-customer inputs share the account operator's second input. Exactly one field is set. A POJO
 * so Flink serializes it without Kryo.
 */
public final class AccountEvent {
    public Payment payment;
    public Inspection inspection;

    public AccountEvent() {}

    public static AccountEvent of(Payment payment) {
        AccountEvent e = new AccountEvent();
        e.payment = payment;
        return e;
    }

    public static AccountEvent of(Inspection inspection) {
        AccountEvent e = new AccountEvent();
        e.inspection = inspection;
        return e;
    }

    public String customerId() {
        return payment != null ? payment.customerId() : inspection.customerId();
    }

    public long tsMillis() {
        return payment != null ? payment.tsMillis() : inspection.tsMillis();
    }
}
