package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.QueryResult;
import org.gridwatch.it.Fleets;
import org.gridwatch.jobs.PricingFiles;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.io.InfluxOutputs;
import org.gridwatch.jobs.whatif.WhatIfJob;
import org.gridwatch.jobs.whatif.WhatIfReport;
import org.gridwatch.jobs.whatif.WhatIfSettings;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Planner dashboard against a real InfluxDB holding (1) the points of the real what-if job, run
 * with its InfluxDB output over a small simulated fleet with two scenarios, plus one older run of
 * one scenario, and (2) synthetic live shadow points written through the monitor job's InfluxDB
 * output: every query Grafana would send must return rows, and the panels must show the latest
 * run's figures (the same as the job's scenarios.csv and segments.csv) and add the live revenue up
 * without counting today's revenue once per scenario.
 */
class PlannerDashboardQueriesTest {

    private static final Logger LOG = LoggerFactory.getLogger(PlannerDashboardQueriesTest.class);

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final long HOUR = 3_600_000L;
    private static final long QUARTER = 15 * 60_000L;

    /** The dashboard's time range: three days. */
    private static final long FROM = Instant.parse("2026-03-07T00:00:00Z").toEpochMilli();

    private static final long TO = FROM + 72 * HOUR;

    /** When the what-if run started (the wall clock it stamps its points with). */
    private static final long RUN = FROM + 50 * HOUR;

    /** An earlier run of {@link #TOU}, whose figures the dashboard must no longer show. */
    private static final long EARLIER_RUN = FROM + 2 * HOUR;

    /** The live shadow points: two days from local midnight (Asia/Shanghai) of March 8. */
    private static final long SHADOW_FROM = Instant.parse("2026-03-07T16:00:00Z").toEpochMilli();

    private static final int SHADOW_BUCKETS = 2 * 96;

    /** The first bucket of the valley discount, which arrived a day after the CER tariff. */
    private static final int VALLEY_LIVE_FROM = 96;

    private static final String DB = "planner";
    private static final String TOU = "residential-tou-cer";
    private static final String VALLEY = "commercial-valley-discount";

    /** Two scenarios of docs/examples/scenarios.yaml. */
    private static final String SCENARIOS =
            """
            scenarios:
              - name: residential-tou-cer
                classes: [RESIDENTIAL]
                tariff:
                  id: cer-tou
                  source: "Irish CER trial, tariff A (ratios)"
                  sector: residential
                  days: {normal: ["00:00-08:00 valley", "08:00-17:00 flat", "17:00-19:00 peak", "19:00-23:00 flat", "23:00-24:00 valley"]}
                  schedule: [{months: all, day-types: all, day: normal}]
                  prices: {flat: 0.5283, peak: 0.7547, valley: 0.4528}
                response: default
              - name: commercial-valley-discount
                classes: [COMMERCIAL]
                opt-in: winners
                shift-incentive: {cny-per-kwh: 0.10}
                tariff:
                  id: commercial-tou-valley-discount
                  source: "what-if: commercial-tou with a cheaper valley"
                  sector: industry-and-commerce
                  days:
                    normal: ["00:00-07:00 valley", "07:00-08:00 flat", "08:00-11:00 peak", "11:00-13:00 valley", "13:00-17:00 flat", "17:00-23:00 peak", "23:00-24:00 flat"]
                  schedule: [{months: all, day-types: all, day: normal}]
                  prices: {flat: 0.6500, peak: flat × 1.6, valley: flat × 0.36}
                response: default
            """;

    private static final RepoLayout REPO = RepoLayout.fromSystemProperty();
    private static final DashboardHarness PLANNER = DashboardHarness.of(REPO, "planner.json");

    @TempDir static Path dir;

    private static LocalInfluxd influxd;
    private static InfluxQueryClient client;
    private static Path whatIfOut;
    private static List<MetricPoint> shadow;

