package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.reliability.ReliabilityIndices;
import org.gridwatch.core.reliability.ReliabilityLedger;

/** The {@code supply_reliability} points of an area's or the fleet's ledger. */
final class ReliabilityPoints {

    static final String MONTH = "MONTH";
    static final String ROLLING_12_MONTHS = "ROLLING_12_MONTHS";

    private ReliabilityPoints() {}

    /**
     * The points of {@code month} at {@code stampMillis}: per slot of {@code slots} (a slot, or -1
     * for all together as segment ALL), the month to date and the rolling 12 months.
     */
    static List<MetricPoint> of(
            String area, ReliabilityLedger ledger, int month, long stampMillis, int[] slots) {
        List<MetricPoint> points = new ArrayList<>(slots.length * 2);
        for (int slot : slots) {
            String segment =
                    slot < 0 ? ReliabilityLedger.ALL_SEGMENTS : ReliabilityLedger.segment(slot);
            points.add(point(area, segment, MONTH, ledger.month(month, slot), stampMillis));
            points.add(
                    point(
                            area,
                            segment,
                            ROLLING_12_MONTHS,
                            ledger.twelveMonths(month, slot),
                            stampMillis));
        }
        return points;
    }

    /** Every slot and all together. */
    static int[] allSlots() {
        int[] slots = new int[ReliabilityLedger.SLOTS + 1];
        for (int s = 0; s < ReliabilityLedger.SLOTS; s++) {
            slots[s] = s;
        }
        slots[ReliabilityLedger.SLOTS] = -1;
        return slots;
    }

    private static MetricPoint point(
            String area, String segment, String window, ReliabilityIndices r, long stampMillis) {
        return MetricPoint.of(Measurements.SUPPLY_RELIABILITY)
                .tag("area", area)
                .tag("segment", segment)
                .tag("window", window)
                .field("customers", r.customersServed)
                .field("interruptions", r.customerInterruptions)
                .field("customer_minutes", r.customerMinutes)
                .field("momentary", r.momentaryInterruptions)
                .field("saidi", r.saidiMinutes())
                .field("saifi", r.saifi())
                .field("caidi", r.caidiMinutes())
                .field("maifi", r.maifi())
                .at(stampMillis);
    }
}
