package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.QueryResult;
import org.gridwatch.it.grafana.InfluxQlTemplate.QueryTime;
import org.gridwatch.it.grafana.InfluxQlTemplate.Selection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness's query running on a real influxd, with points written here in the shape the monitor
 * job writes them. This proves the harness itself: that it reports empty and failing queries, and
 * that the variable formatting selects what it should on a real server. Whether the dashboards fit
 * the monitor job's real output is the question of OperationsDashboardQueriesTest and
 * ValueDashboardQueriesTest.
 */
class DashboardHarnessInfluxTest {

    /**
     * Two days across a month's first local midnight in UTC+8 (1 February, 2026-01-31T16:00Z), when
     * the job bills the month and writes the monthly value measurements.
     */
    private static final long FROM = Instant.parse("2026-01-31T00:00:00Z").toEpochMilli();

    private static final long BILLED = Instant.parse("2026-01-31T16:00:00Z").toEpochMilli();
    private static final long TO = FROM + 2 * 86_400_000L;
    private static final List<String> AREAS = List.of("A01", "A.02", "AX02");
    private static final List<String> SOURCES =
            List.of("customers", "meter-readings", "area-readings", "payments", "inspections");

    private static LocalInfluxd influxd;
    private static InfluxQueryClient client;
    private static DashboardHarness operations;
    private static List<DashboardHarness> dashboards;

    @BeforeAll
    static void startInfluxdWithOneDatabaseFilledAndOneEmpty() throws Exception {
        influxd = LocalInfluxd.start();
        client = new InfluxQueryClient(influxd.url());
        client.createDatabase("filled");
        client.createDatabase("empty");
        write("filled", twoDaysOfPoints());
        operations = DashboardHarness.of(RepoLayout.fromSystemProperty(), "operations.json");
        dashboards = DashboardHarness.all(RepoLayout.fromSystemProperty());
    }

    @AfterAll
    static void stopInfluxd() {
        if (influxd != null) {
            influxd.close();
        }
    }

