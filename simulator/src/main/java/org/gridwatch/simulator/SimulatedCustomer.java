package org.gridwatch.simulator;

import java.util.SplittableRandom;
import org.gridwatch.core.event.Customer;
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
        this.capWhPerQuarter = Math.round(master.contractKw() * 250);
        this.load = load;
        this.delivery = delivery;
        this.billing = billing;
    }

    int intervalMinutes() {
        return intervalQuarters * 15;
    }

    /** The typical cost of a day, fen: what pre-paid top-ups are sized by. */
    long typicalDayFen() {
        return Math.max(1, Math.round(kwhPerDay * profile.priceCnyPerKwh() * 100));
    }
}
