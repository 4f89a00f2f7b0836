package org.gridwatch.core.value;

/** Why a customer lost credit points; stored by ordinal in {@link CreditRecord}. */
public enum Demerit {
    LATE_PAYMENT,
    UNPAID_BILL,
    BOUNCED_PAYMENT,
    CONFIRMED_THEFT
}
