package org.gridwatch.simulator;

/** What the head-end did wrong with a reading (see {@link FaultRates}). */
public enum DeliveryFault {
    DUPLICATE,
    MISSING,
    LATE
}
