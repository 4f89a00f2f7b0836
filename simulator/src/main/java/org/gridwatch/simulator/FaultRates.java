package org.gridwatch.simulator;

/**
 * How often the simulated AMI head-end mishandles a meter reading on its way to GridWatch. Each
 * reading suffers at most one fault, drawn independently per reading; area readings, payments and
 * the customer master are delivered cleanly.
 *
 * @param duplicate share of readings sent twice: the copy is identical and follows 15 to 30 minutes
 *     later, as a head-end that retries after a lost acknowledgement does
 * @param missing share of readings never sent (a meter that did not answer the daily collection);
 *     the register keeps counting, so the next reading's register covers the gap
 * @param late share of readings that arrive after later ones, by 15 minutes up to {@code
 *     maxLateMinutes} (a concentrator that was offline and uploads its backlog)
 * @param maxLateMinutes the longest delay of a late reading; a multiple of 15, below 7 days (the
 *     contract's horizon for late data)
 */
public record FaultRates(double duplicate, double missing, double late, int maxLateMinutes) {

    /**
     * 0.2% of readings each. Collection success rates of Chinese AMI systems are reported at
     * 99.5–99.9% per day; a fleet that is too clean would hide the handling of these cases.
     */
    public static final FaultRates DEFAULT = new FaultRates(0.002, 0.002, 0.002, 360);

    public static final FaultRates NONE = new FaultRates(0, 0, 0, 360);

    public FaultRates {
        check("duplicate", duplicate);
        check("missing", missing);
        check("late", late);
        if (duplicate + missing + late > 1) {
            throw new IllegalArgumentException("fault rates add up to more than 1");
        }
        if (maxLateMinutes < 15 || maxLateMinutes % 15 != 0 || maxLateMinutes >= 7 * 24 * 60) {
            throw new IllegalArgumentException(
                    "maxLateMinutes must be a multiple of 15 in [15, 7 days), got "
                            + maxLateMinutes);
        }
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " rate must be in [0, 1], got " + rate);
        }
    }

    public boolean any() {
        return duplicate > 0 || missing > 0 || late > 0;
    }
}
