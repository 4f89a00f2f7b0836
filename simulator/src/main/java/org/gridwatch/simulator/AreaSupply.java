package org.gridwatch.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gridwatch.core.event.MeterEvent;

/**
 * The transformer areas while the simulation runs: the energy metered in each during the current
 * quarter hour and day, the supply at the transformer, and outages. Supply is the area's true
 * consumption plus its technical loss: {@code supplied = consumed / (1 - lossRate)}, the loss being
 * a share of supply as in the Chinese line-loss rate (线损率).
 */
final class AreaSupply {
    private static final int MIN_OUTAGE_QUARTERS = 4;
    private static final int MAX_OUTAGE_QUARTERS = 16;

    /** Planned work starts between 08:00 and 12:00 local and lasts 2 to 6 hours. */
    private static final int PLANNED_FIRST_START = 32;

    private static final int PLANNED_LAST_START = 48;
    private static final int MIN_PLANNED_QUARTERS = 8;
    private static final int MAX_PLANNED_QUARTERS = 24;

    /** About 250 workdays a year in China (weekends off; holidays not told apart). */
    static final double WORKDAYS_A_YEAR = 250;

    final long[] quarterWh;
    final long[] dayAcceptedWh;
    final long[] dayConsumedWh;
    final long[] daySuppliedWh;
    final boolean[] off;
    final int[] events;

    private final double[] loss;
    private final long[] outageStart;
    private final long[] outageEnd;
    private final SplittableRandom[] outageRandom;
    private final double outageChancePerDay;
    private final long[] plannedStart;
    private final long[] plannedEnd;
    private final SplittableRandom[] plannedRandom;
    private final double plannedChancePerWorkday;

    AreaSupply(
            Fleet fleet, long seed, double outagesPerAreaYear, double plannedOutagesPerAreaYear) {
        int n = fleet.areaCount();
        loss = fleet.areaLoss;
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
        }
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

    /** The energy into the area's transformer during the quarter, Wh; adds it to the day. */
    long supplied(int area) {
        long wh = Math.round(quarterWh[area] / (1 - loss[area]));
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
