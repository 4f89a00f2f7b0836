package org.gridwatch.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gridwatch.core.event.MeterEvent;

/**
 * The transformer areas while the simulation runs: the energy metered in each during the current
 * quarter hour and day, the supply at the transformer, and outages. Supply is the area's true
 * consumption plus its technical loss, as the transformer's meter reads it. The technical loss is
 * physical, not a constant share: a no-load (iron) loss while the transformer is energised, the
 * same every quarter hour of a day (∝ voltage², which moves from day to day), and a load (copper)
 * loss of the transformer and the lines ∝ current², so ∝ the quarter's load squared, whose
 * coefficient moves from day to day (conductor temperature, phase imbalance); each quarter's loss
 * has a noise of its own, and the meter a random error. Sized so that at the area's mean load the
 * loss is {@code lossRate} of the supply, a share as in the Chinese line-loss rate (线损率), {@link
 * #NO_LOAD_SHARE} of it no-load loss.
 */
final class AreaSupply {
    private static final int MIN_OUTAGE_QUARTERS = 4;
    private static final int MAX_OUTAGE_QUARTERS = 16;

    /** Planned work starts between 08:00 and 12:00 local and lasts 2 to 6 hours. */
    private static final int PLANNED_FIRST_START = 32;

    private static final int PLANNED_LAST_START = 48;
    private static final int MIN_PLANNED_QUARTERS = 8;
    private static final int MAX_PLANNED_QUARTERS = 24;

    /**
     * The no-load share of an area's technical loss at its mean load: a distribution transformer's
     * no-load loss is a fifth to a third of its loss at a typical load, the lines' loss is all load
     * loss.
     */
    static final double NO_LOAD_SHARE = 0.3;

    /** Day-to-day σ of the no-load loss: ∝ voltage², a voltage within ±1.5%. */
    static final double DAY_NO_LOAD_SIGMA = 0.03;

    /** Day-to-day σ (lognormal) of the load-loss coefficient: temperature, phase imbalance. */
    static final double DAY_LOAD_LOSS_SIGMA = 0.08;

    /** σ of each quarter hour's technical loss about its model: imbalance, harmonics. */
    static final double QUARTER_LOSS_SIGMA = 0.05;

    /** σ of the transformer meter's random error per quarter hour, a share of the reading. */
    static final double METER_SIGMA = 0.002;

    /** The area's mean load is learned over about a month of quarter hours. */
    static final int MEAN_LOAD_QUARTERS = 30 * 96;

    /** About 250 workdays a year in China (weekends off; holidays not told apart). */
    static final double WORKDAYS_A_YEAR = 250;

    final long[] quarterWh;
    final long[] dayAcceptedWh;
    final long[] dayConsumedWh;
    final long[] daySuppliedWh;
    final boolean[] off;
    final int[] events;

    private final double[] loss;
    private final double[] meanLoadWh;
    private final long[] loadQuarters;
    private final double[] dayNoLoad;
    private final double[] dayLoadLoss;

    /**
     * Each area's day factors as standard normal states that persist from day to day (an AR(1) with
     * lag-one autocorrelation {@link #persistence}; 0: each day drawn afresh, as the same draws
     * always were).
     */
    private final double[] noLoadState;

    private final double[] loadLossState;
    private final double persistence;

    /**
     * σ of each area's unaccounted loss, a share of its supply (0: none, and nothing drawn for it),
     * its standard normal state (persisting as the technical loss's factors do) and its own random
     * stream, so that a run without it is the run it always was.
     */
    private final double unaccountedSigma;

    private final double[] unaccountedState;
    private final SplittableRandom[] unaccountedRandom;
    private boolean drawn;
    private final SplittableRandom[] lossRandom;
    private final long[] outageStart;
    private final long[] outageEnd;
    private final SplittableRandom[] outageRandom;
    private final double outageChancePerDay;
    private final long[] plannedStart;
    private final long[] plannedEnd;
    private final SplittableRandom[] plannedRandom;
    private final double plannedChancePerWorkday;

