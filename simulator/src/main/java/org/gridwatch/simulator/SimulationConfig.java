package org.gridwatch.simulator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.gridwatch.core.codec.EventTime;

/**
 * Everything that decides a simulated fleet. The same config gives the same records, byte for byte.
 *
 * @param customers number of customers (and meters), 1 to 9,999,999 (ids C0000001...)
 * @param days number of simulated days, from 00:00 of {@code start}
 * @param seed the seed of every random choice
 * @param start the first simulated day
 * @param zone the utility's time zone: local days, weekends and timestamps
 * @param areas number of public transformer areas (公变台区) the customers other than large industry
 *     are spread over, evenly; each large-industry customer has an area of its own
 * @param faults how often readings are duplicated, lost or delayed on delivery
 * @param classMix the share of each tariff class
 * @param payerMix the share of late and never-paying customers
 * @param trendMix the share of customers whose use grows or declines by tens of percent a year
 * @param inspectionMix the share of customers with theft confirmed by an inspection, and of others
 *     inspected without finding theft, in the first half of the run
 * @param outagesPerAreaYear how often an area loses supply (1 to 4 hours, meters report POWER_OFF
 *     and POWER_ON); 2 a year is the order of SAIFI in Chinese cities
 * @param plannedOutagesPerAreaYear how often an area's supply is switched off for planned work
 *     (maintenance: announced, on a workday, starting between 08:00 and 12:00, 2 to 6 hours); 1 a
 *     year by default, drawn apart from the unplanned ones so that a seed's other outages stay
 * @param speed simulated seconds per wall-clock second; 0 runs as fast as possible
 * @param openingBill whether the customers owe an (estimated) bill for the month before the start,
 *     paid in the first weeks as in any utility's live data. Default true. Off, billing starts with
 *     the run: a monitor that starts with the run then knows every bill its payments settle, which
 *     the credit tests need (GridWatch cannot see a bill issued before it started).
 * @param theft who steals from which day and how; {@link TheftMix#NONE} by default
 * @param meterFaults the share of honest customers whose meter fails for some days ({@link
 *     MeterFaults}: silent, or reporting zero intervals while its register counts); 0 by default
 * @param lossPersistence the lag-one autocorrelation ρ of each area's day-to-day technical loss
 *     factors ({@link AreaSupply}): 0 by default, each day drawn afresh; real lines' loss follows
 *     the weather, which lasts for days, so a stress test of the area balance sets it (0 ≤ ρ ≤
 *     0.95)
 * @param lossNoise σ of each area's day-to-day unaccounted loss, a share of its supply ({@link
 *     AreaSupply}): 0 by default; real areas' daily loss rate moves by a point or more (readings
 *     collected at shifting times, unmetered public loads), persisting as {@code lossPersistence}
 *     says; a stress test of the area balance sets it (0 ≤ σ ≤ {@link #MAX_LOSS_NOISE})
 * @param prepaidCutOff whether a pre-paid meter cuts the supply when the balance runs out, as a
 *     pre-paid meter's relay does: a {@link Payer#RUN_OUT} customer's meter then reads 0 kWh from
 *     the day after its balance fell below zero, its register standing still. False by default (the
 *     readings go on), so that a seed's fleets stay as they were
 */
