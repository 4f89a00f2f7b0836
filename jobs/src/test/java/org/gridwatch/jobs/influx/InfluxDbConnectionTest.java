package org.gridwatch.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.metric.InfluxQl;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.QueryResult;
import org.junit.jupiter.api.Test;

/** The writer over the real client against a real influxd, and against nothing at all. */
class InfluxDbConnectionTest {
    /** 2026-01-15T00:00:00Z */
    private static final long JAN_15 = 1_768_435_200_000L;

    private static InfluxSettings settings(String url, String db) {
        return InfluxSettings.of(url, db, null, null);
    }

    private static InfluxDbWriter writer(InfluxSettings s) {
        return new InfluxDbWriter(
                s,
                new InfluxDbConnection(s),
                List.of(),
                InfluxWriteMetrics.NONE,
                System::nanoTime,
                Thread::sleep);
    }

    private static MetricPoint load(double kwh, long t) {
        return MetricPoint.of("load").tag("area", "A001").field("kwh", kwh).at(t);
    }

    @Test
    void createsTheDatabaseAndWritesPointsThatReadBackWithTheirEventTime() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            InfluxDbWriter writer = writer(settings(influxd.url(), "gridwatch_sink_test"));
            writer.write(load(1.5, JAN_15), null);
            writer.write(load(2.5, JAN_15), null);
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
            InfluxDbWriter writer = writer(settings(influxd.url(), database));
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
    void countsAndSkipsWhatTheRealServerRefusesAndKeepsTheRest() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            InfluxQueryClient client = new InfluxQueryClient(influxd.url());
            client.createDatabase("refusals");
            // kwh already a string in this shard: a float is a field type conflict
            InfluxDbConnection raw = new InfluxDbConnection(settings(influxd.url(), "refusals"));
            raw.write(List.of("load,area=A001 kwh=\"x\" " + JAN_15));
            raw.close();
            InfluxDbWriter writer = writer(settings(influxd.url(), "refusals"));
            writer.write(load(1.5, JAN_15 + 1), null); // conflicts
            writer.write(
                    MetricPoint.of("tou").tag("area", "A001").field("kwh", 1.0).at(JAN_15), null);
            writer.flush(false);

            assertThat(writer.refusedByKind()).isEqualTo(Map.of("FIELD_TYPE_CONFLICT", 1L));
            assertThat(writer.pendingPoints()).isZero();
            assertThat(client.query("refusals", "SELECT kwh FROM tou").series()).hasSize(1);
        }
    }

    @Test
    void classifiesPointsBeyondTheRetentionPolicyAsRefused() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            InfluxQueryClient client = new InfluxQueryClient(influxd.url());
            client.query("", "CREATE DATABASE \"short\" WITH DURATION 1h NAME \"hour\"");
            InfluxDbConnection raw = new InfluxDbConnection(settings(influxd.url(), "short"));

            assertThatThrownBy(() -> raw.write(List.of("load kwh=1 " + JAN_15)))
                    .isInstanceOfSatisfying(
                            LineWriter.WriteFailure.class,
                            f -> {
                                assertThat(f.retryable).isFalse();
                                assertThat(f.refusal).isEqualTo("BEYOND_RETENTION_POLICY");
                                assertThat(f.refusedPoints).isEqualTo(1);
                            });
            raw.close();
        }
    }

    @Test
    void holdsThePointsWhenNothingListensAndWaitsOnlyAtTheEndOfInput() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        InfluxSettings s =
                new InfluxSettings(
                        "http://127.0.0.1:" + port,
                        "gridwatch",
                        "",
                        null,
                        null,
                        100,
                        1000,
                        java.time.Duration.ofMillis(10),
                        java.time.Duration.ofMillis(40),
                        java.time.Duration.ofMillis(300),
                        true);
        InfluxDbWriter writer = writer(s);
        writer.write(load(1.0, JAN_15), null);

        writer.flush(false);
        assertThat(writer.pendingPoints()).isEqualTo(1);

        writer.flush(true);
        assertThat(writer.refusedByKind()).isEqualTo(Map.of("UNREACHABLE_AT_END_OF_INPUT", 1L));
    }
}
