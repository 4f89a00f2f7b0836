package org.gridwatch.core.reliability;

/**
 * The standard reliability indices of IEEE 1366 over a set of customers and a period, from their
 * sustained interruptions: SAIDI (minutes of interruption per customer served), SAIFI
 * (interruptions per customer served) and CAIDI (minutes per interruption, SAIDI / SAIFI).
 * Momentary interruptions (five minutes or shorter) count in MAIFI, not here. A sum that grows as
 * interruptions end: {@link #add} one, {@link #merge} another area's or task's.
 *
 * <p>Flink state and records: public no-arg constructor, public fields.
 */
public final class ReliabilityIndices {

    /** Customers served in the area (or fleet) over the period. */
    public long customersServed;

    /** Sustained customer interruptions. */
    public long customerInterruptions;

    /** Their total duration, customer-minutes. */
    public double customerMinutes;

    /** Momentary customer interruptions (MAIFI's numerator). */
    public long momentaryInterruptions;

    public ReliabilityIndices() {}

    public static ReliabilityIndices serving(long customers) {
        ReliabilityIndices r = new ReliabilityIndices();
        r.customersServed = customers;
        return r;
    }

    public void add(Interruption interruption) {
        if (interruption.sustained()) {
            customerInterruptions++;
            customerMinutes += interruption.minutes();
        } else {
            momentaryInterruptions++;
        }
    }

    /** This and another set of customers together. */
    public ReliabilityIndices merge(ReliabilityIndices other) {
        ReliabilityIndices sum = new ReliabilityIndices();
        sum.customersServed = customersServed + other.customersServed;
        sum.customerInterruptions = customerInterruptions + other.customerInterruptions;
        sum.customerMinutes = customerMinutes + other.customerMinutes;
        sum.momentaryInterruptions = momentaryInterruptions + other.momentaryInterruptions;
        return sum;
    }

    /** System average interruption duration index: customer-minutes / customers served. */
    public double saidiMinutes() {
        return customersServed == 0 ? 0 : customerMinutes / customersServed;
    }

    /** System average interruption frequency index: customer interruptions / customers served. */
    public double saifi() {
        return customersServed == 0 ? 0 : (double) customerInterruptions / customersServed;
    }

    /** Customer average interruption duration index: SAIDI / SAIFI, minutes per interruption. */
    public double caidiMinutes() {
        return customerInterruptions == 0 ? 0 : customerMinutes / customerInterruptions;
    }

    /** Momentary average interruption frequency index. */
    public double maifi() {
        return customersServed == 0 ? 0 : (double) momentaryInterruptions / customersServed;
    }
}
