package org.gridwatch.simulator;

import org.gridwatch.core.event.InspectionOutcome;

/**
 * Who gets an on-site inspection during the first half of a run, and what the inspector finds. Each
 * customer has at most one inspection, drawn per customer. Theft here is history only: the
 * customer's readings are honest, the inspection is the record the credit model must act on.
 *
 * @param theft share of all customers with theft confirmed by an inspection ({@code
 *     CONFIRMED_THEFT})
 * @param otherInspected share of the remaining customers inspected without finding theft: {@code
 *     METER_FAULT} for {@code meterFault} of them, {@code NO_FINDING} for the rest
 * @param meterFault share of the inspections without theft that find a faulty meter
 */
public record InspectionMix(double theft, double otherInspected, double meterFault) {

    /**
     * 2% theft, 3% of the others inspected, a third of those finding a meter fault. Chinese grid
     * companies report theft cases in the order of a percent of low-voltage customers in areas with
     * high line loss; inspections that clear the customer outnumber those that confirm theft, and a
     * fault in the meter or its wiring is a common finding of an anomaly-driven visit. Working
     * assumptions for the credit model's tests, not measured figures.
     */
    public static final InspectionMix DEFAULT = new InspectionMix(0.02, 0.03, 1.0 / 3);

    public static final InspectionMix NONE = new InspectionMix(0, 0, 0);

    public InspectionMix {
        if (!(share(theft) && share(otherInspected) && share(meterFault))) {
            throw new IllegalArgumentException(
                    "inspection shares must be within 0..1, got theft="
                            + theft
                            + " otherInspected="
                            + otherInspected
                            + " meterFault="
                            + meterFault);
        }
    }

    private static boolean share(double v) {
        return v >= 0 && v <= 1;
    }

    /**
     * The outcome of a customer's inspection, or null when the customer is not inspected.
     *
     * @param first a uniform draw: theft or not
     * @param second a uniform draw: inspected or not, and what was found, for customers without
     *     theft
     */
    public InspectionOutcome draw(double first, double second) {
        if (first < theft) {
            return InspectionOutcome.CONFIRMED_THEFT;
        }
        if (second >= otherInspected) {
            return null;
        }
        return second < otherInspected * meterFault
                ? InspectionOutcome.METER_FAULT
                : InspectionOutcome.NO_FINDING;
    }
}