public record SimulationConfig(
        int customers,
        int days,
        long seed,
        LocalDate start,
        ZoneId zone,
        int areas,
        FaultRates faults,
        ClassMix classMix,
        PayerMix payerMix,
        TrendMix trendMix,
        InspectionMix inspectionMix,
        double outagesPerAreaYear,
        double plannedOutagesPerAreaYear,
        double speed,
        boolean openingBill,
        TheftMix theft,
        double meterFaults,
        double lossPersistence,
        double lossNoise,
        boolean prepaidCutOff) {

    /** About a hundred customers per transformer area, a typical 400 kVA city area. */
    public static final int DEFAULT_CUSTOMERS_PER_AREA = 100;

    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 1);
    public static final int MAX_CUSTOMERS = 9_999_999;
    public static final int MAX_DAYS = 3660;

    /** The most day-to-day persistence of an area's loss a run may have: near 1 it never varies. */
    public static final double MAX_LOSS_PERSISTENCE = 0.95;

    /** The most day-to-day noise of an area's loss a run may have: 5 points of its supply. */
    public static final double MAX_LOSS_NOISE = 0.05;

    public SimulationConfig {
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException(
                    "customers must be 1.." + MAX_CUSTOMERS + ", got " + customers);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MAX_DAYS + ", got " + days);
        }
        if (areas < 1 || areas > customers) {
            throw new IllegalArgumentException(
                    "areas must be 1..customers (" + customers + "), got " + areas);
        }
        if (!(meterFaults >= 0 && meterFaults <= 1)) {
            throw new IllegalArgumentException(
                    "meter faults must be a share 0..1, got " + meterFaults);
        }
        requireUpTo(
                "loss persistence",
                lossPersistence,
                MAX_LOSS_PERSISTENCE,
                "a lag-one autocorrelation");
        requireUpTo("loss noise", lossNoise, MAX_LOSS_NOISE, "a share of the supply");
        if (!(outagesPerAreaYear >= 0)) {
            throw new IllegalArgumentException(
                    "outagesPerAreaYear must be >= 0, got " + outagesPerAreaYear);
        }
        if (!(plannedOutagesPerAreaYear >= 0)) {
            throw new IllegalArgumentException(
                    "plannedOutagesPerAreaYear must be >= 0, got " + plannedOutagesPerAreaYear);
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be >= 0, got " + speed);
        }
        if (start == null
                || zone == null
                || faults == null
                || classMix == null
                || payerMix == null
                || trendMix == null
                || inspectionMix == null
                || theft == null) {
            throw new IllegalArgumentException("start, zone, faults and mixes are required");
        }
        if (theft.any() && theft.firstDay(days) + theft.spreadDays() >= days) {
            throw new IllegalArgumentException(
                    "theft start (day "
                            + theft.firstDay(days)
                            + (theft.spreadDays() > 0 ? " + spread " + theft.spreadDays() : "")
                            + ") must lie within the run's days 0.."
                            + (days - 1));
        }
        if (start.getYear() < 2000 || start.plusDays(days).getYear() > 2099) {
            throw new IllegalArgumentException(
                    "simulated dates must lie in 2000..2099, got "
                            + start
                            + " + "
                            + days
                            + " days");
        }
    }

    /** The defaults: 2026-01-01 in Asia/Shanghai, ~100 customers per area, default faults. */
    public static SimulationConfig of(int customers, int days, long seed) {
        return new SimulationConfig(
                customers,
                days,
                seed,
                DEFAULT_START,
                EventTime.DEFAULT_ZONE,
                areasFor(customers, DEFAULT_CUSTOMERS_PER_AREA),
                FaultRates.DEFAULT,
                ClassMix.RESIDENTIAL_HEAVY,
                PayerMix.DEFAULT,
                TrendMix.DEFAULT,
                InspectionMix.DEFAULT,
                2.0,
                1.0,
                0,
                true,
                TheftMix.NONE,
                0,
                0,
                0,
                false);
    }

    private static int areasFor(int customers, int perArea) {
        if (customers < 1 || perArea < 1) {
            return 1; // the constructor reports the real fault
        }
        return (customers + perArea - 1) / perArea;
    }

    /** The average number of customers per public area, rounded up. */
    public int customersPerArea() {
        return (customers + areas - 1) / areas;
    }

    public SimulationConfig withStart(LocalDate value) {
        return edit(d -> d.start = value);
    }

    public SimulationConfig withZone(ZoneId value) {
        return edit(d -> d.zone = value);
    }

    public SimulationConfig withAreas(int value) {
        return edit(d -> d.areas = value);
    }

    public SimulationConfig withCustomersPerArea(int perArea) {
        if (perArea < 1) {
            throw new IllegalArgumentException("customers per area must be >= 1, got " + perArea);
        }
        return withAreas(areasFor(customers, perArea));
    }

    public SimulationConfig withFaults(FaultRates value) {
        return edit(d -> d.faults = value);
    }

    public SimulationConfig withClassMix(ClassMix value) {
        return edit(d -> d.classMix = value);
    }

    public SimulationConfig withPayerMix(PayerMix value) {
        return edit(d -> d.payerMix = value);
    }

    public SimulationConfig withTrendMix(TrendMix value) {
        return edit(d -> d.trendMix = value);
    }

    public SimulationConfig withInspectionMix(InspectionMix value) {
        return edit(d -> d.inspectionMix = value);
    }

    public SimulationConfig withOutagesPerAreaYear(double value) {
        return edit(d -> d.outagesPerAreaYear = value);
    }

    public SimulationConfig withPlannedOutagesPerAreaYear(double value) {
        return edit(d -> d.plannedOutagesPerAreaYear = value);
    }

    public SimulationConfig withSpeed(double value) {
        return edit(d -> d.speed = value);
    }

    public SimulationConfig withOpeningBill(boolean value) {
        return edit(d -> d.openingBill = value);
    }

    public SimulationConfig withTheft(TheftMix value) {
        return edit(d -> d.theft = value);
    }

    /** The share of honest customers whose meter fails for some days ({@link MeterFaults}). */
    public SimulationConfig withMeterFaults(double share) {
        return edit(d -> d.meterFaults = share);
    }

    /** The lag-one autocorrelation of each area's day-to-day loss factors ({@link AreaSupply}). */
    public SimulationConfig withLossPersistence(double rho) {
        return edit(d -> d.lossPersistence = rho);
    }

    /** Refuses {@code value} outside 0..{@code max}, saying what it is. */
    private static void requireUpTo(String what, double value, double max, String meaning) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(
                    what + " must be 0.." + max + " (" + meaning + "), got " + value);
        }
    }

    /** σ of each area's day-to-day unaccounted loss, a share of its supply ({@link AreaSupply}). */
    public SimulationConfig withLossNoise(double sigma) {
        return edit(d -> d.lossNoise = sigma);
    }

    /** Whether a pre-paid meter cuts the supply when the balance runs out. */
    public SimulationConfig withPrepaidCutOff(boolean value) {
        return edit(d -> d.prepaidCutOff = value);
    }

    /** A copy with one change; the canonical constructor validates it. */
    private SimulationConfig edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.config();
    }

    /** A mutable copy, so that each {@code with...} names only what it changes. */
    private static final class Draft {
        int customers;
        int days;
        long seed;
        LocalDate start;
        ZoneId zone;
        int areas;
        FaultRates faults;
        ClassMix classMix;
        PayerMix payerMix;
        TrendMix trendMix;
        InspectionMix inspectionMix;
        double outagesPerAreaYear;
        double plannedOutagesPerAreaYear;
        double speed;
        boolean openingBill;
        TheftMix theft;
        double meterFaults;
        double lossPersistence;
        double lossNoise;
        boolean prepaidCutOff;

        Draft(SimulationConfig c) {
            customers = c.customers;
            days = c.days;
            seed = c.seed;
            start = c.start;
            zone = c.zone;
            areas = c.areas;
            faults = c.faults;
            classMix = c.classMix;
            payerMix = c.payerMix;
            trendMix = c.trendMix;
            inspectionMix = c.inspectionMix;
            outagesPerAreaYear = c.outagesPerAreaYear;
            plannedOutagesPerAreaYear = c.plannedOutagesPerAreaYear;
            speed = c.speed;
            openingBill = c.openingBill;
            theft = c.theft;
            meterFaults = c.meterFaults;
            lossPersistence = c.lossPersistence;
            lossNoise = c.lossNoise;
            prepaidCutOff = c.prepaidCutOff;
        }

        SimulationConfig config() {
            return new SimulationConfig(
                    customers,
                    days,
                    seed,
                    start,
                    zone,
                    areas,
                    faults,
                    classMix,
                    payerMix,
                    trendMix,
                    inspectionMix,
                    outagesPerAreaYear,
                    plannedOutagesPerAreaYear,
                    speed,
                    openingBill,
                    theft,
                    meterFaults,
                    lossPersistence,
                    lossNoise,
                    prepaidCutOff);
        }
    }
}