    @Test
    void findsRowsForEveryQueryOfEveryDashboardWhenEveryMeasurementHasPoints() {
        assertThat(dashboards)
                .extracting(harness -> harness.dashboard().name())
                .contains("operations.json", "value.json");
        for (DashboardHarness dashboard : dashboards) {
            List<QueryOutcome> outcomes =
                    dashboard.runAllQueries(client, "filled", FROM, TO, Map.of());

            assertThat(outcomes).hasSizeGreaterThanOrEqualTo(dashboard.dashboard().panels().size());
            assertThat(outcomes)
                    .allSatisfy(
                            outcome ->
                                    assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
        }
    }

    @Test
    void reportsEveryQueryAsWithoutRowsOnAnEmptyDatabase() {
        for (DashboardHarness dashboard : dashboards) {
            List<QueryOutcome> outcomes = dashboard.runAllQueries(influxd.url(), "empty", FROM, TO);

            assertThat(outcomes)
                    .isNotEmpty()
                    .allSatisfy(
                            outcome -> {
                                assertThat(outcome.failed()).as(outcome.describe()).isFalse();
                                assertThat(outcome.hasRows()).as(outcome.describe()).isFalse();
                            });
        }
    }

    @Test
    void reportsInfluxDbsErrorUnderThePanelTitleAndRefId() {
        DashboardFile original = operations.dashboard();
        ObjectNode copy = original.json().deepCopy();
        ObjectNode target = (ObjectNode) copy.path("panels").get(2).path("targets").get(0);
        target.put("query", "SELECT mean(\"kw\" FROM \"load\" WHERE $timeFilter");
        DashboardHarness broken =
                new DashboardHarness(
                        new DashboardFile(original.file(), copy),
                        GrafanaSchemas.load(RepoLayout.fromSystemProperty().grafanaSchemas()),
                        List.of());

        List<QueryOutcome> outcomes = broken.runAllQueries(client, "filled", FROM, TO, Map.of());

        assertThat(outcomes)
                .filteredOn(QueryOutcome::failed)
                .singleElement()
                .satisfies(
                        outcome -> {
                            assertThat(outcome.source()).isEqualTo("Load by area");
                            assertThat(outcome.refId()).isEqualTo("A");
                            assertThat(outcome.error()).contains("error parsing query");
                        });
    }

    @Test
    void chosenAreaWithARegexCharacterSelectsOnlyThatArea() {
        // Unescaped, /^A.02$/ would also match AX02 and give two series.
        assertThat(loadByAreaSeries(Map.of("area", List.of("A.02")))).isEqualTo(1);
        assertThat(loadByAreaSeries(Map.of("area", List.of("A01", "A.02")))).isEqualTo(2);
        assertThat(loadByAreaSeries(Map.of("area", List.of(TemplateVariable.ALL))))
                .isEqualTo(AREAS.size());
    }

    @Test
    void theWorklistTableListsTheChosenStrategysListedCustomersOfTheAreaOrOfAll() {
        DashboardHarness value =
                dashboards.stream()
                        .filter(d -> d.dashboard().name().equals("value.json"))
                        .findFirst()
                        .orElseThrow();

        assertThat(worklistRows(value, "ALL", "ACCOUNT_MANAGER")).isEqualTo(2);
        // C0004 left the list: its point stays, marked LEFT, and is not shown
        assertThat(worklistRows(value, "A01", "ACCOUNT_MANAGER")).isEqualTo(1);
        assertThat(worklistRows(value, "A.02", "ACCOUNT_MANAGER")).isEqualTo(1);
        assertThat(worklistRows(value, "AX02", "ACCOUNT_MANAGER")).isZero();
        assertThat(worklistRows(value, "ALL", "COLLECTION_FOLLOWUP")).isEqualTo(1);
        assertThat(value.variableOptions(client, "filled", FROM, TO).get("strategy"))
                .containsExactly("ACCOUNT_MANAGER", "COLLECTION_FOLLOWUP");
    }

    private static int worklistRows(DashboardHarness value, String area, String strategy) {
        return value
                .runAllQueries(
                        client,
                        "filled",
                        FROM,
                        TO,
                        Map.of("area", List.of(area), "strategy", List.of(strategy)))
                .stream()
                .filter(outcome -> outcome.source().startsWith("Worklist"))
                .findFirst()
                .orElseThrow()
                .rows();
    }

    @Test
    void listsTheAreasAndClassesInTheDataAsVariableOptions() {
        Map<String, List<String>> options = operations.variableOptions(client, "filled", FROM, TO);

        assertThat(options.get("area")).containsExactlyInAnyOrderElementsOf(AREAS);
        assertThat(options.get("class")).containsExactlyInAnyOrder("RESIDENTIAL", "COMMERCIAL");
    }

    @Test
    void totalLoadOnSixHourPointsIsTheMeanOfQuarterHourTotalsNotTheirSum() {
        String query =
                operations.dashboard().panels().stream()
                        .filter(panel -> panel.title().equals("Total load"))
                        .findFirst()
                        .orElseThrow()
                        .targets()
                        .get(0)
                        .path("query")
                        .asText();
        Map<String, Selection> all = new HashMap<>();
        for (TemplateVariable variable : operations.dashboard().variables()) {
            all.put(
                    variable.name(),
                    new Selection(variable, List.of(TemplateVariable.ALL), List.of()));
        }
        String sixHourPoints =
                InfluxQlTemplate.render(query, new QueryTime(FROM, TO, 6 * 3_600_000L), all);

        QueryResult result = client.query("filled", sixHourPoints);

        // The first point covers hours 0..5 of the first day; each quarter hour's total is the
        // sum over areas and classes of the kW written by twoDaysOfPoints().
        double sum = 0;
        int quarters = 0;
        for (int hour = 0; hour < 6; hour++) {
            double total = 0;
            for (String area : AREAS) {
                total += 2 * kilowatts(area, hour);
            }
            sum += 4 * total;
            quarters += 4;
        }
        Number first = (Number) result.series().get(0).column("metered").get(0);
        assertThat(first.doubleValue()).isCloseTo(sum / quarters, within(1e-9));
    }

    private static int loadByAreaSeries(Map<String, List<String>> chosen) {
        return operations.runAllQueries(client, "filled", FROM, TO, chosen).stream()
                .filter(outcome -> outcome.source().equals("Load by area"))
                .mapToInt(QueryOutcome::series)
                .sum();
    }

    /** Line protocol as the monitor job writes it: one point per 15-minute bucket start. */
    private static String twoDaysOfPoints() {
        StringBuilder lines = new StringBuilder();
        for (long bucket = FROM; bucket < TO; bucket += 900_000) {
            long seconds = bucket / 1000;
            int hour = (int) ((bucket / 3_600_000) % 24);
            for (String area : AREAS) {
                double supplied = 0;
                for (String customerClass : List.of("RESIDENTIAL", "COMMERCIAL")) {
                    double kw = kilowatts(area, hour);
                    supplied += kw * 1.04;
                    lines.append(
                            String.format(
                                    Locale.ROOT,
                                    "load,area=%s,class=%s kwh=%s,kw=%s,readings=12i %d%n",
                                    area,
                                    customerClass,
                                    kw / 4,
                                    kw,
                                    seconds));
                    lines.append(
                            String.format(
                                    Locale.ROOT,
                                    "tou,area=%s,class=%s,period=%s kwh=%s,revenue=%s %d%n",
                                    area,
                                    customerClass,
                                    hour >= 8 && hour < 11 ? "PEAK" : "FLAT",
                                    kw / 4,
                                    kw / 4 * 0.65,
                                    seconds));
                }
                lines.append(
                        String.format(
                                Locale.ROOT,
                                "area_supply,area=%s kwh=%s,kw=%s %d%n",
                                area,
                                supplied / 4,
                                supplied,
                                seconds));
            }
            for (String source : SOURCES) {
                int rejected = hour % 3;
                lines.append(
                        String.format(
                                Locale.ROOT,
                                "ingest,source=%s records=%di,accepted=%di,rejected=%di,late=%di %d%n",
                                source,
                                100 + hour,
                                100 + hour - rejected,
                                rejected,
                                hour % 2,
                                seconds));
            }
            lines.append(
                    String.format(
                            Locale.ROOT,
                            "rejected,source=meter-readings,reason=DUPLICATE count=2i %d%n",
                            seconds));
            lines.append(
                    String.format(
                            Locale.ROOT,
                            "rejected,source=payments,reason=NOT_JSON count=1i %d%n",
                            seconds));
            if (bucket % 86_400_000 == 0) {
                lines.append(
                        String.format(
                                Locale.ROOT,
                                "peak_valley peak_kw=90.0,valley_kw=40.0,rate=0.5555,quarters=96i %d%n",
                                seconds));
            }
        }
        lines.append(alertPoints());
        lines.append(supplyReliabilityPoints());
        lines.append(monthlyValuePoints(BILLED - 31 * 86_400_000L, 0));
        lines.append(monthlyValuePoints(BILLED, 1));
        // A payment changes a grade half a day later: a tally between billings, all twelve again.
        lines.append(segmentTally(BILLED + 86_400_000L / 2, 2));
        lines.append(worklistPoints());
        return lines.toString();
    }

    /**
     * What the job writes for the worklists per strategy: one point per customer and list
     * (strategy, area, segment) at the minute it joined plus its own millisecond (here whole
     * seconds), LISTED, or LEFT once a later record took the customer off the list.
     */
    private static String worklistPoints() {
        StringBuilder lines = new StringBuilder();
        long joined = BILLED / 1000;
        String[][] entries = {
            {"ACCOUNT_MANAGER", "A01", "HIGH", "C0001", "LISTED"},
            {"ACCOUNT_MANAGER", "A.02", "HIGH", "C0003", "LISTED"},
            {"ACCOUNT_MANAGER", "A01", "HIGH", "C0004", "LEFT"},
            {"COLLECTION_FOLLOWUP", "A01", "LOW_RISKY", "C0002", "LISTED"}
        };
        int n = 0;
        for (String[] e : entries) {
            lines.append(
                    String.format(
                            Locale.ROOT,
                            "worklist,area=%s,segment=%s,strategy=%s customer=\"%s\",grade=\"A\","
                                    + "strategies=\"%s\",score=90.0,current_value=0.9,"
                                    + "potential_value=0.5,status=\"%s\",since=%di,updated=%di %d%n",
                            e[1],
                            e[2],
                            e[0],
                            e[3],
                            e[0],
                            e[4],
                            joined * 1000,
                            joined * 1000,
                            joined + n));
            n++;
        }
        return lines.toString();
    }

    /**
     * What the job writes for supply reliability: every area's (and the fleet's) segments and both
     * windows at each local midnight and at the quarter hour after an outage, as AreaReliability
     * and FleetReliability write them (docs/supply-reliability.md).
     */
    private static String supplyReliabilityPoints() {
        StringBuilder lines = new StringBuilder();
        List<String> areas = new ArrayList<>(AREAS);
        areas.add("ALL");
        long outage = FROM + 10 * 3_600_000L;
        for (long at : new long[] {BILLED - 86_400_000L, outage, BILLED, BILLED + 86_400_000L}) {
            boolean after = at >= outage;
            for (String area : areas) {
                for (String segment :
                        List.of("ALL", "HIGH", "MEDIUM", "LOW_RISKY", "LOW_BASIC", "NONE")) {
                    for (String window : List.of("MONTH", "ROLLING_12_MONTHS")) {
                        long customers = 20 + area.length();
                        long interruptions = after && segment.equals("ALL") ? 10 : 0;
                        double minutes = interruptions * 75.0;
                        lines.append(
                                String.format(
                                        Locale.ROOT,
                                        "supply_reliability,area=%s,segment=%s,window=%s"
                                                + " customers=%di,interruptions=%di,"
                                                + "customer_minutes=%s,momentary=0i,saidi=%s,"
                                                + "saifi=%s,caidi=%s,maifi=0.0 %d%n",
                                        area,
                                        segment,
                                        window,
                                        customers,
                                        interruptions,
                                        minutes,
                                        minutes / customers,
                                        (double) interruptions / customers,
                                        interruptions == 0 ? 0.0 : minutes / interruptions,
                                        at / 1000));
                    }
                }
            }
        }
        return lines.toString();
    }

    /**
     * What the job writes at a month's billing: the segment tally and revenue_concentration per
     * area and for the whole fleet. The first billing lies before the range, as a dashboard that
     * reads the last value must reach back to it.
     */
    private static String monthlyValuePoints(long billedMillis, int month) {
        StringBuilder lines = new StringBuilder(segmentTally(billedMillis, month));
        List<String> areas = new ArrayList<>(AREAS);
        areas.add("ALL");
        for (String area : areas) {
            lines.append(
                    String.format(
                            Locale.ROOT,
                            "revenue_concentration,area=%s customers=%di,revenue=%s,top20_share=%s,gini=%s %d%n",
                            area,
                            40 + area.length(),
                            12_000.0 + 100 * month,
                            0.6 + 0.01 * month,
                            0.45 + 0.01 * month,
                            billedMillis / 1000));
        }
        return lines.toString();
    }

    /**
     * What the job writes for alerts: counts per type, area and severity at a quarter hour, and one
     * worklist point per alert (at the minute it was raised plus its own millisecond; here whole
     * seconds, as this file writes with precision=s), one of them an AREA_LOSS, one ARREARS, one
     * DATA_QUALITY (no value at risk, as the area's); and the theft watch's point of each area.
     */
    private static String alertPoints() {
        StringBuilder lines = new StringBuilder();
        long raised = (FROM + 6 * 3_600_000L) / 1000;
        String[][] alerts = {
            {"THEFT", "A01", "HIGH", "C0001"},
            {"AREA_LOSS", "A.02", "MEDIUM", null},
            {"ARREARS", "A01", "MEDIUM", "C0002"},
            {"DATA_QUALITY", "A01", "MEDIUM", "C0003"}
        };
        int n = 0;
        for (String[] a : alerts) {
            lines.append(
                    String.format(
                            Locale.ROOT,
                            "alerts,area=%s,severity=%s,type=%s raised=1i,updated=0i,closed=0i %d%n",
                            a[1],
                            a[2],
                            a[0],
                            raised));
            lines.append(
                    String.format(
                            Locale.ROOT,
                            "alert_worklist,area=%s,type=%s alert_id=\"X%d\",%sseverity=\"%s\","
                                    + "status=\"OPEN\",rule=\"r\",evidence=\"k=1\",score=0.5,"
                                    + "priority=%s,since=%di,updated=%di %d%n",
                            a[1],
                            a[0],
                            n,
                            (a[3] == null ? "" : "customer=\"" + a[3] + "\",")
                                    + (atRisk(a[0]) ? "value_at_risk=80.0," : ""),
                            a[2],
                            atRisk(a[0]) ? "40.0" : "0.5",
                            raised * 1000,
                            raised * 1000,
                            raised + n));
            n++;
        }
        // the theft watch's customers by score, a point per area and day
        for (String area : List.of("A01", "A.02")) {
            lines.append(
                    String.format(
                            Locale.ROOT,
                            "theft_scores,area=%s customers=3i,watch=1i,suspected=1i,"
                                    + "max_score=0.6 %d%n",
                            area,
                            raised));
        }
        lines.append(plannerPoints());
        return lines.toString();
    }

    /** Whether an alert of the type carries a value at risk (THEFT, ARREARS). */
    private static boolean atRisk(String type) {
        return type.equals("THEFT") || type.equals("ARREARS");
    }

    /**
     * A what-if run (every group kind) and a few quarter hours of live shadow prices, before and
     * after the response: the Planner dashboard's measurements, built as the jobs build them.
     */
    private static String plannerPoints() {
        StringBuilder lines = new StringBuilder();
        long run = BILLED + 3_600_000L;
        for (String[] group :
                new String[][] {{"ALL", "ALL"}, {"class", "RESIDENTIAL"}, {"segment", "MEDIUM"}}) {
            org.gridwatch.core.whatif.ScenarioTally tally =
                    org.gridwatch.core.whatif.ScenarioTally.of("s1", group[0], group[1]);
            lines.append(
                            inSeconds(
                                    org.gridwatch.core.whatif.ScenarioRow.of(
                                                    tally,
                                                    org.gridwatch.core.tariff.HolidayCalendar
                                                            .china2026())
                                            .point(run)
                                            .toLineProtocol()))
                    .append('\n');
        }
        for (int q = 0; q < 8; q++) {
            long at = BILLED + q * 900_000L;
            lines.append(
                            inSeconds(
                                    MetricPoint.of("shadow")
                                            .tag("area", "A01")
                                            .tag("class", "RESIDENTIAL")
                                            .tag("period", "FLAT")
                                            .tag("scenario", "s1")
                                            .field("kwh", 2.0)
                                            .field("revenue_today", 1.0)
                                            .field("revenue_scenario", 1.2)
                                            .field("peak_kwh", 2.0)
                                            .at(at)
                                            .toLineProtocol()))
                    .append('\n');
            lines.append(
                            inSeconds(
                                    MetricPoint.of("shadow_response")
                                            .tag("area", "A01")
                                            .tag("class", "RESIDENTIAL")
                                            .tag("scenario", "s1")
                                            .field("kwh", 1.9)
                                            .field("revenue", 1.1)
                                            .field("peak_kwh", 1.8)
                                            .at(at)
                                            .toLineProtocol()))
                    .append('\n');
        }
        return lines.toString();
    }

    /** A point's line with its time in seconds, the precision this test writes at. */
    private static String inSeconds(String lineInMillis) {
        int space = lineInMillis.lastIndexOf(' ');
        return lineInMillis.substring(0, space + 1)
                + Long.parseLong(lineInMillis.substring(space + 1)) / 1000;
    }

    /** All twelve segment and grade combinations, zeros included, as the job writes them. */
    private static String segmentTally(long millis, int change) {
        StringBuilder lines = new StringBuilder();
        List<String> segments = List.of("HIGH", "MEDIUM", "LOW_RISKY", "LOW_BASIC");
        List<String> grades = List.of("A", "B", "C");
        for (int s = 0; s < segments.size(); s++) {
            for (int g = 0; g < grades.size(); g++) {
                int customers = s == 3 && g == 2 ? 0 : 5 * (s + 1) + g + change;
                lines.append(
                        String.format(
                                Locale.ROOT,
                                "segments,area=ALL,segment=%s,grade=%s customers=%di,revenue=%s %d%n",
                                segments.get(s),
                                grades.get(g),
                                customers,
                                customers * (4_000.0 - 900 * s),
                                millis / 1000));
            }
        }
        return lines.toString();
    }

    private static double kilowatts(String area, int hour) {
        return 20 + hour + area.length();
    }

    private static void write(String database, String lineProtocol) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        influxd.url()
                                                                + "/write?db="
                                                                + database
                                                                + "&precision=s"))
                                        .POST(HttpRequest.BodyPublishers.ofString(lineProtocol))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
