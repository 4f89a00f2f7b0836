package org.gridwatch.core.event;

/** The paper's four customer segments. */
public enum Segment {
    HIGH,
    MEDIUM,
    LOW_RISKY,
    LOW_BASIC
}
