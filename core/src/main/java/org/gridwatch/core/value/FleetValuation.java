package org.gridwatch.core.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.CustomerValuation;

/**
 * The fleet as it stands at a month's billing: the distributions every customer's value is relative
 * to, and the segment thresholds drawn from them. Built once a month from every customer's {@link
 * CustomerStanding}; the values it gives are kept with each customer until the next month's
 * billing, while credit changes in between re-assess the segment with the same rule.
 *
 * <p>Growth and volatility count relative to the customer's class: a customer's trend minus the
 * median trend of its class, its volatility minus the class's median. Weather and season move a
 * whole class together (air conditioning in summer, heating in winter), and over a short history
 * they would otherwise pass for growth, decline or instability; what marks a customer heading up,
 * going down or unsteady is doing so more than its peers. Relative, like current value.
 */
public final class FleetValuation {

    private final ValueModel model;
    private final FleetDistribution value;
    private final FleetDistribution energy;
    private final FleetFigures figures;
    private final SegmentRule rule;

    private FleetValuation(
            ValueModel model,
            FleetDistribution value,
            FleetDistribution energy,
            double[] medianTrend,
            double[] medianVolatility) {
        this.model = model;
        this.value = value;
        this.energy = energy;
        this.rule = model.segments().rule(value);
        this.figures =
                new FleetFigures(
                        0L,
                        rule.highValueFen(),
                        rule.moderateValueFen(),
                        medianTrend,
                        medianVolatility);
    }

    /**
     * The valuation of a fleet, which must not be empty, sorted in one place. The monitor job
     * values its fleet by ranges instead ({@link RangeRanks}), with the same results; this is the
     * whole-fleet reference, for tests and the benchmark.
     */
    public static FleetValuation of(Collection<CustomerStanding> fleet, ValueModel model) {
        long[] values = new long[fleet.size()];
        long[] energies = new long[fleet.size()];
        Map<CustomerClass, List<Double>> trends = new EnumMap<>(CustomerClass.class);
        Map<CustomerClass, List<Double>> volatilities = new EnumMap<>(CustomerClass.class);
        int i = 0;
        for (CustomerStanding s : fleet) {
            values[i] = valueFen(s, model.basis());
            energies[i++] = s.energy12Wh();
            trends.computeIfAbsent(s.customerClass(), c -> new ArrayList<>()).add(s.trend());
            volatilities
                    .computeIfAbsent(s.customerClass(), c -> new ArrayList<>())
                    .add(s.volatility());
        }
        return new FleetValuation(
                model,
                FleetDistribution.of(values),
                FleetDistribution.of(energies),
                medians(trends),
                medians(volatilities));
    }

    /** The customer's 12-month value on the model's basis (revenue or margin), fen. */
    public static long valueFen(CustomerStanding s, ValueBasis basis) {
        return basis.valueFen(s.customerClass(), s.revenue12Fen(), s.energy12Wh());
    }

    public SegmentRule rule() {
        return rule;
    }

    /** The thresholds and class medians of this fleet. */
    public FleetFigures figures() {
        return figures;
    }

    /** Everything the segment rule reads of the customer besides credit, this month. */
    public CustomerValuation valuation(CustomerStanding s) {
        return figures.valuation(
                s, value.rank(valueFen(s, model.basis())), energy.rank(s.energy12Wh()), model);
    }

    /** Current value 0–1: value and energy ranks in the fleet ({@link ValueRules}). */
    public double currentValue(CustomerStanding s) {
        return valuation(s).currentValue();
    }

    /** The customer's growth relative to its class: its trend minus the class median. */
    public double relativeGrowth(CustomerStanding s) {
        return valuation(s).relativeGrowth();
    }

    /** Potential value 0–1 ({@link ValueRules#potentialValue}) with the relative growth. */
    public double potentialValue(CustomerStanding s) {
        return valuation(s).potentialValue();
    }

    private static double[] medians(Map<CustomerClass, List<Double>> byClass) {
        double[] medians = new double[CustomerClass.values().length];
        byClass.forEach((c, list) -> medians[c.ordinal()] = median(list));
        return medians;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return FleetFigures.median(sorted[(n - 1) / 2], sorted[n / 2], n);
    }
}
