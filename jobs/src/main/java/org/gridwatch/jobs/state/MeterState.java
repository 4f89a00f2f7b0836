package org.gridwatch.jobs.state;

import org.gridwatch.core.event.Customer;
import org.gridwatch.core.meter.CoveredQuarters;

/**
 * What the meter join reads and writes for every reading, in one state value: the customer that
 * holds the meter (null once released) and the quarter hours the meter covered. Kept by {@link
 * MeterStateSerializer}.
 */
public final class MeterState {
    public Customer customer;
    public CoveredQuarters covered;

    public MeterState() {}

    public boolean isEmpty() {
        return customer == null && covered == null;
    }
}
