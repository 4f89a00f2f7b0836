package org.gridwatch.core.meter;

import org.gridwatch.core.codec.ValidationLimits;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;

/**
 * The checks on a reading that need the meter's customer and history: plausible for the
 * connection's contract capacity, then the {@link FirstDelivery} of its quarter hours (not a
 * duplicate, not overlapping another interval, not older than the horizon).
 */
public final class MeterAdmission {

    private final ValidationLimits limits;

    public MeterAdmission(ValidationLimits limits) {
        this.limits = limits;
    }

    /**
     * Checks a reading and, when it is admitted, records its quarter hours in {@code covered}.
     *
     * @return null when the reading is admitted, else the refusal
     */
    public Refusal check(MeterReading reading, Customer customer, CoveredQuarters covered) {
        if (customer.hasContractKw()) {
            double hours = reading.intervalMinutes() / 60.0;
            double max = customer.contractKw() * hours * limits.contractOverloadFactor();
            if (reading.kwh() > max) {
                return new Refusal(
                        RejectReason.IMPLAUSIBLE_KWH,
                        "kwh="
                                + reading.kwh()
                                + " in "
                                + reading.intervalMinutes()
                                + " min is more than "
                                + limits.contractOverloadFactor()
                                + " x the contract "
                                + customer.contractKw()
                                + " kW");
            }
        }
        return FirstDelivery.check(
                "meter", reading.meterId(), reading.startMillis(), reading.endMillis(), covered);
    }
}
