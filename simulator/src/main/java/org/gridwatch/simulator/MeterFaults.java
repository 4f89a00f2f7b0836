package org.gridwatch.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deals the meter faults of a run: {@link SimulationConfig#meterFaults()} of the honest customers
 * (never a thief; rounded, at least one), picked with the seed from streams of their own (a run
 * without meter faults is as it was), the kinds of {@link MeterFault.Kind} in turn in customer
 * order. Each fault starts on a day drawn in the run's middle half, so that the meter has weeks of
 * history before it and the run sees it end.
 */
final class MeterFaults {
    private MeterFaults() {}

    /** Marks the faulty meters' customers; returns how many. */
    static int deal(Fleet fleet, SimulationConfig config) {
        double share = config.meterFaults();
        if (!(share > 0)) {
            return 0;
        }
        List<SimulatedCustomer> honest = new ArrayList<>();
        for (SimulatedCustomer c : fleet.customers) {
            if (c.thief == null) {
                honest.add(c);
            }
        }
        int n = honest.size();
        int count = (int) Math.min(n, Math.max(1, Math.round(share * n)));
        SplittableRandom pick = Seeds.stream(config.seed(), Seeds.METER_FAULT, 0);
        for (int k = 0; k < count; k++) {
            Collections.swap(honest, k, k + pick.nextInt(n - k));
        }
        List<SimulatedCustomer> chosen = new ArrayList<>(honest.subList(0, count));
        chosen.sort(Comparator.comparingInt(c -> c.index));
        MeterFault.Kind[] kinds = MeterFault.Kind.values();
        int days = config.days();
        int first = days / 4;
        int span = Math.max(1, days / 2);
        for (int k = 0; k < count; k++) {
            SimulatedCustomer c = chosen.get(k);
            SplittableRandom r = Seeds.stream(config.seed(), Seeds.METER_FAULT, c.index + 1L);
            MeterFault.Kind kind = kinds[k % kinds.length];
            int start = first + r.nextInt(span);
            int length = kind.minDays + r.nextInt(kind.maxDays - kind.minDays + 1);
            c.meterFault = new MeterFault(kind, start, start + length);
        }
        return count;
    }
}