    AreaSupply(
            Fleet fleet,
            long seed,
            double outagesPerAreaYear,
            double plannedOutagesPerAreaYear,
            double persistence,
            double unaccountedSigma) {
        int n = fleet.areaCount();
        this.persistence = persistence;
        this.unaccountedSigma = unaccountedSigma;
        unaccountedState = new double[n];
        unaccountedRandom = new SplittableRandom[n];
        noLoadState = new double[n];
        loadLossState = new double[n];
        loss = fleet.areaLoss;
        meanLoadWh = new double[n];
        loadQuarters = new long[n];
        dayNoLoad = new double[n];
        dayLoadLoss = new double[n];
        lossRandom = new SplittableRandom[n];
        quarterWh = new long[n];
        dayAcceptedWh = new long[n];
        dayConsumedWh = new long[n];
        daySuppliedWh = new long[n];
        off = new boolean[n];
        events = new int[n];
        outageStart = new long[n];
        outageEnd = new long[n];
        outageRandom = new SplittableRandom[n];
        plannedStart = new long[n];
        plannedEnd = new long[n];
        plannedRandom = new SplittableRandom[n];
        for (int a = 0; a < n; a++) {
            outageStart[a] = Long.MIN_VALUE;
            outageEnd[a] = Long.MIN_VALUE;
            outageRandom[a] = Seeds.stream(seed, Seeds.OUTAGE, a);
            plannedStart[a] = Long.MIN_VALUE;
            plannedEnd[a] = Long.MIN_VALUE;
            plannedRandom[a] = Seeds.stream(seed, Seeds.PLANNED_OUTAGE, a);
            lossRandom[a] = Seeds.stream(seed, Seeds.TECHNICAL_LOSS, a);
            unaccountedRandom[a] = Seeds.stream(seed, Seeds.UNACCOUNTED_LOSS, a);
        }
        beginDay();
        outageChancePerDay = Math.min(1, outagesPerAreaYear / 365.0);
        plannedChancePerWorkday = Math.min(1, plannedOutagesPerAreaYear / WORKDAYS_A_YEAR);
    }

    /**
     * Decides the planned outages (maintenance) of a workday: each area's chance is its yearly rate
     * over {@link #WORKDAYS_A_YEAR}, drawn from a random stream of its own, so the unplanned
     * outages and everything else of a seed stay as they were. Work starts between 08:00 and 12:00
     * and lasts 2 to 6 hours; an area dark (or just back) from an unplanned outage around then
     * keeps its supply. Call after {@link #planDay}. Returns {@code [area, startQuarter,
     * endQuarter]} in area order.
     */
    long[][] planWorkday(long firstQuarter) {
        long[][] planned = new long[0][];
        if (plannedChancePerWorkday <= 0) {
            return planned;
        }
        for (int a = 0; a < off.length; a++) {
            SplittableRandom r = plannedRandom[a];
            if (r.nextDouble() >= plannedChancePerWorkday) {
                continue;
            }
            long start =
                    firstQuarter
                            + PLANNED_FIRST_START
                            + r.nextInt(PLANNED_LAST_START - PLANNED_FIRST_START + 1);
            long end =
                    start
                            + MIN_PLANNED_QUARTERS
                            + r.nextInt(MAX_PLANNED_QUARTERS - MIN_PLANNED_QUARTERS + 1);
            if (outageStart[a] <= end + 1 && outageEnd[a] >= start - 1) {
                continue;
            }
            plannedStart[a] = start;
            plannedEnd[a] = end;
            planned = Arrays.copyOf(planned, planned.length + 1);
            planned[planned.length - 1] = new long[] {a, start, end};
        }
        return planned;
    }

    /**
     * Decides the outages that start today. Returns the areas whose outage starts today, as {@code
     * [area, startQuarter, endQuarter]} in area order, or an empty array.
     */
    long[][] planDay(long firstQuarter, int quarters) {
        long[][] planned = new long[0][];
        if (outageChancePerDay <= 0) {
            return planned;
        }
        for (int a = 0; a < off.length; a++) {
            SplittableRandom r = outageRandom[a];
            if (r.nextDouble() >= outageChancePerDay
                    || outageEnd[a] > firstQuarter
                    || plannedEnd[a] > firstQuarter) {
                continue;
            }
            outageStart[a] = firstQuarter + r.nextInt(quarters);
            outageEnd[a] =
                    outageStart[a]
                            + MIN_OUTAGE_QUARTERS
                            + r.nextInt(MAX_OUTAGE_QUARTERS - MIN_OUTAGE_QUARTERS + 1);
            planned = Arrays.copyOf(planned, planned.length + 1);
            planned[planned.length - 1] = new long[] {a, outageStart[a], outageEnd[a]};
        }
        return planned;
    }

