package org.gridwatch.simulator;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.PaymentChannel;

/** The customers and transformer areas of a simulation, built deterministically from its config. */
final class Fleet {

    /**
     * Share of meters reporting every 30 and every 60 minutes instead of 15: older single-phase
     * meters and concentrators configured for hourly collection, a minority in any real fleet.
     * Large-industry meters always report every 15 minutes (they are billed on demand).
     */
    static final double HALF_HOURLY_SHARE = 0.05;

    static final double HOURLY_SHARE = 0.05;

    /** Technical loss of an area, as a share of the energy supplied (线损率), drawn per area. */
    static final double MIN_LOSS = 0.02;

    static final double MAX_LOSS = 0.06;

    /** Contracts are sized at twice the customer's expected peak quarter hour. */
    private static final double CONTRACT_HEADROOM = 2.0;

    /**
     * The top fifth of customers by expected annual revenue are the large users: the 20% that, in
     * the customer-value paper's 80/20 rule, bring most of the revenue.
     */
    static final int LARGE_PERCENT = 20;

    /** Customers were connected over the 25 years before the simulation. */
    private static final int CONNECTED_WITHIN_DAYS = 25 * 365;

    /**
     * The register counts from the last meter exchange, at most 8 years ago (verification cycle).
     */
    private static final int REGISTER_DAYS = 8 * 365;

    final SimulatedCustomer[] customers;
    final String[] areaIds;
    final double[] areaLoss;
    final int[] areaCustomers;

    Fleet(SimulationConfig config) {
        int n = config.customers();
        CustomerClass[] classes = dealClasses(config);
        int large = 0;
        for (CustomerClass c : classes) {
            large += c == CustomerClass.LARGE_INDUSTRY ? 1 : 0;
        }
        int shared = n - large;
        int publicAreas = Math.min(config.areas(), shared);
        int areaCount = publicAreas + large;
        areaIds = new String[areaCount];
        areaLoss = new double[areaCount];
        areaCustomers = new int[areaCount];
        for (int a = 0; a < areaCount; a++) {
            areaIds[a] = String.format("A%03d", a + 1);
            SplittableRandom r = Seeds.stream(config.seed(), Seeds.AREA, a);
            // Rounded to 0.1%, so the truth file carries the rate exactly as used.
            areaLoss[a] =
                    Math.round((MIN_LOSS + (MAX_LOSS - MIN_LOSS) * r.nextDouble()) * 1000) / 1000.0;
        }
        customers = new SimulatedCustomer[n];
        int sharedRank = 0;
        int largeRank = 0;
        for (int i = 0; i < n; i++) {
            int area =
                    classes[i] == CustomerClass.LARGE_INDUSTRY
                            ? publicAreas + largeRank++
                            : (int) ((long) sharedRank++ * publicAreas / shared);
            areaCustomers[area]++;
            customers[i] = customer(config, i, classes[i], area);
        }
        markLarge(customers);
    }

    /**
     * Marks the top {@link #LARGE_PERCENT}% of customers by expected annual revenue, rounded up to
     * whole customers; of equal revenues the lower customer number ranks first.
     */
    private static void markLarge(SimulatedCustomer[] customers) {
        Integer[] order = new Integer[customers.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.comparingLong((Integer i) -> -customers[i].expectedYearFen)
                        .thenComparingInt(i -> i));
        int large = (int) (((long) customers.length * LARGE_PERCENT + 99) / 100);
        for (int k = 0; k < large; k++) {
            customers[order[k]].large = true;
        }
    }

    int areaCount() {
        return areaIds.length;
    }

    /** The classes by quota, shuffled over the customer numbers with the seed. */
    private static CustomerClass[] dealClasses(SimulationConfig config) {
        int[] counts = config.classMix().counts(config.customers());
        CustomerClass[] classes = new CustomerClass[config.customers()];
        int i = 0;
        for (CustomerClass c : CustomerClass.values()) {
            for (int k = 0; k < counts[c.ordinal()]; k++) {
                classes[i++] = c;
            }
        }
        SplittableRandom r = Seeds.stream(config.seed(), Seeds.FLEET, 0);
        for (int k = classes.length - 1; k > 0; k--) {
            int j = r.nextInt(k + 1);
            CustomerClass t = classes[k];
            classes[k] = classes[j];
            classes[j] = t;
        }
        return classes;
    }

