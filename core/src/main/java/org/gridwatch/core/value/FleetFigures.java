package org.gridwatch.core.value;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.CustomerValuation;

/**
 * What a month's valuation reads of the fleet besides each customer's own ranks: the value
 * thresholds of the segment rule and the median trend and volatility of each class. A handful of
 * numbers, the same for every customer, so they can go to every task that assesses customers.
 *
 * @param billedAt the billing they are of: the end of the quarter hour the month's bills were
 *     issued in
 * @param highValueFen value from which use counts as high ({@link SegmentRule#highValueFen})
 * @param moderateValueFen value from which use counts as moderate
 * @param medianTrend per class ({@link CustomerClass#ordinal}), 0 for a class without customers
 * @param medianVolatility per class, the same way
 */
public record FleetFigures(
        long billedAt,
        long highValueFen,
        long moderateValueFen,
        double[] medianTrend,
        double[] medianVolatility) {

    /** The segment rule of the month. */
    public SegmentRule rule(SegmentPolicy policy) {
        return new SegmentRule(highValueFen, moderateValueFen, policy);
    }

    /**
     * Everything the segment rule reads of the customer besides credit, this month: its own values,
     * its ranks in the fleet and its class's medians.
     *
     * @param valueRank its value's percentile rank in the fleet ({@link FleetDistribution#rank})
     * @param energyRank its kWh's
     */
    public CustomerValuation valuation(
            CustomerStanding s, double valueRank, double energyRank, ValueModel model) {
        int c = s.customerClass().ordinal();
        double relativeGrowth = s.trend() - medianTrend[c];
        return new CustomerValuation(
                model.basis().label(),
                FleetValuation.valueFen(s, model.basis()),
                valueRank,
                model.value().currentValue(valueRank, energyRank),
                model.value()
                        .potentialValue(
                                new PotentialInputs(
                                        relativeGrowth,
                                        s.loadFactor(),
                                        s.peakShare(),
                                        s.tenureYears(),
                                        s.contractHeadroom())),
                relativeGrowth,
                s.volatility(),
                medianVolatility[c],
                s.contractHeadroom());
    }

    /** A customer's percentile rank from its place: below it, plus half of those equal to it. */
    public static double rank(long below, long equal, long n) {
        return (below + equal / 2.0) / n;
    }

    /** The median of a sorted list of {@code n} from its two middle values. */
    static double median(double lower, double upper, long n) {
        return n % 2 == 1 ? upper : (lower + upper) / 2;
    }

    /**
     * The month's figures gathered from the ranges of its distributions ({@link RangeFindings}), in
     * any order: each threshold and median lies in exactly one range, and the concentration sums
     * add up.
     */
    public static final class Gathered {
        private final Map<String, Long> sizes = new TreeMap<>();
        private final Map<String, Map<Long, Long>> found = new HashMap<>();
        private final Map<String, ConcentrationSums> sums = new TreeMap<>();

        public void add(RangeFindings f) {
            sizes.put(f.distribution(), f.n());
            Map<Long, Long> at = found.computeIfAbsent(f.distribution(), d -> new HashMap<>());
            for (int i = 0; i < f.positions().length; i++) {
                at.put(f.positions()[i], f.keys()[i]);
            }
            if (f.sums().n() > 0) {
                sums.merge(f.distribution(), f.sums(), ConcentrationSums::plus);
            }
        }

        /** How many customers the fleet has this month: 0 when nothing was gathered. */
        public long customers() {
            return sizes.getOrDefault(FleetMeasure.VALUE.name(), 0L);
        }

        public FleetFigures figures(long billedAt, ValueModel model) {
            long[] at = FleetMeasure.VALUE.positions(customers(), model.segments());
            double[] trend = new double[CustomerClass.values().length];
            double[] volatility = new double[CustomerClass.values().length];
            for (CustomerClass c : CustomerClass.values()) {
                trend[c.ordinal()] = median(FleetMeasure.TREND.distribution(c), model);
                volatility[c.ordinal()] = median(FleetMeasure.VOLATILITY.distribution(c), model);
            }
            return new FleetFigures(
                    billedAt,
                    key(FleetMeasure.VALUE.name(), at[0]),
                    key(FleetMeasure.VALUE.name(), at[1]),
                    trend,
                    volatility);
        }

        /**
         * The 80/20 check and Gini of one distribution (e.g. {@link
         * FleetMeasure#revenueDistribution}).
         */
        public Concentration concentration(String distribution) {
            return sums.getOrDefault(distribution, ConcentrationSums.NONE).concentration();
        }

        private double median(String distribution, ValueModel model) {
            Long n = sizes.get(distribution);
            if (n == null) {
                return 0.0; // no customer of the class
            }
            long[] at = FleetMeasure.of(distribution).positions(n, model.segments());
            return FleetFigures.median(
                    ValueRanges.fromSortable(key(distribution, at[0])),
                    ValueRanges.fromSortable(key(distribution, at[1])),
                    n);
        }

        private long key(String distribution, long position) {
            Long key = found.getOrDefault(distribution, Map.of()).get(position);
            if (key == null) {
                throw new IllegalStateException(
                        "no range of " + distribution + " held position " + position);
            }
            return key;
        }
    }
}
