package org.gridwatch.core.event;

public enum PaymentChannel {
    COUNTER,
    APP,
    BANK,
    PREPAID,
    OTHER
}
