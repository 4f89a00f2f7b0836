package org.gridwatch.simulator;

/**
 * What the head-end did wrong with a reading (see {@link FaultRates}). The meter faults come first,
 * then those of area readings; the truth counts each kind in records sent, so that the re-sent ones
 * are exactly what the monitor must reject.
 */
public enum DeliveryFault {
    DUPLICATE,
    MISSING,
    LATE,
    /** The energy of a meter reading sent again in other intervals; rejected OVERLAP. */
    OVERLAPPING,
    /** An area reading sent twice; rejected DUPLICATE. */
    AREA_DUPLICATE,
    /** An area's hour sent again as one hourly reading; rejected OVERLAP. */
    AREA_OVERLAPPING
}
