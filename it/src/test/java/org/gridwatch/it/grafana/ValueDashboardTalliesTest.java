package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.QueryResult;
import org.gridwatch.it.grafana.InfluxQlTemplate.QueryTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Customer value dashboard reads sparse tallies: the job writes all twelve segment and grade
 * counts only when something changes, so a panel must show the last tally, count it once when
 * several fall in one interval, and carry it into a range that holds none. Checked here on a real
 * influxd with tallies whose sums are known.
 */
class ValueDashboardTalliesTest {

    /** January's billing, 1 January 00:00 in UTC+8: before the range. */
    private static final long JANUARY = Instant.parse("2025-12-31T16:00:00Z").toEpochMilli();

    /** February's billing, 1 February 00:00 in UTC+8. */
    private static final long FEBRUARY = Instant.parse("2026-01-31T16:00:00Z").toEpochMilli();

    private static final long FROM = Instant.parse("2026-01-30T00:00:00Z").toEpochMilli();
    private static final long TO = FROM + 4 * 86_400_000L;
    private static final long QUARTER = 900_000;
    private static final long SIX_HOURS = 6 * 3_600_000L;
    private static final List<String> SEGMENTS =
            List.of("HIGH", "MEDIUM", "LOW_RISKY", "LOW_BASIC");
    private static final List<String> GRADES = List.of("A", "B", "C");

    private static LocalInfluxd influxd;
    private static InfluxQueryClient client;
    private static DashboardFile value;

    @BeforeAll
    static void writeFourTallies() throws Exception {
        influxd = LocalInfluxd.start();
        client = new InfluxQueryClient(influxd.url());
        client.createDatabase("value");
        // Tally n holds n + segment index + grade index customers in each combination, so a
        // segment's total over its three grades is 3n + 3s + 3.
        write(tally(JANUARY, 10) + tally(FEBRUARY, 20) + tally(FEBRUARY + QUARTER, 30));
        write(tally(FEBRUARY + 86_400_000L, 40));
        write(concentration(JANUARY, "ALL", 0.7) + concentration(JANUARY, "A01", 0.9));
        value =
                DashboardFile.read(
                        RepoLayout.fromSystemProperty().dashboards().resolve("value.json"));
    }

    @AfterAll
    static void stopInfluxd() {
        if (influxd != null) {
            influxd.close();
        }
    }

    @Test
    void customersPerSegmentCountsOnlyTheLastOfTwoTalliesInOneInterval() {
        QueryResult result = run("Customers per segment", FROM, TO, SIX_HOURS);

        // 12:00-18:00 UTC on 31 January holds the tallies of 16:00 and 16:15.
        assertThat(valueAt(result, "segment", "HIGH", sixHours(FEBRUARY))).isEqualTo(3 * 30 + 3);
        assertThat(valueAt(result, "segment", "LOW_BASIC", sixHours(FEBRUARY)))
                .isEqualTo(3 * 30 + 9 + 3);
    }

    @Test
    void customersPerSegmentHoldsTheLastTallyUntilTheNextOne() {
        QueryResult result = run("Customers per segment", FROM, TO, SIX_HOURS);

        long nextDay = sixHours(FEBRUARY + 86_400_000L);
        assertThat(valueAt(result, "segment", "HIGH", sixHours(FEBRUARY) + SIX_HOURS))
                .isEqualTo(3 * 30 + 3);
        assertThat(valueAt(result, "segment", "HIGH", nextDay - SIX_HOURS)).isEqualTo(3 * 30 + 3);
        assertThat(valueAt(result, "segment", "HIGH", nextDay + 2 * SIX_HOURS))
                .isEqualTo(3 * 40 + 3);
    }

    @Test
    void customersPerSegmentStartsTheRangeWithTheTallyWrittenBeforeIt() {
        QueryResult result = run("Customers per segment", FROM, TO, SIX_HOURS);

        assertThat(valueAt(result, "segment", "HIGH", FROM)).isEqualTo(3 * 10 + 3);
    }

    @Test
    void customersPerCreditGradeAddsUpTheSegmentsOfEachGrade() {
        QueryResult result = run("Customers per credit grade", FROM, TO, SIX_HOURS);

        // Grade C over the four segments of tally 40: 4 × 40 + (0 + 1 + 2 + 3) + 4 × 2.
        assertThat(valueAt(result, "grade", "C", sixHours(TO - 1))).isEqualTo(160 + 6 + 8);
    }

    @Test
    void customerStatIsTheWholeFleetAtTheEndOfTheRange() {
        assertThat(single(run("Customers", FROM, TO, QUARTER))).isEqualTo(fleet(40));
        assertThat(single(run("Customers", FROM, FEBRUARY - QUARTER, QUARTER)))
                .as("a range without tallies shows the last one before it")
                .isEqualTo(fleet(10));
    }

