package org.gridwatch.simulator;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.event.MeterReading;

/**
 * The head-end collecting a meter's energy again in other intervals than it first delivered it
 * ({@link DeliveryFault#OVERLAPPING}): an hourly or half-hourly reading again as its quarter hours,
 * from the 15-minute load profile meters keep whatever interval they report, or a quarter-hour
 * meter's hour again as one hourly reading. The re-sent records carry the true energy, events and
 * registers of their intervals, so they differ from the first delivery only in how they cut it.
 *
 * <p>Keeps every meter's quarter hours of the current local hour, energy and events: 32 bytes a
 * meter, held only while the fault is switched on.
 */
final class ProfileRecollection {
    private static final int QUARTERS_PER_HOUR = 4;
    private static final long QUARTER = 15 * 60_000L;

    private final int[] wh;
    private final int[] events;

    ProfileRecollection(int customers) {
        wh = new int[customers * QUARTERS_PER_HOUR];
        events = new int[customers * QUARTERS_PER_HOUR];
    }

    /** Remembers a meter's energy (Wh) and events in the quarter hour {@code quarterOfDay}. */
    void record(SimulatedCustomer c, int quarterOfDay, long quarterWh, int quarterEvents) {
        int i = c.index * QUARTERS_PER_HOUR + quarterOfDay % QUARTERS_PER_HOUR;
        wh[i] = Math.toIntExact(quarterWh);
        events[i] = quarterEvents;
    }

    /** Replaces the energy remembered of a quarter hour (a tampered meter's profile). */
    void recordWh(SimulatedCustomer c, int quarterOfDay, long quarterWh) {
        wh[c.index * QUARTERS_PER_HOUR + quarterOfDay % QUARTERS_PER_HOUR] =
                Math.toIntExact(quarterWh);
    }

    /**
     * Whether the reading that ends with quarter hour {@code quarterOfDay} can be collected again
     * in other intervals: any reading longer than a quarter hour, a quarter hour only when it
     * completes a local hour.
     */
    static boolean canRecollect(SimulatedCustomer c, int quarterOfDay) {
        return c.intervalQuarters > 1 || quarterOfDay % QUARTERS_PER_HOUR == QUARTERS_PER_HOUR - 1;
    }

    /**
     * The reading that ends at {@code endMillis} with quarter hour {@code quarterOfDay}, collected
     * again: its quarter hours, or for a quarter-hour meter its hour. {@code registerWh} is the
     * register after it.
     */
    List<MeterReading> recollect(
            SimulatedCustomer c, int quarterOfDay, long endMillis, long registerWh) {
        String meterId = c.master.meterId();
        int first = c.index * QUARTERS_PER_HOUR;
        int last = first + quarterOfDay % QUARTERS_PER_HOUR;
        if (c.intervalQuarters == 1) {
            long hourWh = 0;
            int hourEvents = 0;
            for (int i = first; i <= last; i++) {
                hourWh += wh[i];
                hourEvents |= events[i];
            }
            return List.of(reading(meterId, endMillis, 60, hourWh, registerWh, hourEvents));
        }
        List<MeterReading> quarters = new ArrayList<>(c.intervalQuarters);
        long register = registerWh;
        // From the last quarter hour back: each one's register is the next one's less its energy.
        for (int k = 0; k < c.intervalQuarters; k++) {
            int i = last - k;
            quarters.add(
                    0, reading(meterId, endMillis - k * QUARTER, 15, wh[i], register, events[i]));
            register -= wh[i];
        }
        return quarters;
    }

    private static MeterReading reading(
            String meterId, long endMillis, int minutes, long wh, long registerWh, int events) {
        return new MeterReading(
                meterId, endMillis, minutes, wh / 1000.0, registerWh / 1000.0, Double.NaN, events);
    }
}
