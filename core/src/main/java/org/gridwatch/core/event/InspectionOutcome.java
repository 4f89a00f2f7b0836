package org.gridwatch.core.event;

public enum InspectionOutcome {
    CONFIRMED_THEFT,
    NO_FINDING,
    METER_FAULT
}