    @Test
    void segmentPiesAndTableShowTheLastTallyOfEachCombinationOnce() {
        QueryResult pie = run("Customers by segment", FROM, FEBRUARY + QUARTER, QUARTER);
        assertThat(pie.series())
                .extracting(series -> series.tags().get("segment"))
                .containsExactlyInAnyOrderElementsOf(SEGMENTS);
        assertThat(valueAt(pie, "segment", "MEDIUM", -1)).isEqualTo(3 * 30 + 3 + 3);

        QueryResult table = run("Segment × credit grade", FROM, TO, QUARTER);
        assertThat(table.series()).hasSize(SEGMENTS.size() * GRADES.size());
        assertThat(table.series().stream().mapToInt(series -> series.rows().size()).sum())
                .isEqualTo(SEGMENTS.size() * GRADES.size());
    }

    @Test
    void concentrationStatsReadTheWholeFleetAndTheAreaTableLeavesItOut() {
        assertThat(single(run("Top 20% revenue share", FROM, TO, QUARTER))).isEqualTo(0.7);

        QueryResult areas = run("Revenue concentration by area", FROM, TO, QUARTER);
        assertThat(areas.series())
                .singleElement()
                .satisfies(series -> assertThat(series.tags()).containsEntry("area", "A01"));
    }

    private static long fleet(int tally) {
        long customers = 0;
        for (int s = 0; s < SEGMENTS.size(); s++) {
            for (int g = 0; g < GRADES.size(); g++) {
                customers += tally + s + g;
            }
        }
        return customers;
    }

    /** The dashboard's area variable at its default: the whole fleet. */
    private static InfluxQlTemplate.Selection wholeFleet() {
        return new InfluxQlTemplate.Selection(
                value.variables().stream()
                        .filter(v -> v.name().equals("area"))
                        .findFirst()
                        .orElseThrow(),
                List.of("ALL"),
                List.of("ALL"));
    }

    private static QueryResult run(String title, long from, long to, long interval) {
        String query =
                value.panels().stream()
                        .filter(panel -> panel.title().equals(title))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no panel " + title))
                        .targets()
                        .get(0)
                        .path("query")
                        .asText();
        return client.query(
                "value",
                InfluxQlTemplate.render(
                        query, new QueryTime(from, to, interval), Map.of("area", wholeFleet())));
    }

    /** The start of the six-hour interval that holds the instant (InfluxDB aligns to epoch). */
    private static long sixHours(long millis) {
        return millis - millis % SIX_HOURS;
    }

    /** The value of the tag's series in the row of that time, or in its only row for time -1. */
    private static double valueAt(QueryResult result, String tag, String tagValue, long millis) {
        QueryResult.Series series =
                result.series().stream()
                        .filter(s -> tagValue.equals(s.tags().get(tag)))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no series " + tagValue));
        if (millis < 0) {
            assertThat(series.rows()).hasSize(1);
            return number(series.rows().get(0).get(1));
        }
        List<Object> times = series.column("time");
        int row = times.indexOf(Instant.ofEpochMilli(millis).toString());
        assertThat(row)
                .as("row at " + Instant.ofEpochMilli(millis) + " in " + times)
                .isNotNegative();
        return number(series.rows().get(row).get(1));
    }

    private static double single(QueryResult result) {
        assertThat(result.series()).hasSize(1);
        assertThat(result.series().get(0).rows()).hasSize(1);
        return number(result.series().get(0).rows().get(0).get(1));
    }

    /** InfluxDB sends a float field holding 2.0 as 2, and an empty interval as null. */
    private static double number(Object value) {
        assertThat(value).as("value").isInstanceOf(Number.class);
        return ((Number) value).doubleValue();
    }

    private static String tally(long millis, int n) {
        StringBuilder lines = new StringBuilder();
        for (int s = 0; s < SEGMENTS.size(); s++) {
            for (int g = 0; g < GRADES.size(); g++) {
                int customers = n + s + g;
                lines.append(
                        String.format(
                                Locale.ROOT,
                                "segments,area=ALL,segment=%s,grade=%s customers=%di,revenue=%s %d%n",
                                SEGMENTS.get(s),
                                GRADES.get(g),
                                customers,
                                customers * 1_000.0,
                                millis / 1000));
            }
        }
        return lines.toString();
    }

    private static String concentration(long millis, String area, double top20Share) {
        return String.format(
                Locale.ROOT,
                "revenue_concentration,area=%s customers=50i,revenue=90000.0,top20_share=%s,gini=0.5 %d%n",
                area,
                top20Share,
                millis / 1000);
    }

    private static void write(String lineProtocol) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        influxd.url()
                                                                + "/write?db=value&precision=s"))
                                        .POST(HttpRequest.BodyPublishers.ofString(lineProtocol))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
