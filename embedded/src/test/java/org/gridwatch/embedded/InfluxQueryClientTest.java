package org.gridwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against the real influxd; fails with the install hint when it is not installed. */
@Timeout(120)
class InfluxQueryClientTest {

    private static LocalInfluxd influxd;
    private static InfluxQueryClient client;

    @BeforeAll
    static void startInfluxd() throws Exception {
        influxd = LocalInfluxd.start();
        client = new InfluxQueryClient(influxd.url());
        client.createDatabase("grid");
        write(
                influxd.url() + "/write?db=grid&precision=s",
                String.join(
                        "\n",
                        "area_balance,area=north,class=residential loss_kwh=3.5 1700000000",
                        "area_balance,area=north,class=residential loss_kwh=4 1700000060",
                        "area_balance,area=south,class=residential loss_kwh=1.25 1700000000",
                        "alerts,kind=theft customer=\"C-17\",score=0.93,confirmed=true 1700000000"));
    }

    @AfterAll
    static void stopInfluxd() {
        influxd.close();
    }

    @Test
    void returnsOneSeriesPerGroupWithItsTags() {
        QueryResult result =
                client.query(
                        "grid",
                        "SELECT sum(loss_kwh) AS loss FROM area_balance GROUP BY area ORDER BY time");

        assertThat(result.series())
                .extracting(QueryResult.Series::tags)
                .containsExactly(Map.of("area", "north"), Map.of("area", "south"));
        QueryResult.Series north = result.series().get(0);
        assertThat(north.name()).isEqualTo("area_balance");
        assertThat(north.columns()).containsExactly("time", "loss");
        // 3.5 + 4 is a float field holding 7.5; 4 alone would come back as the whole number 4.
        assertThat(north.column("loss")).containsExactly(7.5);
        assertThat(result.series().get(1).column("loss")).containsExactly(1.25);
    }

    @Test
    void keepsStringsBooleansAndNumbersOfARow() {
        QueryResult result = client.query("grid", "SELECT customer, score, confirmed FROM alerts");

        assertThat(result.series()).hasSize(1);
        assertThat(result.series().get(0).rows())
                .containsExactly(List.of("2023-11-14T22:13:20Z", "C-17", 0.93, true));
    }

    @Test
    void returnsTheSeriesOfEveryStatement() {
        QueryResult result =
                client.query(
                        "grid",
                        "SELECT count(loss_kwh) FROM area_balance; SELECT count(score) FROM alerts");

        assertThat(result.series())
                .extracting(QueryResult.Series::name)
                .containsExactly("area_balance", "alerts");
        assertThat(result.series().get(0).column("count")).containsExactly(3L);
    }

    @Test
    void returnsNoSeriesWhenNothingMatches() {
        QueryResult result = client.query("grid", "SELECT * FROM area_balance WHERE area = 'east'");

        assertThat(result.isEmpty()).isTrue();
    }

    @Test
    void createsADatabaseThatExistsAlreadyWithoutComplaint() {
        client.createDatabase("grid");
        client.createDatabase("what-if \"scenario\"");

        QueryResult databases = client.query(null, "SHOW DATABASES");
        assertThat(databases.series().get(0).column("name"))
                .contains("grid", "what-if \"scenario\"");
    }

    @Test
    void throwsInfluxdbsMessageWhenAStatementFails() {
        assertThatThrownBy(() -> client.query("no_such_db", "SELECT * FROM area_balance"))
                .isInstanceOf(InfluxQueryException.class)
                .hasMessageContaining("database not found: no_such_db")
                .hasMessageContaining("SELECT * FROM area_balance");
    }

    @Test
    void throwsInfluxdbsMessageWhenAQueryDoesNotParse() {
        assertThatThrownBy(() -> client.query("grid", "SELEKT nothing"))
                .isInstanceOf(InfluxQueryException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("error parsing query");
    }

    @Test
    void pingsFalseAndQueriesFailClearlyWhenNothingListens() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        InfluxQueryClient nowhere = new InfluxQueryClient("http://127.0.0.1:" + closedPort);

        assertThat(nowhere.ping()).isFalse();
        assertThatThrownBy(() -> nowhere.query("grid", "SHOW MEASUREMENTS"))
                .isInstanceOf(InfluxQueryException.class)
                .hasMessageContaining("Could not reach InfluxDB at http://127.0.0.1:" + closedPort);
    }

    @Test
    void sendsUserAndPasswordToAServerThatRequiresThem() {
        try (LocalInfluxd secured = LocalInfluxd.start(LocalInfluxd.findBinary(), true)) {
            // With no user yet, InfluxDB 1.x accepts exactly one thing: creating the first admin.
            new InfluxQueryClient(secured.url())
                    .query(
                            null,
                            "CREATE USER operator WITH PASSWORD 's3cret&=+' WITH ALL PRIVILEGES");

            assertThatThrownBy(() -> new InfluxQueryClient(secured.url()).createDatabase("grid"))
                    .isInstanceOf(InfluxQueryException.class)
                    .hasMessageContaining("HTTP 401");
            assertThatThrownBy(
                            () ->
                                    new InfluxQueryClient(secured.url(), "operator", "wrong")
                                            .createDatabase("grid"))
                    .isInstanceOf(InfluxQueryException.class)
                    .hasMessageContaining("authorization failed")
                    .hasMessageNotContaining("wrong");

            InfluxQueryClient operator =
                    new InfluxQueryClient(secured.url(), "operator", "s3cret&=+");
            operator.createDatabase("grid");
            assertThat(operator.query(null, "SHOW DATABASES").series().get(0).column("name"))
                    .contains("grid");
        }
    }

    @Test
    void wantsBothUserAndPasswordOrNeither() {
        assertThatThrownBy(() -> new InfluxQueryClient("http://127.0.0.1:8086", "operator", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void write(String url, String lineProtocol) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .POST(HttpRequest.BodyPublishers.ofString(lineProtocol))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
