package org.gridwatch.core.event;

public enum Severity {
    LOW,
    MEDIUM,
    HIGH
}
