package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.QueryResult;
import org.gridwatch.it.MonitoredFleet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Customer value dashboard against what the real monitor job wrote for a simulated fleet whose
 * four days hold January's billing: every query Grafana would send must return rows. An empty panel
 * here means the dashboard and the job disagree about a measurement, tag or field name, or the job
 * did not write its monthly value metrics.
 */
class ValueDashboardQueriesTest {

    private static final Logger LOG = LoggerFactory.getLogger(ValueDashboardQueriesTest.class);
    private static final DashboardHarness VALUE =
            DashboardHarness.of(RepoLayout.fromSystemProperty(), "value.json");

    @Test
    void everyQueryReturnsRowsFromTheMonitorJobsOutput() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();

        List<QueryOutcome> outcomes =
                VALUE.runAllQueries(
                        fleet.influxUrl(),
                        fleet.database(),
                        fleet.fromMillis(),
                        fleet.valuedUntilMillis());

        outcomes.forEach(outcome -> LOG.info("{}", outcome.describe()));
        assertThat(outcomes)
                .allSatisfy(
                        outcome -> assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
    }

    @Test
    void everyPanelIsQueried() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();

        Set<String> queried =
                VALUE
                        .runAllQueries(
                                fleet.influxUrl(),
                                fleet.database(),
                                fleet.fromMillis(),
                                fleet.valuedUntilMillis())
                        .stream()
                        .map(QueryOutcome::source)
                        .collect(Collectors.toSet());

        assertThat(queried)
                .containsAll(
                        VALUE.dashboard().panels().stream()
                                .map(DashboardFile.Panel::title)
                                .toList())
                .contains("variable area");
    }

    @Test
    void everyPanelAnswersForOneAreaWhenOneIsChosen() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        InfluxQueryClient client = new InfluxQueryClient(fleet.influxUrl());
        List<String> areas =
                VALUE.variableOptions(
                                client,
                                fleet.database(),
                                fleet.fromMillis(),
                                fleet.valuedUntilMillis())
                        .get("area");
        assertThat(areas).as("the areas and the fleet").contains("ALL").hasSizeGreaterThan(2);
        String oneArea = areas.stream().filter(a -> !a.equals("ALL")).findFirst().orElseThrow();

        List<QueryOutcome> outcomes =
                VALUE.runAllQueries(
                        client,
                        fleet.database(),
                        fleet.fromMillis(),
                        fleet.valuedUntilMillis(),
                        Map.of("area", List.of(oneArea)));

        assertThat(outcomes)
                .allSatisfy(
                        outcome -> assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
        assertThat(outcomes)
                .filteredOn(outcome -> outcome.source().equals("Customers"))
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.query()).contains("'" + oneArea + "'"));
    }

    @Test
    void areaTableListsTheAreasWhoseLoadTheJobMetered() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        InfluxQueryClient client = new InfluxQueryClient(fleet.influxUrl());
        Set<String> metered =
                tagValues(
                        client.query(
                                fleet.database(),
                                "SHOW TAG VALUES FROM \"load\" WITH KEY = \"area\""),
                        "value");
        assertThat(metered).as("areas in the job's load output").hasSizeGreaterThan(1);

        Set<String> concentrated =
                tagValues(
                        client.query(
                                fleet.database(),
                                "SHOW TAG VALUES FROM \"revenue_concentration\" WITH KEY ="
                                        + " \"area\" WHERE \"area\" != 'ALL'"),
                        "value");

        assertThat(concentrated).isEqualTo(metered);
    }

    private static Set<String> tagValues(QueryResult result, String column) {
        return result.series().stream()
                .flatMap(series -> series.column(column).stream())
                .map(String::valueOf)
                .collect(Collectors.toSet());
    }
}
