package org.gridwatch.simulator;

import java.util.SplittableRandom;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.PaymentChannel;

/** One customer and its meter as the simulator runs it: fixed traits and running state. */
final class SimulatedCustomer {
    final int index;
    final Customer master;
    final ClassProfile profile;
    final int area;
    final Payer payer;
    final PaymentChannel channel;

    /** 1, 2 or 4 quarter hours: the meter's reporting interval. */
    final int intervalQuarters;

    /** This customer's average day, kWh. */
    final double kwhPerDay;

    final int shiftQuarters;

    final Trend trend;

    /** Annual growth rate of the daily energy, e.g. 0.25 for +25% a year. */
    final double growth;

    /** This customer's inspection in the first half of the run, or null. */
    final Inspection inspection;

    /**
     * What the customer's use is worth in a year at the class's average price, before any trend,
     * fen: the revenue the simulator intends, by which the {@link #large} customers are ranked.
     */
    final long expectedYearFen;

    /** Among the top fifth of the fleet by {@link #expectedYearFen}; set once by the fleet. */
    boolean large;

    /** This customer's theft during the run, or null for an honest customer. */
    Thief thief;

    /** The meter's fault during the run, or null ({@link MeterFaults}). */
    MeterFault meterFault;

    /**
     * The day (index in the run) on which an honest meter raises a spurious COVER_OPEN, or -1; and
     * on which of the day's readings (0 for the first).
     */
    int spuriousDay = -1;

    int spuriousReading;

    /** Pre-paid {@link Payer#RUN_OUT}: the day (index in the run) of the last top-up allowed. */
    int stopTopUpsDay = Integer.MAX_VALUE;

    /** The draws of the newer payer personas (bounces, run-outs); null for the others. */
    SplittableRandom payerRandom;

    /** Whether the pre-paid balance has run out (noted once in the truth). */
    boolean ranOut;

    /** The most the connection passes in a quarter hour: the contract capacity, Wh. */
    final long capWhPerQuarter;

    final SplittableRandom load;
    final SplittableRandom delivery;
    final SplittableRandom billing;

    // Running state.
    long registerWh;
    long pendingWh;
    int pendingEvents;
    double[] dayShape;
    double dayWhPerQuarter;

    /** (1 + growth)^(days since the start / 365), of the day being simulated. */
    double trendFactor = 1;

    long dayWh;
    long balanceFen;
    boolean topUpScheduled;

    SimulatedCustomer(
            int index,
            Customer master,
            ClassProfile profile,
            int area,
            Payer payer,
            PaymentChannel channel,
            int intervalQuarters,
            double kwhPerDay,
            int shiftQuarters,
            Trend trend,
            double growth,
            Inspection inspection,
            SplittableRandom load,
            SplittableRandom delivery,
            SplittableRandom billing) {
        this.index = index;
        this.master = master;
        this.profile = profile;
        this.area = area;
        this.payer = payer;
        this.channel = channel;
        this.intervalQuarters = intervalQuarters;
        this.kwhPerDay = kwhPerDay;
        this.shiftQuarters = shiftQuarters;
        this.trend = trend;
        this.growth = growth;
        this.inspection = inspection;
        this.expectedYearFen = Math.round(kwhPerDay * 365 * profile.priceCnyPerKwh() * 100);
        this.capWhPerQuarter = Math.round(master.contractKw() * 250);
        this.load = load;
        this.delivery = delivery;
        this.billing = billing;
    }

    int intervalMinutes() {
        return intervalQuarters * 15;
    }

    boolean theft() {
        return inspection != null && inspection.outcome() == InspectionOutcome.CONFIRMED_THEFT;
    }

    /**
     * The typical cost of a day at the current point of the customer's trend, fen: what pre-paid
     * top-ups are sized by.
     */
    long typicalDayFen() {
        return Math.max(1, Math.round(kwhPerDay * trendFactor * profile.priceCnyPerKwh() * 100));
    }
}
