package org.gridwatch.simulator;

/**
 * How often the simulated AMI head-end mishandles a reading on its way to GridWatch. Each meter
 * reading suffers at most one fault, drawn independently per reading; each area reading likewise,
 * from the area faults. Payments and the customer master are delivered cleanly.
 *
 * @param duplicate share of readings sent twice: the copy is identical and follows 15 to 30 minutes
 *     later, as a head-end that retries after a lost acknowledgement does
 * @param missing share of readings never sent (a meter that did not answer the daily collection);
 *     the register keeps counting, so the next reading's register covers the gap
 * @param late share of readings that arrive after later ones, by 15 minutes up to {@code
 *     maxLateMinutes} (a concentrator that was offline and uploads its backlog)
 * @param maxLateMinutes the longest delay of a late reading; a multiple of 15, below 7 days (the
 *     contract's horizon for late data)
 * @param overlapping share of readings whose energy the head-end sends again, 15 minutes later, in
 *     other intervals (it collected the meter's load profile again at another granularity): an
 *     hourly or half-hourly reading again as its quarter hours; for a meter reporting every quarter
 *     hour, drawn only on the reading that completes a local hour, that hour again as one hourly
 *     reading (so a share of its hours). Each re-sent record overlaps the first delivery.
 * @param areaDuplicate share of area readings sent twice, the copy 15 minutes later
 * @param areaOverlapping share of local hours whose four area readings are sent again as one hourly
 *     reading, 15 minutes after the hour
 */
public record FaultRates(
        double duplicate,
        double missing,
        double late,
        int maxLateMinutes,
        double overlapping,
        double areaDuplicate,
        double areaOverlapping) {

    /**
     * 0.2% of readings each. Collection success rates of Chinese AMI systems are reported at
     * 99.5–99.9% per day; a fleet that is too clean would hide the handling of these cases.
     * Re-sends in other intervals and area faults are given the same rate: no published figure, and
     * rare enough not to disturb the dashboards while every run still shows them.
     */
    public static final FaultRates DEFAULT =
            new FaultRates(0.002, 0.002, 0.002, 360, 0.002, 0.002, 0.002);

    public static final FaultRates NONE = new FaultRates(0, 0, 0, 360, 0, 0, 0);

    public FaultRates {
        check("duplicate", duplicate);
        check("missing", missing);
        check("late", late);
        check("overlapping", overlapping);
        check("areaDuplicate", areaDuplicate);
        check("areaOverlapping", areaOverlapping);
        if (duplicate + missing + late + overlapping > 1) {
            throw new IllegalArgumentException("meter fault rates add up to more than 1");
        }
        if (areaDuplicate + areaOverlapping > 1) {
            throw new IllegalArgumentException("area fault rates add up to more than 1");
        }
        if (maxLateMinutes < 15 || maxLateMinutes % 15 != 0 || maxLateMinutes >= 7 * 24 * 60) {
            throw new IllegalArgumentException(
                    "maxLateMinutes must be a multiple of 15 in [15, 7 days), got "
                            + maxLateMinutes);
        }
    }

    /**
     * Only duplicate, missing and late meter readings: no re-sends in other intervals, no area
     * faults.
     */
    public FaultRates(double duplicate, double missing, double late, int maxLateMinutes) {
        this(duplicate, missing, late, maxLateMinutes, 0, 0, 0);
    }

    /** Every kind of fault at the same rate. */
    public static FaultRates each(double rate, int maxLateMinutes) {
        return new FaultRates(rate, rate, rate, maxLateMinutes, rate, rate, rate);
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " rate must be in [0, 1], got " + rate);
        }
    }

    /** Whether any meter reading may suffer a fault. */
    public boolean any() {
        return duplicate > 0 || missing > 0 || late > 0 || overlapping > 0;
    }

    /** Whether any area reading may suffer a fault. */
    public boolean anyForAreas() {
        return areaDuplicate > 0 || areaOverlapping > 0;
    }
}
