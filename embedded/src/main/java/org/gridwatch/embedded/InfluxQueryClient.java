package org.gridwatch.embedded;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.gridwatch.core.metric.InfluxQl;

/**
 * A small client of InfluxDB's v1 HTTP API (/ping and /query), for tests and the demo's live
 * summary. Works with InfluxDB 1.x and with the v1-compatible API of InfluxDB 2.x (user name and a
 * token as the password). Writing is not its job: the jobs' InfluxDB sink does that.
 */
public final class InfluxQueryClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final URI baseUri;
    private final String username;
    private final String password;
    private final HttpClient http;

    /** A client without credentials, for an InfluxDB without authentication. */
    public InfluxQueryClient(String url) {
        this(url, null, null);
    }

    /**
     * A client that sends the user name and password with every query (InfluxDB's u and p
     * parameters). For InfluxDB 2.x pass any user name and an API token as the password.
     */
    public InfluxQueryClient(String url, String username, String password) {
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("Give both a user name and a password, or neither");
        }
        this.baseUri = URI.create(url.endsWith("/") ? url : url + "/");
        this.username = username;
        this.password = password;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** True when the server answers /ping with 204 No Content; false when it cannot be reached. */
    public boolean ping() {
        HttpRequest request =
                HttpRequest.newBuilder(baseUri.resolve("ping")).timeout(PING_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates the database; does nothing when it exists already (InfluxDB 1.x semantics). */
    public void createDatabase(String database) {
        execute(null, InfluxQl.createDatabase(database));
    }

    /**
     * Runs InfluxQL against the database and returns the series of all its statements.
     *
     * @throws InfluxQueryException when InfluxDB reports an error for the request or for any of its
     *     statements, or cannot be reached
     */
    public QueryResult query(String database, String influxQl) {
        return execute(database, influxQl);
    }

    @Override
    public String toString() {
        return "InfluxQueryClient[" + baseUri + "]";
    }

    /**
     * POST, because InfluxDB 1.x refuses statements that change anything over GET, and POST works
     * for every statement. The statement goes in the form body, the rest in the URL.
     */
    private QueryResult execute(String database, String influxQl) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (database != null) {
            parameters.put("db", database);
        }
        if (username != null) {
            parameters.put("u", username);
            parameters.put("p", password);
        }
        HttpRequest request =
                HttpRequest.newBuilder(baseUri.resolve("query" + queryString(parameters)))
                        .timeout(QUERY_TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("q=" + encode(influxQl)))
                        .build();
        HttpResponse<String> response = send(request, influxQl);
        return parse(response, influxQl);
    }

    private HttpResponse<String> send(HttpRequest request, String influxQl) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InfluxQueryException(
                    "Could not reach InfluxDB at " + baseUri + " to run: " + influxQl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxQueryException("Interrupted while running: " + influxQl, e);
        }
    }

    private QueryResult parse(HttpResponse<String> response, String influxQl) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new InfluxQueryException(
                    failure(response.statusCode(), influxQl, "answered " + snippet(response)));
        }
        if (body.hasNonNull("error")) {
            throw new InfluxQueryException(
                    failure(response.statusCode(), influxQl, body.get("error").asText()));
        }
        if (response.statusCode() / 100 != 2) {
            throw new InfluxQueryException(
                    failure(response.statusCode(), influxQl, "answered " + snippet(response)));
        }
        List<QueryResult.Series> series = new ArrayList<>();
        for (JsonNode statement : body.path("results")) {
            if (statement.hasNonNull("error")) {
                throw new InfluxQueryException(
                        failure(response.statusCode(), influxQl, statement.get("error").asText()));
            }
            for (JsonNode one : statement.path("series")) {
                series.add(toSeries(one));
            }
        }
        return new QueryResult(series);
    }

    private static QueryResult.Series toSeries(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        node.path("tags")
                .fields()
                .forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        List<String> columns = new ArrayList<>();
        node.path("columns").forEach(column -> columns.add(column.asText()));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : node.path("values")) {
            List<Object> values = new ArrayList<>(row.size());
            row.forEach(value -> values.add(JSON.convertValue(value, Object.class)));
            rows.add(values);
        }
        return new QueryResult.Series(node.path("name").asText(""), tags, columns, rows);
    }

    private String failure(int status, String influxQl, String reason) {
        return "InfluxDB at "
                + baseUri
                + " (HTTP "
                + status
                + ") failed to run ["
                + influxQl
                + "]: "
                + reason;
    }

    private static String snippet(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        return body.length() <= 200 ? "'" + body + "'" : "'" + body.substring(0, 200) + "...'";
    }

    private static String queryString(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        parameters.forEach((name, value) -> joined.add(name + "=" + encode(value)));
        return joined.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
