package org.gridwatch.core.meter;

import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;

/** A reading admitted for use, with the master record of the customer its meter belongs to. */
public record MeteredReading(Customer customer, MeterReading reading) {}