    @BeforeAll
    static void runTheWhatIfJobAndWriteLiveShadowPoints() throws Exception {
        influxd = LocalInfluxd.start();
        client = new InfluxQueryClient(influxd.url());
        InfluxSettings influx = InfluxSettings.of(influxd.url(), DB, null, null);

        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(
                SimulationConfig.of(150, 5, 2043).withStart(LocalDate.of(2026, 2, 23)), fleet);
        Path segments = segmentsFile(fleet);
        whatIfOut = dir.resolve("whatif");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new WhatIfJob(
                        new WhatIfSettings(
                                fleet.toString(),
                                segments.toString(),
                                whatIfOut.toString(),
                                PricingFiles.SHIPPED,
                                "planner-test.yaml",
                                SCENARIOS,
                                influx,
                                RUN))
                .build(env);
        env.execute("what-if to influxdb");

        shadow = shadowPoints();
        List<MetricPoint> points = new ArrayList<>(shadow);
        points.addAll(afterResponse(shadow));
        points.add(earlierRun());
        StreamExecutionEnvironment live = StreamExecutionEnvironment.getExecutionEnvironment();
        live.setParallelism(2);
        new InfluxOutputs(influx).metrics(live.fromData(points, Types.POJO(MetricPoint.class)));
        live.execute("synthetic shadow points to influxdb");
    }

    @AfterAll
    static void stopInfluxd() {
        if (influxd != null) {
            influxd.close();
        }
    }

