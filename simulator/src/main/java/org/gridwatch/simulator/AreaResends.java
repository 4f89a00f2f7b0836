package org.gridwatch.simulator;

import java.util.SplittableRandom;
import org.gridwatch.core.event.AreaReading;

/**
 * The head-end mishandling area readings: one sent twice ({@link DeliveryFault#AREA_DUPLICATE}), or
 * an area's hour sent again as one hourly reading ({@link DeliveryFault#AREA_OVERLAPPING}). Each
 * area draws on a random stream of its own, so that these faults change nothing else of a seed.
 */
final class AreaResends {
    private static final int QUARTERS_PER_HOUR = 4;

    /** A record to send again, and why. */
    record Resend(DeliveryFault fault, AreaReading reading) {}

    private final FaultRates rates;
    private final SplittableRandom[] random;
    private final long[] hourWh;

    AreaResends(int areas, long seed, FaultRates rates) {
        this.rates = rates;
        random = new SplittableRandom[areas];
        for (int a = 0; a < areas; a++) {
            random[a] = Seeds.stream(seed, Seeds.AREA_DELIVERY, a);
        }
        hourWh = new long[areas];
    }

    /**
     * Draws the fault of an area reading just sent, the area's supply in quarter hour {@code
     * quarterOfDay} ({@code suppliedWh}). Returns what to send again, or null.
     */
    Resend draw(int area, AreaReading sent, int quarterOfDay, long suppliedWh) {
        boolean completesHour = quarterOfDay % QUARTERS_PER_HOUR == QUARTERS_PER_HOUR - 1;
        hourWh[area] = (quarterOfDay % QUARTERS_PER_HOUR == 0 ? 0 : hourWh[area]) + suppliedWh;
        if (!rates.anyForAreas()) {
            return null;
        }
        double u = random[area].nextDouble();
        if (u < rates.areaDuplicate()) {
            return new Resend(DeliveryFault.AREA_DUPLICATE, sent);
        }
        if (u < rates.areaDuplicate() + rates.areaOverlapping() && completesHour) {
            AreaReading hour =
                    new AreaReading(sent.areaId(), sent.endMillis(), 60, hourWh[area] / 1000.0);
            return new Resend(DeliveryFault.AREA_OVERLAPPING, hour);
        }
        return null;
    }
}
