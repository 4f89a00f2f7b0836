package org.gridwatch.core.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.CustomerClass;

/**
 * The fleet as it stands at a month's billing: the distributions every customer's value is relative
 * to, and the segment thresholds drawn from them. Built once a month from every customer's {@link
 * CustomerStanding}; the values it gives are kept with each customer until the next month's
 * billing, while credit changes in between re-assess the segment with the same rule.
 *
 * <p>Growth counts relative to the customer's class: a customer's trend minus the median trend of
 * its class. Weather and season move a whole class together (air conditioning in summer, heating in
 * winter), and over a short history they would otherwise pass for growth or decline; what marks a
 * customer heading up is growing faster than its peers. Relative, like current value.
 */
public final class FleetValuation {

    private final ValueModel model;
    private final FleetDistribution revenue;
    private final FleetDistribution energy;
    private final Map<CustomerClass, Double> medianTrend;
    private final SegmentRule rule;

    private FleetValuation(
            ValueModel model,
            FleetDistribution revenue,
            FleetDistribution energy,
            Map<CustomerClass, Double> medianTrend) {
        this.model = model;
        this.revenue = revenue;
        this.energy = energy;
        this.medianTrend = medianTrend;
        this.rule = model.segments().rule(revenue);
    }

    /** The valuation of a fleet, which must not be empty. */
    public static FleetValuation of(Collection<CustomerStanding> fleet, ValueModel model) {
        long[] revenues = new long[fleet.size()];
        long[] energies = new long[fleet.size()];
        Map<CustomerClass, List<Double>> trends = new EnumMap<>(CustomerClass.class);
        int i = 0;
        for (CustomerStanding s : fleet) {
            revenues[i] = s.revenue12Fen();
            energies[i++] = s.energy12Wh();
            trends.computeIfAbsent(s.customerClass(), c -> new ArrayList<>()).add(s.trend());
        }
        Map<CustomerClass, Double> medians = new EnumMap<>(CustomerClass.class);
        trends.forEach((c, list) -> medians.put(c, median(list)));
        return new FleetValuation(
                model, FleetDistribution.of(revenues), FleetDistribution.of(energies), medians);
    }

    public SegmentRule rule() {
        return rule;
    }

    /** Current value 0–1: revenue and energy ranks in the fleet ({@link ValueRules}). */
    public double currentValue(CustomerStanding s) {
        return model.value().currentValue(s.revenue12Fen(), s.energy12Wh(), revenue, energy);
    }

    /** The customer's growth relative to its class: its trend minus the class median. */
    public double relativeGrowth(CustomerStanding s) {
        return s.trend() - medianTrend.getOrDefault(s.customerClass(), 0.0);
    }

    /** Potential value 0–1 ({@link ValueRules#potentialValue}) with the relative growth. */
    public double potentialValue(CustomerStanding s) {
        return model.value()
                .potentialValue(
                        new PotentialInputs(
                                relativeGrowth(s), s.loadFactor(), s.peakShare(), s.tenureYears()));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
