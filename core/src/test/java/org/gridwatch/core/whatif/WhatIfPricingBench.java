package org.gridwatch.core.whatif;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.core.tariff.TariffFile;

/**
 * The what-if's pricing of a fleet's signatures, without Flink: N customers with a month of
 * signature each (a residential, shop or factory day shape at a random size), the ten scenarios of
 * {@link #SCENARIOS}, priced and tallied as {@code ScenarioTallying} does (all, class and segment
 * tallies), on T threads each with its own {@link WhatIfPricing}, as T tasks would. A main, not a
 * test (docs/benchmarks.md):
 *
 * <pre>
 * java -Xmx12g -cp core/target/classes:core/target/test-classes:SNAKEYAML_JAR \
 *     org.gridwatch.core.whatif.WhatIfPricingBench 1000000 2
 * </pre>
 */
public final class WhatIfPricingBench {

    private static final String TOU =
            """
                tariff:
                  id: %s
                  source: bench
                  sector: %s
                  days: {d: ["00:00-08:00 valley", "08:00-17:00 flat", "17:00-19:00 peak", "19:00-23:00 flat", "23:00-24:00 valley"]}
                  schedule: [{months: all, day-types: all, day: d}]
                  prices: {flat: %s, peak: %s, valley: %s}
            """;

    static final String SCENARIOS = scenarios();

    private static String scenarios() {
        StringBuilder y = new StringBuilder("scenarios:\n");
        String[][] kinds = {
            {"RESIDENTIAL", "residential", "0.5283", "0.7547", "0.4528"},
            {"COMMERCIAL", "industry-and-commerce", "0.65", "1.04", "0.26"},
            {"GENERAL_INDUSTRY", "industry-and-commerce", "0.62", "0.992", "0.248"},
        };
        String[] responses = {"none", "default"};
        String[] optIns = {"all", "winners", "0.3"};
        int n = 0;
        for (int i = 0; n < 10; i++) {
            String[] k = kinds[i % kinds.length];
            y.append("  - name: s").append(n).append('\n');
            y.append("    classes: [").append(k[0]).append("]\n");
            y.append(TOU.formatted("t" + n, k[1], k[2], k[3], k[4]));
            y.append("    response: ").append(responses[i % 2]).append('\n');
            y.append("    opt-in: ").append(optIns[i % 3]).append('\n');
            if (i % 4 == 3) {
                y.append("    shift-incentive: {cny-per-kwh: 0.2}\n");
            }
            n++;
        }
        return y.toString();
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        LoadedTariffs today = TariffFile.presets();
        List<WhatIfScenario> scenarios =
                ScenarioFile.load(new StringReader(SCENARIOS), "bench.yaml").scenarios();
        long t0 = System.nanoTime();
        List<LoadSignature> fleet = fleet(customers, new Random(42));
        long t1 = System.nanoTime();
        System.out.printf(
                "%,d signatures (one month each) built in %.1f s; %d scenarios, %d threads%n",
                customers, (t1 - t0) / 1e9, scenarios.size(), threads);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Map<String, ScenarioTally>>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * customers / threads;
                int to = (t + 1) * customers / threads;
                parts.add(pool.submit(() -> tally(today, scenarios, fleet.subList(from, to))));
            }
            Map<String, ScenarioTally> all = new HashMap<>();
            for (Future<Map<String, ScenarioTally>> part : parts) {
                part.get().forEach((k, v) -> all.merge(k, v, ScenarioTally::merge));
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "round %d: %.1f s, %,.0f customer-scenarios/s, %d tallies%n",
                    round, seconds, customers * (double) scenarios.size() / seconds, all.size());
        }
    }

    private static Map<String, ScenarioTally> tally(
            LoadedTariffs today, List<WhatIfScenario> scenarios, List<LoadSignature> part) {
        WhatIfPricing pricing =
                new WhatIfPricing(
                        today,
                        scenarios,
                        BillingCalendar.CHINA,
                        org.gridwatch.core.tariff.HolidayCalendar.china2026());
        Map<String, ScenarioTally> tallies = new HashMap<>();
        for (LoadSignature s : part) {
            for (CustomerOutcome o : pricing.price(s)) {
                add(tallies, o.scenario(), "ALL", "ALL", o, s);
                add(tallies, o.scenario(), "class", s.customerClass, o, s);
                add(tallies, o.scenario(), "segment", s.segment, o, s);
            }
        }
        return tallies;
    }

    private static void add(
            Map<String, ScenarioTally> tallies,
            String scenario,
            String kind,
            String group,
            CustomerOutcome o,
            LoadSignature s) {
        tallies.computeIfAbsent(
                        scenario + '\u0000' + kind + '\u0000' + group,
                        k -> ScenarioTally.of(scenario, kind, group))
                .add(o, s.months);
    }

    /** One month (March 2026) per customer, in the day shapes of three classes. */
    static List<LoadSignature> fleet(int customers, Random random) {
        CustomerClass[] classes = {
            CustomerClass.RESIDENTIAL, CustomerClass.COMMERCIAL, CustomerClass.GENERAL_INDUSTRY
        };
        String[] tariffs = {"residential-tiered", "commercial-tou", "general-industry-tou"};
        String[] segments = {"HIGH", "MEDIUM", "LOW_RISKY", "LOW_BASIC"};
        List<LoadSignature> fleet = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            int c = i % 10 < 8 ? 0 : i % 10 == 8 ? 1 : 2;
            LoadSignature s = new LoadSignature();
            s.customerId = "C" + i;
            s.customerClass = classes[c].name();
            s.tariffId = tariffs[c];
            s.segment = segments[random.nextInt(segments.length)];
            MonthLoad m = new MonthLoad();
            m.yearMonth = 202603;
            m.dayBits = (1 << 31) - 1;
            double size = Math.exp(random.nextGaussian() * 0.5) * (c == 0 ? 0.15 : 2.0);
            for (DayType type : DayType.values()) {
                int days = type == DayType.WORKDAY ? 22 : type == DayType.WEEKEND ? 9 : 0;
                for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
                    double shape =
                            c == 0
                                    ? 0.4
                                            + (h >= 34 && h < 44 ? 1.6 : 0)
                                            + (h >= 14 && h < 18 ? 0.5 : 0)
                                    : (h >= 16 && h < 40 ? 1.5 : 0.3);
                    m.microKwh[MonthLoad.slot(type, h)] =
                            Math.round(
                                    size * shape * days * (0.8 + 0.4 * random.nextDouble()) * 1e6);
                }
            }
            m.maxQuarterMicroKwh = Math.round(size * 2.5 * 1e6 / 2);
            s.months = new MonthLoad[] {m};
            fleet.add(s);
        }
        return fleet;
    }
}
