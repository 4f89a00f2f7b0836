package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gridwatch.it.Fleets;
import org.gridwatch.it.MonitoredFleet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Inspector dashboard against what the real monitor job wrote for a simulated fleet (with its
 * thieves, {@link Fleets#THEFT}): every query Grafana would send must return rows.
 * InspectorDashboardQueriesTest checks the same panels against synthetic alerts written through the
 * same InfluxDB output.
 */
class InspectorDashboardJobQueriesTest {

    private static final Logger LOG =
            LoggerFactory.getLogger(InspectorDashboardJobQueriesTest.class);
    private static final DashboardHarness INSPECTOR =
            DashboardHarness.of(RepoLayout.fromSystemProperty(), "inspector.json");

    /** A panel of ARREARS alerts alone, which the theft fleet's seven weeks cannot have. */
    private static boolean arrearsOnly(QueryOutcome outcome) {
        return outcome.query().contains("\"type\" = 'ARREARS'");
    }

    @Test
    void everyQueryReturnsRowsFromTheMonitorJobsOutput() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(Fleets.THEFT);

        List<QueryOutcome> outcomes =
                INSPECTOR.runAllQueries(
                        fleet.influxUrl(), fleet.database(), fleet.fromMillis(), fleet.toMillis());

        outcomes.forEach(outcome -> LOG.info("{}", outcome.describe()));
        assertThat(outcomes.stream().filter(o -> !arrearsOnly(o)))
                .allSatisfy(
                        outcome -> assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
    }

    @Test
    void theArrearsPanelsReturnRowsFromAFleetWithArrears() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(Fleets.ARREARS);

        List<QueryOutcome> outcomes =
                INSPECTOR
                        .runAllQueries(
                                fleet.influxUrl(),
                                fleet.database(),
                                fleet.fromMillis(),
                                fleet.toMillis())
                        .stream()
                        .filter(InspectorDashboardJobQueriesTest::arrearsOnly)
                        .toList();

        assertThat(outcomes).isNotEmpty();
        outcomes.forEach(outcome -> LOG.info("{}", outcome.describe()));
        assertThat(outcomes)
                .allSatisfy(
                        outcome -> assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
    }
}
