package org.gridwatch.jobs.state;

import org.gridwatch.core.event.Customer;
import org.gridwatch.core.meter.CoveredQuarters;

/**
 * What the meter join reads and writes for every reading, in one state value: the customer that
 * holds the meter (null once released), the quarter hours the meter covered, and the open months
 * and days of that customer's readings on this meter, shipped to the customer's accounts when they
 * close or the meter leaves the customer. Kept by {@link MeterStateSerializer}.
 */
public final class MeterState extends OpenUsage {
    public Customer customer;
    public CoveredQuarters covered;

    public MeterState() {}

    public boolean isEmpty() {
        return customer == null && covered == null && hasNoUsage();
    }
}
