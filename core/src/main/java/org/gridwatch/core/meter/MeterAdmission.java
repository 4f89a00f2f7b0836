package org.gridwatch.core.meter;

import org.gridwatch.core.codec.ValidationLimits;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;

/**
 * The checks on a reading that need the meter's customer and history: plausible for the
 * connection's contract capacity, not a duplicate, not older than the allowed lateness.
 */
public final class MeterAdmission {

    /** Why a reading is refused; null from {@link #check} means admitted. */
    public record Refusal(RejectReason reason, String detail) {}

    private final ValidationLimits limits;

    public MeterAdmission(ValidationLimits limits) {
        this.limits = limits;
    }

    /**
     * Checks a reading and, when it is admitted, records it in {@code seen}.
     *
     * @return null when the reading is admitted, else the refusal
     */
    public Refusal check(MeterReading reading, Customer customer, SeenIntervals seen) {
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
        switch (seen.admit(reading.endMillis())) {
            case DUPLICATE:
                return new Refusal(
                        RejectReason.DUPLICATE,
                        "meter " + reading.meterId() + " already delivered this interval");
            case TOO_LATE:
                return new Refusal(
                        RejectReason.TOO_LATE,
                        "more than "
                                + seen.horizonSlots() / 96
                                + " days older than the meter's newest reading");
            default:
                return null;
        }
    }
}