    private SimulatedCustomer customer(
            SimulationConfig config, int i, CustomerClass cls, int area) {
        ClassProfile p = ClassProfiles.of(cls);
        SplittableRandom load = Seeds.stream(config.seed(), Seeds.LOAD, i);
        SplittableRandom billing = Seeds.stream(config.seed(), Seeds.BILLING, i);
        double kwhPerDay = p.medianKwhPerDay() * Math.exp(p.sizeSigma() * load.nextGaussian());
        int shift =
                p.maxShiftQuarters() == 0
                        ? 0
                        : load.nextInt(-p.maxShiftQuarters(), p.maxShiftQuarters() + 1);
        int intervalQuarters = 1;
        if (cls != CustomerClass.LARGE_INDUSTRY) {
            double u = load.nextDouble();
            intervalQuarters = u < HOURLY_SHARE ? 4 : u < HOURLY_SHARE + HALF_HOURLY_SHARE ? 2 : 1;
        }
        // Own streams for the trend and the inspection, so that adding them left every other draw
        // of the same seed as it was.
        SplittableRandom trendRandom = Seeds.stream(config.seed(), Seeds.TREND, i);
        Trend trend = config.trendMix().draw(trendRandom.nextDouble());
        double growth = trend.drawGrowth(trendRandom);
        // A growing customer's contract is sized for its use at the end of the run, so that the
        // breaker does not cut off the growth the truth promises.
        double grown = Math.max(1, Math.pow(1 + growth, (config.days() - 1) / 365.0));
        double contractKw =
                p.contractKwFor(kwhPerDay * grown / 24 * p.peakFactor() * CONTRACT_HEADROOM);
        LocalDate since = config.start().minusDays(30 + load.nextInt(CONNECTED_WITHIN_DAYS));
        long registerDays =
                Math.min(REGISTER_DAYS, config.start().toEpochDay() - since.toEpochDay());
        boolean prepaid = billing.nextDouble() < p.prepaidShare();
        Payer payer = prepaid ? Payer.PUNCTUAL : config.payerMix().draw(billing.nextDouble());
        // The newer personas draw on a stream of their own, so that a mix without them leaves
        // every draw of a seed as it was.
        SplittableRandom payerRandom = null;
        if (payer == Payer.BOUNCER || (prepaid && config.payerMix().prepaidRunOut() > 0)) {
            payerRandom = Seeds.stream(config.seed(), Seeds.PAYER, i);
            if (prepaid && payerRandom.nextDouble() < config.payerMix().prepaidRunOut()) {
                payer = Payer.RUN_OUT;
            }
        }
        PaymentChannel channel = channel(prepaid, payer, billing.nextDouble());
        String number = String.format("%07d", i + 1);
        String customerId = "C" + number;
        Inspection inspection =
                Inspections.draw(
                        config,
                        customerId,
                        "SIM-" + customerId + "-1",
                        Seeds.stream(config.seed(), Seeds.INSPECTION, i));
        Customer master =
                new Customer(
                        customerId,
                        "M" + number,
                        cls,
                        areaIds[area],
                        p.tariffId(),
                        prepaid,
                        contractKw,
                        since.toEpochDay());
        SimulatedCustomer c =
                new SimulatedCustomer(
                        i,
                        master,
                        p,
                        area,
                        payer,
                        channel,
                        intervalQuarters,
                        kwhPerDay,
                        shift,
                        trend,
                        growth,
                        inspection,
                        load,
                        Seeds.stream(config.seed(), Seeds.DELIVERY, i),
                        billing);
        c.payerRandom = payerRandom;
        if (payer == Payer.RUN_OUT) {
            // The last day it tops up: in the first two thirds of the run.
            c.stopTopUpsDay = payerRandom.nextInt(Math.max(1, config.days() * 2 / 3));
        }
        c.registerWh =
                Math.round(kwhPerDay * registerDays * (0.8 + 0.4 * load.nextDouble()) * 1000);
        c.balanceFen =
                prepaid
                        ? Math.round(c.typicalDayFen() * 30 * (0.3 + 0.7 * billing.nextDouble()))
                        : 0;
        return c;
    }

    /**
     * Pre-paid meters are topped up through the pre-paid channel; punctual payers mostly by bank
     * debit (代扣) or app; late payers mostly at the counter, typically after a reminder.
     */
    private static PaymentChannel channel(boolean prepaid, Payer payer, double u) {
        if (prepaid) {
            return PaymentChannel.PREPAID;
        }
        if (payer == Payer.BOUNCER) {
            return u < 0.6 ? PaymentChannel.BANK : PaymentChannel.APP;
        }
        if (payer == Payer.PUNCTUAL || payer == Payer.OCCASIONAL) {
            return u < 0.4
                    ? PaymentChannel.BANK
                    : u < 0.9 ? PaymentChannel.APP : PaymentChannel.COUNTER;
        }
        return u < 0.5
                ? PaymentChannel.COUNTER
                : u < 0.9 ? PaymentChannel.APP : PaymentChannel.OTHER;
    }
}