    /**
     * The segments of the monitor's segments.jsonl, assigned by hand (a replay of a few days bills
     * no month, so the monitor would give none): the four segments in turn, every fifth customer
     * without one (UNKNOWN).
     */
    private static Path segmentsFile(Path fleet) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String[] names = {"HIGH", "MEDIUM", "LOW_RISKY", "LOW_BASIC"};
        List<String> lines = new ArrayList<>();
        int i = 0;
        for (String line : Files.readAllLines(fleet.resolve("customers.jsonl"))) {
            String id = json.readTree(line).get("customerId").asText();
            if (i % 5 != 4) {
                lines.add(
                        "{\"customerId\":\"%s\",\"segment\":\"%s\"}"
                                .formatted(id, names[i % names.length]));
            }
            i++;
        }
        Path file = dir.resolve("segments.jsonl");
        Files.write(file, lines);
        return file;
    }

    /**
     * Two days of quarter hours in two areas and two classes, priced as the monitor's shadow
     * operator prices them: today's revenue at each class's price of today's period; the scenario's
     * revenue at its own price for the class it applies to (the CER tariff for RESIDENTIAL, the
     * valley discount for COMMERCIAL), today's for the other; peak_kwh the energy in the scenario
     * tariff's peak hours, every class. The valley discount arrives a day later than the CER
     * tariff.
     */
    /**
     * The shadow points' days after a response, as the monitor writes them when a day is whole
     * (shadow_response): here a tenth less peak energy and 3% less in all, synthetic like the
     * points they come from.
     */
    static List<MetricPoint> afterResponse(List<MetricPoint> shadow) {
        List<MetricPoint> points = new ArrayList<>();
        for (MetricPoint p : shadow) {
            points.add(
                    MetricPoint.of("shadow_response")
                            .tag("area", p.tag("area"))
                            .tag("class", p.tag("class"))
                            .tag("scenario", p.tag("scenario"))
                            .field("kwh", p.field("kwh") * 0.97)
                            .field("revenue", p.field("revenue_scenario") * 0.97)
                            .field("peak_kwh", p.field("peak_kwh") * 0.9)
                            .at(p.timeMillis()));
        }
        return points;
    }

    static List<MetricPoint> shadowPoints() {
        List<MetricPoint> points = new ArrayList<>();
        for (int b = 0; b < SHADOW_BUCKETS; b++) {
            long start = SHADOW_FROM + b * QUARTER;
            int hour = (b % 96) / 4;
            for (String area : List.of("A01", "A02")) {
                for (String customerClass : List.of("RESIDENTIAL", "COMMERCIAL")) {
                    boolean residential = customerClass.equals("RESIDENTIAL");
                    double kwh =
                            (residential ? 3.0 : 8.0) + hour % 5 + (area.equals("A02") ? 1 : 0);
                    String period = todaysPeriod(hour);
                    double today = kwh * (residential ? 0.5283 : todaysCommercialPrice(period));
                    points.add(
                            shadowPoint(
                                    TOU,
                                    area,
                                    customerClass,
                                    period,
                                    kwh,
                                    today,
                                    residential ? kwh * cerPrice(hour) : today,
                                    hour >= 17 && hour < 19 ? kwh : 0,
                                    start));
                    if (b >= VALLEY_LIVE_FROM) {
                        points.add(
                                shadowPoint(
                                        VALLEY,
                                        area,
                                        customerClass,
                                        period,
                                        kwh,
                                        today,
                                        residential ? today : kwh * valleyDiscountPrice(hour),
                                        commercialPeak(hour) ? kwh : 0,
                                        start));
                    }
                }
            }
        }
        return points;
    }

    private static MetricPoint shadowPoint(
            String scenario,
            String area,
            String customerClass,
            String period,
            double kwh,
            double revenueToday,
            double revenueScenario,
            double peakKwh,
            long start) {
        return MetricPoint.of("shadow")
                .tag("area", area)
                .tag("class", customerClass)
                .tag("period", period)
                .tag("scenario", scenario)
                .field("kwh", kwh)
                .field("revenue_today", revenueToday)
                .field("revenue_scenario", revenueScenario)
                .field("peak_kwh", peakKwh)
                .at(start);
    }

    /** Today's commercial-tou periods (the tariff file's presets). */
    private static String todaysPeriod(int hour) {
        if (hour < 7 || hour == 11 || hour == 12) {
            return "valley";
        }
        return commercialPeak(hour) ? "peak" : "flat";
    }

    private static boolean commercialPeak(int hour) {
        return (hour >= 8 && hour < 11) || (hour >= 17 && hour < 23);
    }

    private static double todaysCommercialPrice(String period) {
        return switch (period) {
            case "valley" -> 0.2925;
            case "peak" -> 1.04;
            default -> 0.65;
        };
    }

    private static double cerPrice(int hour) {
        if (hour < 8 || hour == 23) {
            return 0.4528;
        }
        return hour >= 17 && hour < 19 ? 0.7547 : 0.5283;
    }

    private static double valleyDiscountPrice(int hour) {
        String period = todaysPeriod(hour);
        return switch (period) {
            case "valley" -> 0.65 * 0.36;
            case "peak" -> 0.65 * 1.6;
            default -> 0.65;
        };
    }

    /**
     * A run of {@link #TOU} two days before the job's, with figures no run of this fleet has: the
     * panels must show the later run's.
     */
    private static MetricPoint earlierRun() {
        return MetricPoint.of("whatif")
                .tag("group", "ALL")
                .tag("group_kind", "ALL")
                .tag("scenario", TOU)
                .field("customers", 1L)
                .field("opted_in", 1L)
                .field("revenue_before", 100.0)
                .field("revenue_after", 199.0)
                .field("revenue_change_pct", 99.0)
                .field("share_paying_more", 1.0)
                .at(EARLIER_RUN);
    }

    private static List<QueryOutcome> outcomes(Map<String, List<String>> chosen) {
        return PLANNER.runAllQueries(client, DB, FROM, TO, chosen);
    }

    /** The rows of one panel's query as the harness rendered it, every series together. */
    private static List<Map<String, Object>> rows(List<QueryOutcome> outcomes, String panel) {
        QueryOutcome outcome =
                outcomes.stream()
                        .filter(o -> o.source().equals(panel))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no query of panel " + panel));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueryResult.Series series : client.query(DB, outcome.query()).series()) {
            for (List<Object> row : series.rows()) {
                Map<String, Object> values = new LinkedHashMap<>(series.tags());
                for (int i = 0; i < row.size(); i++) {
                    values.put(series.columns().get(i), row.get(i));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static double csvNumber(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    /** The rows of scenarios.csv or segments.csv by scenario and group. */
    private static Map<String, Map<String, String>> csv(String file) throws Exception {
        List<String> lines = Files.readAllLines(whatIfOut.resolve(file), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], v[i]);
            }
            rows.put(v[0] + "/" + v[1], row);
        }
        return rows;
    }

    @Test
    void everyPanelAndVariableQueryReturnsRows() {
        List<QueryOutcome> outcomes = outcomes(Map.of());

        outcomes.forEach(outcome -> LOG.info("{}", outcome.describe()));
        assertThat(outcomes)
                .allSatisfy(
                        outcome -> assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
        Set<String> queried =
                outcomes.stream().map(QueryOutcome::source).collect(Collectors.toSet());
        assertThat(queried)
                .containsAll(
                        PLANNER.dashboard().panels().stream()
                                .map(DashboardFile.Panel::title)
                                .toList())
                .contains("variable scenario", "variable live");
    }

    @Test
    void theScenarioVariablesListTheRunsAndTheLiveScenarios() {
        Map<String, List<String>> options = PLANNER.variableOptions(client, DB, FROM, TO);

        assertThat(options.get("scenario")).containsExactlyInAnyOrder(TOU, VALLEY);
        assertThat(options.get("live")).containsExactlyInAnyOrder(TOU, VALLEY);
    }

    @Test
    void everyPanelAnswersForEachScenarioChosen() {
        for (String scenario : List.of(TOU, VALLEY)) {
            List<QueryOutcome> outcomes =
                    outcomes(Map.of("scenario", List.of(scenario), "live", List.of(scenario)));

            assertThat(outcomes)
                    .allSatisfy(
                            outcome ->
                                    assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
        }
    }

    @Test
    void theScenarioTableShowsTheLatestRunAsScenariosCsvHasIt() throws Exception {
        Map<String, Map<String, String>> csv = csv(WhatIfReport.CSV);
        List<Map<String, Object>> table = rows(outcomes(Map.of()), "Scenarios, all customers");

        assertThat(table)
                .extracting(row -> row.get("scenario"))
                .containsExactlyInAnyOrder(TOU, VALLEY);
        for (Map<String, Object> row : table) {
            Map<String, String> all = csv.get(row.get("scenario") + "/ALL");
            assertThat(number(row.get("Customers")))
                    .isEqualTo(Double.parseDouble(all.get("customers")))
                    .isGreaterThan(100);
            assertThat(number(row.get("Opted in")))
                    .isEqualTo(Double.parseDouble(all.get("opted_in")));
            // The table rounds as its column names say: CNY and kWh whole, changes to the fen,
            // percentages to a tenth (revenue change to a hundredth).
            assertThat(number(row.get("Revenue today (CNY)")))
                    .isCloseTo(csvNumber(all, "revenue_before_cny"), within(0.51));
            assertThat(number(row.get("Revenue under scenario (CNY)")))
                    .isCloseTo(csvNumber(all, "revenue_after_cny"), within(0.51));
            assertThat(number(row.get("Revenue change (%)")))
                    .isCloseTo(csvNumber(all, "revenue_change_pct"), within(0.0051));
            assertThat(number(row.get("Bill change p50 (CNY)")))
                    .isCloseTo(csvNumber(all, "bill_change_p50_cny"), within(0.0051));
            assertThat(number(row.get("Paying more (%)")))
                    .isCloseTo(100 * csvNumber(all, "share_paying_more"), within(0.051));
            assertThat(number(row.get("Peak kWh under scenario")))
                    .isCloseTo(csvNumber(all, "peak_kwh_after"), within(0.51));
            assertThat(number(row.get("Load factor today (%)")))
                    .isCloseTo(100 * csvNumber(all, "load_factor_before"), within(0.051));
        }
        List<Map<String, Object>> runs = rows(outcomes(Map.of()), "What-if runs in the range");
        assertThat(runs)
                .extracting(row -> row.get("scenario"), row -> row.get("time"))
                .containsExactlyInAnyOrder(
                        tuple(TOU, Instant.ofEpochMilli(RUN).toString()),
                        tuple(VALLEY, Instant.ofEpochMilli(RUN).toString()));
    }

    @Test
    void theSegmentAndClassPanelsShowTheChosenScenariosGroups() throws Exception {
        Map<String, Map<String, String>> bySegment = csv(WhatIfReport.SEGMENTS_CSV);
        Map<String, Map<String, String>> byClass = csv(WhatIfReport.CSV);
        for (String scenario : List.of(TOU, VALLEY)) {
            List<QueryOutcome> outcomes = outcomes(Map.of("scenario", List.of(scenario)));

            Map<String, Double> segments =
                    shares(rows(outcomes, "Share paying more by segment: $scenario"));
            assertThat(segments.keySet())
                    .containsExactlyInAnyOrder(
                            "HIGH", "MEDIUM", "LOW_RISKY", "LOW_BASIC", "UNKNOWN");
            segments.forEach(
                    (segment, share) ->
                            assertThat(share)
                                    .as(scenario + " " + segment)
                                    .isCloseTo(
                                            Double.parseDouble(
                                                    bySegment
                                                            .get(scenario + "/" + segment)
                                                            .get("share_paying_more")),
                                            within(0.00005)));
            Map<String, Double> classes =
                    shares(rows(outcomes, "Share paying more by class: $scenario"));
            assertThat(classes).containsKeys("RESIDENTIAL", "COMMERCIAL").doesNotContainKey("ALL");
            classes.forEach(
                    (customerClass, share) ->
                            assertThat(share)
                                    .as(scenario + " " + customerClass)
                                    .isCloseTo(
                                            Double.parseDouble(
                                                    byClass.get(scenario + "/" + customerClass)
                                                            .get("share_paying_more")),
                                            within(0.00005)));
        }
    }

    private static Map<String, Double> shares(List<Map<String, Object>> rows) {
        Map<String, Double> shares = new HashMap<>();
        rows.forEach(row -> shares.put((String) row.get("group"), number(row.get("paying more"))));
        return shares;
    }

    @Test
    void theLivePanelsAddUpTheShadowRevenueOnceForToday() {
        Map<String, Double> difference = new HashMap<>();
        double todayOfTou = 0;
        for (MetricPoint p : shadow) {
            difference.merge(
                    p.tag("scenario"),
                    p.field("revenue_scenario") - p.field("revenue_today"),
                    Double::sum);
            if (p.tag("scenario").equals(TOU)) {
                todayOfTou += p.field("revenue_today");
            }
        }
        List<QueryOutcome> outcomes = outcomes(Map.of());

        Map<String, Double> shown = new HashMap<>();
        rows(outcomes, "Revenue difference over the range, by live scenario")
                .forEach(
                        row ->
                                shown.put(
                                        (String) row.get("scenario"),
                                        number(row.get("difference"))));
        assertThat(shown.keySet()).containsExactlyInAnyOrder(TOU, VALLEY);
        shown.forEach(
                (scenario, cny) ->
                        assertThat(cny)
                                .as(scenario)
                                .isCloseTo(difference.get(scenario), within(1e-6)));
        // The CER tariff is cheaper in the residential valley hours than the flat price.
        assertThat(shown.get(TOU)).isNotZero();

        // At 15-minute intervals (three days on a 16-column panel), "today" is each quarter hour's
        // revenue in CNY/h: a quarter of its sum is today's revenue of the two days, counted once
        // although both scenarios carry it on the second day.
        QueryOutcome revenue =
                outcomes.stream()
                        .filter(
                                o ->
                                        o.source()
                                                .equals(
                                                        "Revenue under each live scenario and today"))
                        .filter(o -> o.refId().equals("B"))
                        .findFirst()
                        .orElseThrow();
        assertThat(revenue.query()).contains("GROUP BY time(15m)");
        double today =
                client.query(DB, revenue.query()).series().stream()
                        .flatMap(s -> s.column("today").stream())
                        .mapToDouble(PlannerDashboardQueriesTest::number)
                        .sum();
        assertThat(today / 4).isCloseTo(todayOfTou, within(1e-6));

        Map<String, Object> tou =
                rows(outcomes, "Live scenarios over the range").stream()
                        .filter(row -> row.get("scenario").equals(TOU))
                        .findFirst()
                        .orElseThrow();
        double peak =
                shadow.stream()
                        .filter(p -> p.tag("scenario").equals(TOU))
                        .mapToDouble(p -> p.field("peak_kwh"))
                        .sum();
        assertThat(number(tou.get("Energy in the scenario's peak hours (kWh)")))
                .isCloseTo(peak, within(0.51));
        assertThat(number(tou.get("Revenue today (CNY)"))).isCloseTo(todayOfTou, within(0.0051));
    }
}
