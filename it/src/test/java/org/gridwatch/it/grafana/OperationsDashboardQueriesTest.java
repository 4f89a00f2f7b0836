package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.it.MonitoredFleet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Operations dashboard against what the real monitor job wrote for a simulated fleet: every
 * query Grafana would send must return rows. An empty panel here means the dashboard and the job
 * disagree about a measurement, tag or field name.
 */
class OperationsDashboardQueriesTest {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsDashboardQueriesTest.class);
    private static final DashboardHarness OPERATIONS =
            DashboardHarness.of(RepoLayout.fromSystemProperty(), "operations.json");

    @Test
    void everyQueryReturnsRowsFromTheMonitorJobsOutput() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        List<QueryOutcome> outcomes =
                OPERATIONS.runAllQueries(
                        fleet.influxUrl(), fleet.database(), fleet.fromMillis(), fleet.toMillis());

        outcomes.forEach(outcome -> LOG.info("{}", outcome.describe()));
        assertThat(outcomes)
                .allSatisfy(
                        outcome -> assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
    }

    @Test
    void everyPanelIsQueried() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();

        Set<String> queried =
                OPERATIONS
                        .runAllQueries(
                                fleet.influxUrl(),
                                fleet.database(),
                                fleet.fromMillis(),
                                fleet.toMillis())
                        .stream()
                        .map(QueryOutcome::source)
                        .collect(Collectors.toSet());

        assertThat(queried)
                .containsAll(
                        OPERATIONS.dashboard().panels().stream()
                                .map(DashboardFile.Panel::title)
                                .toList())
                .contains("variable area", "variable class");
    }

    @Test
    void loadPanelsShowOneAreaWhenOneIsChosen() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.shared();
        InfluxQueryClient client = new InfluxQueryClient(fleet.influxUrl());
        List<String> areas =
                OPERATIONS
                        .variableOptions(
                                client, fleet.database(), fleet.fromMillis(), fleet.toMillis())
                        .get("area");
        assertThat(areas).as("areas in the job's output").hasSizeGreaterThan(1);

        List<QueryOutcome> outcomes =
                OPERATIONS.runAllQueries(
                        client,
                        fleet.database(),
                        fleet.fromMillis(),
                        fleet.toMillis(),
                        Map.of("area", List.of(areas.get(0))));

        assertThat(outcomes)
                .allSatisfy(
                        outcome -> assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
        assertThat(outcomes)
                .filteredOn(outcome -> outcome.source().equals("Load by area"))
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.series()).isEqualTo(1));
    }
}
