package org.gridwatch.simulator;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;

/**
 * The on-site inspections of a run: each drawn with its customer ({@link #draw}), then handed out
 * in event-time order ({@link #nextMillis}, {@link #poll}) so the simulator can send them among the
 * payments and readings. Inspections fall in the first half of the run, so that a monitor has the
 * second half to show what it does with them.
 */
final class Inspections {
    private static final long MINUTE = 60_000L;

    /**
     * Inspectors visit in working hours, 09:00 to 17:00 local time, on a workday if there is one.
     */
    static final LocalTime WORK_STARTS = LocalTime.of(9, 0);

    static final LocalTime WORK_ENDS = LocalTime.of(17, 0);

    private final List<Inspection> planned = new ArrayList<>();
    private int next;

    /** The inspections of {@code customers}, ordered by time, then by customer number. */
    Inspections(SimulatedCustomer[] customers) {
        List<SimulatedCustomer> inspected = new ArrayList<>();
        for (SimulatedCustomer c : customers) {
            if (c.inspection != null) {
                inspected.add(c);
            }
        }
        inspected.sort(
                Comparator.comparingLong((SimulatedCustomer c) -> c.inspection.tsMillis())
                        .thenComparingInt(c -> c.index));
        for (SimulatedCustomer c : inspected) {
            planned.add(c.inspection);
        }
    }

    /** The time of the next inspection not yet handed out; {@code Long.MAX_VALUE} when none. */
    long nextMillis() {
        return next < planned.size() ? planned.get(next).tsMillis() : Long.MAX_VALUE;
    }

    Inspection poll() {
        return planned.get(next++);
    }

    int count() {
        return planned.size();
    }

    /**
     * A customer's inspection, or null if it has none: the outcome from the config's mix, the time
     * a whole minute in working hours on a day of the first half of the run, before its midpoint.
     *
     * @param alertId the deterministic id of the (simulated) alert that sent the inspector
     */
    static Inspection draw(
            SimulationConfig config, String customerId, String alertId, SplittableRandom r) {
        InspectionOutcome outcome = config.inspectionMix().draw(r.nextDouble(), r.nextDouble());
        if (outcome == null) {
            return null;
        }
        ZoneId zone = config.zone();
        LocalDate start = config.start();
        long startMillis = start.atStartOfDay(zone).toInstant().toEpochMilli();
        long endMillis =
                start.plusDays(config.days()).atStartOfDay(zone).toInstant().toEpochMilli();
        long midpoint = startMillis + (endMillis - startMillis) / 2;
        // The days that begin before the midpoint; their working hours start before it too.
        int days = (config.days() + 1) / 2;
        int workdays = 0;
        for (int d = 0; d < days; d++) {
            workdays += ClassProfile.isWeekend(start.plusDays(d)) ? 0 : 1;
        }
        int pick = r.nextInt(workdays > 0 ? workdays : days);
        LocalDate date = start;
        for (int d = 0; ; d++) {
            date = start.plusDays(d);
            if (workdays == 0 || !ClassProfile.isWeekend(date)) {
                if (pick-- == 0) {
                    break;
                }
            }
        }
        long from = date.atTime(WORK_STARTS).atZone(zone).toInstant().toEpochMilli();
        long to =
                Math.min(midpoint, date.atTime(WORK_ENDS).atZone(zone).toInstant().toEpochMilli());
        long ts = from + r.nextLong((to - from) / MINUTE) * MINUTE;
        return new Inspection(customerId, alertId, ts, outcome);
    }
}
