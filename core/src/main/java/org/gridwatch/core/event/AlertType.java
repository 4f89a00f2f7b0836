package org.gridwatch.core.event;

public enum AlertType {
    THEFT,
    ARREARS,
    AREA_LOSS,
    DATA_QUALITY,
    /** A HIGH or MEDIUM customer with repeated sustained interruptions of supply. */
    SUPPLY_RELIABILITY
}
