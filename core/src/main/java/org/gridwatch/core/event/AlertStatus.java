package org.gridwatch.core.event;

/** Where an alert stands: raised, raised again with new evidence (same id), or closed. */
public enum AlertStatus {
    OPEN,
    UPDATED,
    CLOSED
}
