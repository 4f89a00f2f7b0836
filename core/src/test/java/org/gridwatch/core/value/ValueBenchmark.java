package org.gridwatch.core.value;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.tariff.TariffPeriod;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the value model costs: once a month, valuing the whole fleet (sort, ranks, thresholds, a
 * segment for every customer, revenue concentration); per payment or bill, one customer's standing.
 * Run like {@code PricingBenchmark} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class ValueBenchmark {

    @Param({"100000", "1000000"})
    int customers;

    private List<CustomerStanding> fleet;
    private long[] revenues;
    private CustomerAccount account;
    private Customer shop;
    private long now;

    @Setup
    public void makeFleet() {
        SplittableRandom random = new SplittableRandom(11);
        CustomerClass[] classes = CustomerClass.values();
        fleet = new ArrayList<>(customers);
        revenues = new long[customers];
        for (int i = 0; i < customers; i++) {
            // revenue spread over four orders of magnitude, as households to factories
            long fen = (long) Math.pow(10, 4 + 4 * random.nextDouble());
            revenues[i] = fen;
            int score = 40 + random.nextInt(61);
            fleet.add(
                    new CustomerStanding(
                            "C" + i,
                            "A" + (i % 1000),
                            classes[random.nextInt(classes.length)],
                            0L,
                            true,
                            202606,
                            fen,
                            fen * 2,
                            random.nextDouble(-0.3, 0.3),
                            random.nextDouble(),
                            random.nextDouble(0, 0.5),
                            random.nextDouble(0, 25),
                            score,
                            CreditRules.DEFAULTS.gradeOf(score),
                            random.nextInt(50) == 0 ? 1 : 0,
                            false,
                            random.nextInt(100),
                            InspectionPlan.NONE,
                            false,
                            OffpeakOffer.NONE,
                            random.nextDouble(0, 0.3),
                            10,
                            Double.NaN,
                            new String[0],
                            BasicChargeAdvice.NONE,
                            false));
        }
        account = new CustomerAccount();
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(2025, m);
            MonthlyUsage usage = MonthlyUsage.of(month, BillingCalendar.CHINA);
            usage.microKwh[TariffPeriod.PEAK.ordinal()] = 300_000_000L + m;
            usage.microKwh[TariffPeriod.FLAT.ordinal()] = 700_000_000L;
            usage.maxQuarterMicroKwh = 2_000_000L;
            usage.quarterCount = 2880;
            account.history.onBill(month, 50_000, usage);
        }
        shop =
                new Customer(
                        "C1",
                        "M1",
                        CustomerClass.COMMERCIAL,
                        "A001",
                        "commercial-tou",
                        false,
                        50,
                        Customer.UNKNOWN_SINCE);
        now = BillingCalendar.CHINA.issuedMillis(YearMonth.of(2026, 1));
    }

    /** The monthly re-valuation of the whole fleet, as {@code FleetValue} does it. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void valueTheFleet(Blackhole out) {
        FleetValuation valuation = FleetValuation.of(fleet, ValueModel.DEFAULTS);
        SegmentRule rule = valuation.rule();
        for (CustomerStanding s : fleet) {
            SegmentChange c = rule.assess(s, valuation.valuation(s), Strategies.DEFAULTS, 0L, null);
            out.consume(c);
        }
    }

    /** The fleet's top-20% share and Gini, exact (BigInteger sums). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Concentration concentrationOfTheFleet() {
        return Concentration.of(revenues, 20);
    }

    /** One customer's standing, sent after each bill, payment and inspection. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public CustomerStanding standingOfOneCustomer() {
        return account.standing(
                shop, now, false, CreditRules.DEFAULTS, OffpeakOffer.NONE, null, ZoneOffset.UTC);
    }
}