    /** Whether the area has no supply in the quarter hour {@code quarter} of the run. */
    boolean offAt(int area, long quarter) {
        return (quarter >= outageStart[area] && quarter < outageEnd[area])
                || (quarter >= plannedStart[area] && quarter < plannedEnd[area]);
    }

    /** Sets {@link #off} and {@link #events} for the quarter and clears its energy. */
    void beginQuarter(long quarter) {
        for (int a = 0; a < off.length; a++) {
            off[a] = offAt(a, quarter);
            int e = 0;
            if (quarter == outageStart[a] || quarter == plannedStart[a]) {
                e |= MeterEvent.POWER_OFF.bit();
            }
            if (quarter == outageEnd[a] || quarter == plannedEnd[a]) {
                e |= MeterEvent.POWER_ON.bit();
            }
            events[a] = e;
            quarterWh[a] = 0;
        }
    }

    /**
     * Draws each area's no-load and load-loss factors of the day: each a standard normal state that
     * keeps {@link #persistence} of yesterday's (ρ·x + √(1 − ρ²)·ε, so every day's is standard
     * normal), scaled to its day-to-day σ.
     */
    void beginDay() {
        double fresh = Math.sqrt(1 - persistence * persistence);
        for (int a = 0; a < lossRandom.length; a++) {
            double noLoad = lossRandom[a].nextGaussian();
            double loadLoss = lossRandom[a].nextGaussian();
            noLoadState[a] = drawn ? persistence * noLoadState[a] + fresh * noLoad : noLoad;
            loadLossState[a] = drawn ? persistence * loadLossState[a] + fresh * loadLoss : loadLoss;
            dayNoLoad[a] = 1 + DAY_NO_LOAD_SIGMA * noLoadState[a];
            dayLoadLoss[a] =
                    Math.exp(
                            DAY_LOAD_LOSS_SIGMA * loadLossState[a]
                                    - 0.5 * DAY_LOAD_LOSS_SIGMA * DAY_LOAD_LOSS_SIGMA);
            if (unaccountedSigma > 0) {
                double other = unaccountedRandom[a].nextGaussian();
                unaccountedState[a] =
                        drawn ? persistence * unaccountedState[a] + fresh * other : other;
            }
        }
        drawn = true;
    }

    /** Today's factor of {@code area}'s supply reading for its unaccounted loss: 1 + σ·x. */
    double dayUnaccounted(int area) {
        return 1 + unaccountedSigma * unaccountedState[area];
    }

    /** Today's load-loss factor of {@code area} (its day-to-day multiplier of the load loss). */
    double dayLoadLoss(int area) {
        return dayLoadLoss[area];
    }

    /**
     * The energy into the area's transformer during the quarter, Wh, as its meter reads it; adds it
     * to the day. Nothing while the area is off; never less than its load (a reading the meter's
     * error would put below the energy metered downstream is kept at it).
     */
    long supplied(int area) {
        SplittableRandom r = lossRandom[area];
        double quarterNoise = r.nextGaussian();
        double meterNoise = r.nextGaussian();
        long load = quarterWh[area];
        long wh = 0;
        if (!off[area]) {
            long n = ++loadQuarters[area];
            meanLoadWh[area] +=
                    Math.max(1.0 / n, 1.0 / MEAN_LOAD_QUARTERS) * (load - meanLoadWh[area]);
            double mean = meanLoadWh[area];
            // at the mean load, the loss is lossRate of the supply: loss / (1 − loss) of the load
            double atMean = loss[area] / (1 - loss[area]) * mean;
            double noLoad = NO_LOAD_SHARE * atMean * dayNoLoad[area];
            double loadLoss =
                    mean > 0
                            ? (1 - NO_LOAD_SHARE)
                                    * atMean
                                    * (load / mean)
                                    * (load / mean)
                                    * dayLoadLoss[area]
                            : 0;
            double technical =
                    Math.max(0, (noLoad + loadLoss) * (1 + QUARTER_LOSS_SIGMA * quarterNoise));
            wh =
                    Math.max(
                            load,
                            Math.round(
                                    (load + technical)
                                            * (1 + METER_SIGMA * meterNoise)
                                            * dayUnaccounted(area)));
        }
        daySuppliedWh[area] += wh;
        dayConsumedWh[area] += quarterWh[area];
        return wh;
    }

    void clearDay() {
        Arrays.fill(dayAcceptedWh, 0);
        Arrays.fill(dayConsumedWh, 0);
        Arrays.fill(daySuppliedWh, 0);
    }
}
