package org.gridwatch.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.gridwatch.core.metric.InfluxQl;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.QueryResult;
import org.junit.jupiter.api.Test;

/** The writer over the real client against a real influxd, and against nothing at all. */
class InfluxDbConnectionTest {

    private static InfluxSettings settings(String url, String db, int maxAttempts) {
        return new InfluxSettings(
                url, db, "", null, null, 100, maxAttempts, Duration.ofMillis(10), true);
    }

    @Test
    void createsTheDatabaseAndWritesPointsThatReadBackWithTheirEventTime() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            InfluxSettings s = settings(influxd.url(), "gridwatch_sink_test", 3);
            InfluxDbWriter writer = new InfluxDbWriter(s, new InfluxDbConnection(s));
            writer.write(
                    MetricPoint.of("load")
                            .tag("area", "A001")
                            .field("kwh", 1.5)
                            .at(1_768_435_200_000L),
                    null);
            writer.write(
                    MetricPoint.of("load")
                            .tag("area", "A001")
                            .field("kwh", 2.5)
                            .at(1_768_435_200_000L),
                    null);
            writer.flush(false);
            writer.close();

            QueryResult r =
                    new InfluxQueryClient(influxd.url())
                            .query("gridwatch_sink_test", "SELECT kwh FROM load");
            // the second point has the same series and time: it replaced the first
            assertThat(r.series())
                    .singleElement()
                    .satisfies(
                            series -> {
                                assertThat(series.rows()).hasSize(1);
                                assertThat(series.rows().get(0).get(0))
                                        .isEqualTo("2026-01-15T00:00:00Z");
                                assertThat(((Number) series.rows().get(0).get(1)).doubleValue())
                                        .isEqualTo(2.5);
                            });
        }
    }

    @Test
    void createsAndWritesADatabaseWhoseNameNeedsQuotingInInfluxQl() throws Exception {
        String database = "grid-watch \"prod\"";
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            InfluxSettings s = settings(influxd.url(), database, 3);
            InfluxDbWriter writer = new InfluxDbWriter(s, new InfluxDbConnection(s));
            writer.write(MetricPoint.of("load").tag("area", "A001").field("kwh", 1.5).at(0L), null);
            writer.flush(false);
            writer.close();

            InfluxQueryClient client = new InfluxQueryClient(influxd.url());
            assertThat(client.query(null, "SHOW DATABASES").series().get(0).column("name"))
                    .contains(database);
            assertThat(
                            client.query(
                                            database,
                                            "SELECT \"kwh\" FROM "
                                                    + InfluxQl.identifier(database)
                                                    + ".\"autogen\"."
                                                    + InfluxQl.identifier("load"))
                                    .series())
                    .singleElement()
                    .satisfies(series -> assertThat(series.rows()).hasSize(1));
        }
    }

    @Test
    void failsAfterItsAttemptsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        InfluxSettings s = settings("http://127.0.0.1:" + port, "gridwatch", 2);
        InfluxDbWriter writer = new InfluxDbWriter(s, new InfluxDbConnection(s));
        writer.write(MetricPoint.of("load").field("kwh", 1.0).at(0), null);

        assertThatThrownBy(() -> writer.flush(true))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("after 2 attempt(s)");
    }
}
