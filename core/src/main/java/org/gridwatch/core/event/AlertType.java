package org.gridwatch.core.event;

public enum AlertType {
    THEFT,
    ARREARS,
    AREA_LOSS,
    DATA_QUALITY
}
