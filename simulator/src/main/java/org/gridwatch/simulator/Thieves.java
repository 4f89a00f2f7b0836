package org.gridwatch.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gridwatch.core.detect.AttackKind;

/**
 * Deals the thieves of a run ({@link TheftMix}): picks them with the seed, gives them the attack
 * kinds in turn (so each kind has the same number of thieves, ±1), and plans the spurious
 * COVER_OPEN of honest meters during the theft period.
 */
final class Thieves {
    /**
     * Share of honest meters raising one spurious COVER_OPEN in the theft period (a loose cover, a
     * meter reader's visit): so that a detector cannot take one flag for proof.
     */
    static final double SPURIOUS_SHARE = 0.002;

    private Thieves() {}

    /**
     * Marks the thieves and the honest meters with a spurious flag; returns the thieves in customer
     * order, none when the mix steals nothing.
     */
    static Thief[] deal(Fleet fleet, SimulationConfig config) {
        TheftMix mix = config.theft();
        SimulatedCustomer[] customers = fleet.customers;
        int n = customers.length;
        int count = mix.thieves(n);
        if (count == 0) {
            return new Thief[0];
        }
        int first = mix.firstDay(config.days());
        List<AttackKind> kinds = mix.kinds();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom pick = Seeds.stream(config.seed(), Seeds.THEFT, 0);
        for (int k = 0; k < count; k++) {
            int j = k + pick.nextInt(n - k);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        for (int k = 0; k < count; k++) {
            SimulatedCustomer c = customers[order[k]];
            c.thief =
                    new Thief(
                            c,
                            kinds.get(k % kinds.size()),
                            first,
                            mix.spreadDays(),
                            config.days(),
                            Seeds.stream(config.seed(), Seeds.THIEF, c.index));
        }
        Thief[] thieves = new Thief[count];
        int[] picked = Arrays.copyOf(order, count);
        Arrays.sort(picked);
        for (int k = 0; k < count; k++) {
            thieves[k] = customers[picked[k]].thief;
        }
        for (SimulatedCustomer c : customers) {
            if (c.thief != null) {
                continue;
            }
            SplittableRandom r = Seeds.stream(config.seed(), Seeds.SPURIOUS_EVENT, c.index);
            if (r.nextDouble() < SPURIOUS_SHARE) {
                c.spuriousDay = first + r.nextInt(config.days() - first);
                c.spuriousReading = r.nextInt(96 / c.intervalQuarters);
            }
        }
        return thieves;
    }
}
