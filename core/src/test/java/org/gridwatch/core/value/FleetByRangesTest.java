package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.gridwatch.core.event.CustomerClass;
import org.junit.jupiter.api.Test;

/**
 * The fleet valued by ranges, as the monitor job's steps do it (counts per range from random
 * shards, each range sorted on its own, findings gathered in any order), against the whole fleet
 * sorted in one place by this test: ranks counted customer by customer, thresholds and medians read
 * off the sorted lists, Gini from the mean absolute difference of every pair.
 */
class FleetByRangesTest {

    private static final ValueModel ON_MARGIN =
            new ValueModel(
                    CreditRules.DEFAULTS,
                    ValueRules.DEFAULTS,
                    SegmentPolicy.DEFAULTS,
                    Strategies.DEFAULTS,
                    ValueModel.DEFAULT_PEAK_HOURS_TARIFF,
                    new ValueBasis(ValueBasis.Kind.PURCHASE_COST, prices(0.55)));

    private static Map<CustomerClass, Double> prices(double cnyPerKwh) {
        Map<CustomerClass, Double> prices = new EnumMap<>(CustomerClass.class);
        for (CustomerClass c : CustomerClass.values()) {
            prices.put(c, cnyPerKwh);
        }
        return prices;
    }

    /** A fleet with ties, zeros, minus zeros and a class of one. */
    static List<CustomerStanding> fleet(int n, long seed) {
        Random random = new Random(seed);
        CustomerClass[] classes = {
            CustomerClass.RESIDENTIAL, CustomerClass.COMMERCIAL, CustomerClass.GENERAL_INDUSTRY
        };
        long[] commonRevenues = {0, 50_000, 120_000};
        double[] commonTrends = {0.0, -0.0, 0.1, -0.05};
        List<CustomerStanding> fleet = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CustomerClass c = i == 0 ? CustomerClass.AGRICULTURE : classes[random.nextInt(3)];
            long revenue =
                    random.nextInt(10) < 3
                            ? commonRevenues[random.nextInt(3)]
                            : (long) Math.exp(11 + 1.5 * random.nextGaussian());
            long wh =
                    random.nextInt(10) < 2
                            ? 1_000_000
                            : (long) Math.exp(14 + 1.5 * random.nextGaussian());
            double trend =
                    random.nextInt(10) < 3
                            ? commonTrends[random.nextInt(4)]
                            : 0.1 * random.nextGaussian();
            double volatility =
                    random.nextInt(10) < 2 ? 0.05 : Math.abs(0.2 * random.nextGaussian());
            fleet.add(
                    FleetValuationTest.standing(
                            "C" + i, c, revenue, wh, trend, 90, volatility, Double.NaN, 0));
        }
        return fleet;
    }

    /** What the steps give: each customer's place per ranked distribution, and the month. */
    record ByRanges(Map<String, Map<String, long[]>> places, FleetFigures.Gathered month) {
        double rank(String distribution, String customerId) {
            long[] p = places.get(distribution).get(customerId);
            return FleetFigures.rank(p[0], p[1], p[2]);
        }
    }

    /** The fleet valued by ranges, with the parts cut and ordered at random. */
    static ByRanges byRanges(List<CustomerStanding> fleet, ValueModel model, Random random) {
        int shards = 5;
        List<Map<String, Long>> shardCounts = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            shardCounts.add(new HashMap<>());
        }
        Map<String, List<String>> rangeIds = new TreeMap<>();
        Map<String, List<Long>> rangeKeys = new TreeMap<>();
        for (CustomerStanding s : fleet) {
            for (FleetMeasure.Value v : FleetMeasure.valuesOf(s, model.basis())) {
                String range = v.distribution() + "|" + v.range();
                shardCounts.get(random.nextInt(shards)).merge(range, 1L, Long::sum);
                rangeIds.computeIfAbsent(range, r -> new ArrayList<>()).add(s.customerId());
                rangeKeys.computeIfAbsent(range, r -> new ArrayList<>()).add(v.key());
            }
        }
        RangeCounts counts = new RangeCounts();
        Collections.shuffle(shardCounts, random);
        for (Map<String, Long> shard : shardCounts) {
            shard.forEach(
                    (range, count) -> {
                        int bar = range.lastIndexOf('|');
                        counts.add(
                                range.substring(0, bar),
                                Long.parseLong(range.substring(bar + 1)),
                                count);
                    });
        }
        Map<String, Map<String, long[]>> places = new HashMap<>();
        List<RangeFindings> findings = new ArrayList<>();
        counts.forEachRange(
                (distribution, range, below, n) -> {
                    String name = distribution + "|" + range;
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < rangeIds.get(name).size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, random);
                    long[] keys = new long[order.size()];
                    String[] ids = new String[order.size()];
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = rangeKeys.get(name).get(order.get(i));
                        ids[i] = rangeIds.get(name).get(order.get(i));
                    }
                    RangeRanks ranks = RangeRanks.of(below, n, keys, ids);
                    FleetMeasure measure = FleetMeasure.of(distribution);
                    ranks.forEachRank(
                            (id, b, e) ->
                                    places.computeIfAbsent(distribution, d -> new HashMap<>())
                                            .put(id, new long[] {b, e, n}));
                    findings.add(
                            ranks.findings(
                                    distribution,
                                    measure.positions(n, model.segments()),
                                    measure.concentrated(model.basis())));
                });
        Collections.shuffle(findings, random);
        FleetFigures.Gathered month = new FleetFigures.Gathered();
        findings.forEach(month::add);
        return new ByRanges(places, month);
    }

    @Test
    void eachCustomersPlaceIsCountedAsInTheWholeFleet() {
        List<CustomerStanding> fleet = fleet(1_500, 1);
        ByRanges ranges = byRanges(fleet, ValueModel.DEFAULTS, new Random(2));

        long[] values = fleet.stream().mapToLong(CustomerStanding::revenue12Fen).toArray();
        long[] energies = fleet.stream().mapToLong(CustomerStanding::energy12Wh).toArray();
        for (CustomerStanding s : fleet) {
            assertThat(ranges.places().get("VALUE").get(s.customerId()))
                    .containsExactly(
                            countBelow(values, s.revenue12Fen()),
                            countEqual(values, s.revenue12Fen()),
                            fleet.size());
            assertThat(ranges.places().get("ENERGY").get(s.customerId()))
                    .containsExactly(
                            countBelow(energies, s.energy12Wh()),
                            countEqual(energies, s.energy12Wh()),
                            fleet.size());
        }
    }

    @Test
    void thresholdsAndClassMediansAreThoseOfTheSortedFleet() {
        List<CustomerStanding> fleet = fleet(1_501, 3);
        FleetFigures figures =
                byRanges(fleet, ValueModel.DEFAULTS, new Random(4))
                        .month()
                        .figures(7L, ValueModel.DEFAULTS);

        long[] sorted = fleet.stream().mapToLong(CustomerStanding::revenue12Fen).sorted().toArray();
        int n = sorted.length;
        assertThat(figures.highValueFen()).isEqualTo(sorted[n - (n * 20 + 99) / 100]);
        assertThat(figures.moderateValueFen()).isEqualTo(sorted[n - (n * 50 + 99) / 100]);
        for (CustomerClass c : CustomerClass.values()) {
            double[] trends =
                    fleet.stream()
                            .filter(s -> s.customerClass() == c)
                            .mapToDouble(CustomerStanding::trend)
                            .sorted()
                            .toArray();
            double[] volatilities =
                    fleet.stream()
                            .filter(s -> s.customerClass() == c)
                            .mapToDouble(CustomerStanding::volatility)
                            .sorted()
                            .toArray();
            assertThat(figures.medianTrend()[c.ordinal()]).as(c.name()).isEqualTo(median(trends));
            assertThat(figures.medianVolatility()[c.ordinal()])
                    .as(c.name())
                    .isEqualTo(median(volatilities));
        }
        assertThat(figures.billedAt()).isEqualTo(7L);
    }

    @Test
    void revenueAndMarginConcentrationAreThoseOfEveryPair() {
        List<CustomerStanding> fleet = fleet(900, 5);
        FleetFigures.Gathered month = byRanges(fleet, ON_MARGIN, new Random(6)).month();

        long[] revenues = fleet.stream().mapToLong(CustomerStanding::revenue12Fen).toArray();
        long[] margins =
                fleet.stream()
                        .mapToLong(s -> Math.max(0, FleetValuation.valueFen(s, ON_MARGIN.basis())))
                        .toArray();
        assertThat(Arrays.stream(margins).filter(m -> m == 0).count())
                .as("customers served at a loss count from 0")
                .isGreaterThan(10);
        assertPairwise(month.concentration("REVENUE"), revenues);
        assertPairwise(month.concentration("VALUE"), margins);
    }

    @Test
    void aValuationByRangesIsTheValuationOfTheWholeFleet() {
        for (ValueModel model : List.of(ValueModel.DEFAULTS, ON_MARGIN)) {
            List<CustomerStanding> fleet = fleet(700, 8);
            ByRanges ranges = byRanges(fleet, model, new Random(9));
            FleetFigures figures = ranges.month().figures(0L, model);
            FleetValuation whole = FleetValuation.of(fleet, model);

            assertThat(figures.rule(model.segments())).isEqualTo(whole.rule());
            for (CustomerStanding s : fleet) {
                assertThat(
                                figures.valuation(
                                        s,
                                        ranges.rank("VALUE", s.customerId()),
                                        ranges.rank("ENERGY", s.customerId()),
                                        model))
                        .isEqualTo(whole.valuation(s));
            }
        }
    }

    @Test
    void aNegativeRevenueIsRefusedAsWhenTheFleetWasSortedWhole() {
        RangeRanks range = RangeRanks.of(0, 2, new long[] {-5, 10}, new String[] {"A", "B"});

        assertThatThrownBy(
                        () -> range.findings("VALUE", new long[0], FleetMeasure.Concentrated.AS_IS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThat(
                        range.findings("VALUE", new long[0], FleetMeasure.Concentrated.FROM_ZERO)
                                .sums()
                                .all())
                .isEqualTo(BigInteger.TEN);
    }

    private static long countBelow(long[] xs, long x) {
        return Arrays.stream(xs).filter(v -> v < x).count();
    }

    private static long countEqual(long[] xs, long x) {
        return Arrays.stream(xs).filter(v -> v == x).count();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return 0.0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Gini as the mean absolute difference of every ordered pair over twice the mean, Σ|xi − xj| /
     * (2 n Σ x), and the top 20%'s share from the sorted list, each divided as Concentration
     * divides (to 16 digits): equal to the last bit.
     */
    private static void assertPairwise(Concentration c, long[] xs) {
        long[] sorted = xs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        BigInteger all = BigInteger.ZERO;
        BigInteger pairs = BigInteger.ZERO;
        for (long a : sorted) {
            all = all.add(BigInteger.valueOf(a));
            for (long b : sorted) {
                pairs = pairs.add(BigInteger.valueOf(Math.abs(a - b)));
            }
        }
        int k = Math.max(1, (n * 20 + 99) / 100);
        BigInteger top = BigInteger.ZERO;
        for (int i = n - k; i < n; i++) {
            top = top.add(BigInteger.valueOf(sorted[i]));
        }
        assertThat(c.customers()).isEqualTo(n);
        assertThat(c.revenueFen()).isEqualTo(all.longValueExact());
        assertThat(c.gini()).isEqualTo(divide(pairs, all.multiply(BigInteger.valueOf(2L * n))));
        assertThat(c.topShare()).isEqualTo(divide(top, all));
    }

    private static double divide(BigInteger num, BigInteger den) {
        return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
    }
}
