package org.gridwatch.core.detect;

import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;

/**
 * Closes a customer's day against its own history ({@link UsageBaseline}): the customer operator's
 * half of theft detection. A day covered by readings for less than {@link #MIN_COVERAGE} of its
 * length is neither judged nor learned (missing readings are a data-quality matter, not a drop in
 * use), and neither is a day whose register advanced by more than its readings report ({@link
 * MeterEvidence#registerAhead}: the readings missed energy the meter measured and bills, as a meter
 * whose interval channel reads zero while its register counts does); what the meter itself said is
 * reported either way. Nor is a pre-paid customer's day at zero throughout ({@link #relayOpen}).
 */
public final class DayJudge {
    /** The least share of a day its readings must cover to be judged. */
    public static final double MIN_COVERAGE = 0.9;

    private DayJudge() {}

    /**
     * @param restDay a weekend or holiday
     * @param peakHours which hours are peak-priced on this day (for the peak share)
     * @param hourPrices the customer's price of each hour, CNY/kWh, or null when not priced
     * @param closedAtMillis event time at which the day closes
     */
    public static DayReport close(
            UsageBaseline baseline,
            DayLoad day,
            Customer customer,
            boolean restDay,
            boolean[] peakHours,
            double[] hourPrices,
            long closedAtMillis) {
        if (baseline.registerReplacedOn(day.epochDay)) {
            day.forgetFirstRegister(); // the old register's reads and the new one's
        }
        double previousRegister =
                baseline.lastRegisterDay < day.epochDay ? baseline.lastRegisterKwh : Double.NaN;
        MeterEvidence meter =
                MeterEvidence.of(day, previousRegister, false, changesWithTheHour(hourPrices));
        if (!Double.isNaN(day.registerEndKwh) && day.epochDay > baseline.lastRegisterDay) {
            baseline.lastRegisterKwh = day.registerEndKwh;
            baseline.lastRegisterDay = day.epochDay;
        }
        // before the day is learned: the hours it misses are filled from the usual day as it was
        float[] hourly = day.completedHourly(baseline.usualHours(restDay));
        DayComparison c = null;
        boolean scored = false;
        if (day.coverage() >= MIN_COVERAGE
                && !MeterEvidence.registerAhead(day)
                && !relayOpen(customer, day)) {
            boolean household = customer.customerClass() == CustomerClass.RESIDENTIAL;
            c = baseline.compare(day, restDay, household, peakHours, hourPrices);
            scored = c != null && baseline.days() >= TheftEvidence.MIN_HISTORY_DAYS;
            baseline.learn(day, restDay, c);
        }
        double[] none = new double[Feature.COUNT];
        return new DayReport(
                customer.customerId(),
                customer.meterId(),
                customer.areaId(),
                customer.customerClass().name(),
                day.epochDay,
                closedAtMillis,
                scored,
                scored ? c.z() : none,
                c != null ? c.value() : none,
                c != null ? c.usual() : new float[Feature.COUNT],
                day.total(),
                c != null ? c.usualKwh() : Double.NaN,
                c != null ? c.usualChargeCny() - c.chargeCny() : Double.NaN,
                meter.tamper(),
                meter.registerRollback(),
                meter.reverseWithoutGeneration(),
                meter.phaseFault(),
                meter.registerMismatch(),
                null,
                null,
                hourly,
                (float) (1 - day.coverage()),
                null);
    }

    /**
     * Whether a pre-paid customer's meter kept its relay open all day: every reading zero. A
     * pre-paid meter cuts the supply when the credit runs out, until the customer tops up, and the
     * monitor cannot follow the credit (the balance from before the first top-up it sees is not in
     * its data). The attacks of docs/detection.md section 1 leave readings: only on-off, on an
     * hourly meter, reads a whole day at zero now and then, and its other days still tell. A meter
     * bypassed whole shows in the area's balance, not in its own readings. Such a day is no
     * evidence.
     */
    static boolean relayOpen(Customer customer, DayLoad day) {
        return customer.prepaid() && day.readings > 0 && day.zeroReadings == day.readings;
    }

    /**
     * Whether a customer master change says the customer's use will change, so that its usual day
     * should be learned afresh ({@link UsageBaseline#relearn}): another tariff (new prices are
     * meant to be answered: the off-peak option moves use to the valley), another class (a home
     * turned shop), another contract capacity (a customer asks for less capacity because it will
     * use less, for more because it will use more), another connection date (a new contract: new
     * occupants). Not another meter or area: the same customer using as before.
     */
    public static boolean expectsNewHabits(Customer before, Customer after) {
        return !before.tariffId().equals(after.tariffId())
                || before.customerClass() != after.customerClass()
                || Double.compare(before.contractKw(), after.contractKw()) != 0
                || before.sinceEpochDay() != after.sinceEpochDay();
    }

    /** Whether the customer's prices differ between the day's hours (a time-of-use tariff). */
    static boolean changesWithTheHour(double[] hourPrices) {
        if (hourPrices == null) {
            return false;
        }
        for (double p : hourPrices) {
            if (p != hourPrices[0]) {
                return true;
            }
        }
        return false;
    }
}
