package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.value.CreditRules;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.InspectionPlan;
import org.gridwatch.core.value.SegmentPolicy;
import org.gridwatch.core.value.Strategies;
import org.gridwatch.core.value.ValueBasis;
import org.gridwatch.core.value.ValueModel;
import org.gridwatch.core.value.ValueRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fleet value's steps against the one operator that held the whole fleet before ({@link
 * OneKeyFleetValue}), over fifteen months of a made-up fleet's standings: bills, payments and
 * credit steps between them, customers joining late, missing a month's bill, never billed again
 * (and forgotten a year on), moving area, removed from the master. Every segment record (with its
 * event time, customer by customer in order) and every point must be the same, on revenue and on
 * margin.
 */
class FleetValueAgreementTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(3)
                            .build());

    private static final String[] AREAS = {"A01", "A02", "A03", "A04", "A05", "A06"};
    private static final CustomerClass[] CLASSES = {
        CustomerClass.RESIDENTIAL, CustomerClass.COMMERCIAL, CustomerClass.GENERAL_INDUSTRY
    };
    private static final int MONTHS = 15;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theStepsWriteWhatTheOneKeyOperatorWrote(boolean onMargin) throws Exception {
        ValueModel model = onMargin ? onMargin() : ValueModel.DEFAULTS;
        List<FleetValueRun.Step> script = FleetValueRun.inOrder(standings(120, 17));

        FleetValueRun.Output reference =
                FleetValueRun.run(
                        script,
                        1,
                        standings -> {
                            var one =
                                    standings
                                            .keyBy(s -> OneKeyFleetValue.KEY)
                                            .process(new OneKeyFleetValue(model))
                                            .returns(Types.POJO(SegmentChange.class));
                            return new FleetValue.Outputs(
                                    one, List.of(one.getSideOutput(OneKeyFleetValue.METRICS)));
                        });
        FleetValueRun.Output steps = FleetValueRun.run(script, model, 3);

        assertThat(reference.segments()).hasSizeGreaterThan(300);
        Map<String, List<String>> expected = byCustomer(reference);
        Map<String, List<String>> actual = byCustomer(steps);
        for (String customer : union(expected.keySet(), actual.keySet())) {
            assertThat(actual.get(customer))
                    .as("the records of " + customer)
                    .isEqualTo(expected.get(customer));
        }
        List<String> expectedPoints = points(reference);
        List<String> actualPoints = points(steps);
        assertThat(
                        difference(actualPoints, expectedPoints)
                                + " "
                                + difference(expectedPoints, actualPoints))
                .as("points only the steps wrote, and only the reference")
                .isEqualTo("[] []");
        assertThat(actualPoints).isEqualTo(expectedPoints);
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> difference(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(a);
        for (String x : b) {
            rest.remove(x);
        }
        return rest.subList(0, Math.min(rest.size(), 12));
    }

    private static ValueModel onMargin() {
        Map<CustomerClass, Double> prices = new EnumMap<>(CustomerClass.class);
        for (CustomerClass c : CustomerClass.values()) {
            prices.put(c, 0.45);
        }
        return new ValueModel(
                CreditRules.DEFAULTS,
                ValueRules.DEFAULTS,
                SegmentPolicy.DEFAULTS,
                Strategies.DEFAULTS,
                ValueModel.DEFAULT_PEAK_HOURS_TARIFF,
                new ValueBasis(ValueBasis.Kind.PURCHASE_COST, prices));
    }

    /** Each customer's records in the order it got them, every field, with their event time. */
    private static Map<String, List<String>> byCustomer(FleetValueRun.Output out) {
        Map<String, List<String>> records = new TreeMap<>();
        for (var s : out.segments()) {
            SegmentChange c = s.value();
            records.computeIfAbsent(c.customerId(), k -> new ArrayList<>())
                    .add(
                            String.join(
                                    " ",
                                    c.areaId(),
                                    Long.toString(c.tsMillis()),
                                    c.segment().name(),
                                    Double.toString(c.currentValue()),
                                    Double.toString(c.potentialValue()),
                                    Integer.toString(c.creditScore()),
                                    c.creditGrade().name(),
                                    Arrays.toString(c.strategies()),
                                    Long.toString(c.nextInspectionMillis()),
                                    String.valueOf(c.offpeak()),
                                    String.valueOf(c.why().valuation()),
                                    Long.toString(c.why().highThresholdFen()),
                                    Long.toString(c.why().moderateThresholdFen()),
                                    Arrays.toString(c.why().findings()),
                                    Arrays.toString(c.why().demerits()),
                                    String.valueOf(c.basicCharge()),
                                    "@" + s.timestamp()));
        }
        return records;
    }

    /** Every point with its event time, sorted. */
    private static List<String> points(FleetValueRun.Output out) {
        return out.metrics().stream()
                .map(p -> p.value().toLineProtocol() + " @" + p.timestamp())
                .sorted()
                .toList();
    }

    /** A made-up fleet's standings over {@link #MONTHS} billings, sorted by time. */
    static List<CustomerStanding> standings(int customers, long seed) {
        Random random = new Random(seed);
        List<CustomerStanding> all = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String id = String.format("C%04d", i);
            CustomerClass c = CLASSES[random.nextInt(CLASSES.length)];
            String area = AREAS[random.nextInt(AREAS.length)];
            String movesTo = random.nextInt(12) == 0 ? AREAS[random.nextInt(AREAS.length)] : area;
            int movesAt = random.nextInt(MONTHS);
            int firstMonth = random.nextInt(8) == 0 ? 1 + random.nextInt(5) : 0;
            int lastMonth = random.nextInt(8) == 0 ? random.nextInt(3) : MONTHS - 1;
            int skipped = random.nextInt(10) == 0 ? random.nextInt(MONTHS) : -1;
            long removedAt =
                    random.nextInt(25) == 0
                            ? FleetValueRun.SCHEDULE.billsAt(month(1 + random.nextInt(MONTHS - 2)))
                                    + random.nextInt(20) * 86_400_000L
                            : Long.MAX_VALUE;
            long revenue =
                    random.nextInt(6) == 0 ? 120_000 : (long) Math.exp(11 + random.nextGaussian());
            long wh = (long) (revenue * (8 + 4 * random.nextDouble()));
            double trend = random.nextInt(5) == 0 ? 0.0 : 0.15 * random.nextGaussian();
            double volatility = Math.abs(0.15 * random.nextGaussian());
            int score = 70 + random.nextInt(30);
            int billedMonth = 0;
            for (int m = firstMonth; m <= lastMonth; m++) {
                long billing = FleetValueRun.SCHEDULE.billsAt(month(m));
                if (billing >= removedAt) {
                    break;
                }
                String areaNow = m >= movesAt ? movesTo : area;
                revenue = Math.max(0, revenue + (long) (revenue * 0.05 * random.nextGaussian()));
                wh = Math.max(0, wh + (long) (wh * 0.05 * random.nextGaussian()));
                if (m != skipped) {
                    billedMonth = key(month(m));
                    all.add(
                            standing(
                                    id,
                                    areaNow,
                                    c,
                                    billing,
                                    true,
                                    billedMonth,
                                    revenue,
                                    wh,
                                    trend,
                                    volatility,
                                    score));
                }
                // payments and credit steps until the next billing
                for (int k = random.nextInt(4); k > 0 && billedMonth > 0; k--) {
                    long ts = billing + 1 + (long) (random.nextDouble() * 29 * 86_400_000L);
                    if (ts >= removedAt) {
                        continue;
                    }
                    score = Math.max(0, Math.min(100, score + random.nextInt(31) - 18));
                    all.add(
                            standing(
                                    id,
                                    areaNow,
                                    c,
                                    ts,
                                    false,
                                    billedMonth,
                                    revenue,
                                    wh,
                                    trend,
                                    volatility,
                                    score));
                }
                trend += 0.02 * random.nextGaussian();
                volatility = Math.abs(volatility + 0.02 * random.nextGaussian());
            }
            if (removedAt != Long.MAX_VALUE && billedMonth > 0) {
                all.add(CustomerStanding.removal(id, area, removedAt));
            }
        }
        all.sort(Comparator.comparingLong(CustomerStanding::tsMillis));
        return all;
    }

    private static YearMonth month(int m) {
        return YearMonth.of(2026, 1).plusMonths(m);
    }

    private static int key(YearMonth m) {
        return m.getYear() * 100 + m.getMonthValue();
    }

    private static CustomerStanding standing(
            String id,
            String area,
            CustomerClass c,
            long ts,
            boolean close,
            int billedMonth,
            long revenue,
            long wh,
            double trend,
            double volatility,
            int score) {
        return new CustomerStanding(
                id,
                area,
                c,
                ts,
                close,
                billedMonth,
                revenue,
                wh,
                trend,
                0.5,
                0.3,
                3.0,
                score,
                CreditRules.DEFAULTS.gradeOf(score),
                0,
                false,
                score < 80 ? 35 : 0,
                InspectionPlan.NONE,
                false,
                OffpeakOffer.NONE,
                volatility,
                10,
                Double.NaN,
                new String[0],
                BasicChargeAdvice.NONE,
                false);
    }
}
