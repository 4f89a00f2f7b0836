package org.gridwatch.jobs.influx;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.gridwatch.core.metric.InfluxQl;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link LineWriter} over the influxdb-java client (InfluxDB's v1 HTTP API). */
final class InfluxDbConnection implements LineWriter {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxDbConnection.class);

    private final InfluxSettings settings;
    private InfluxDB client;

    InfluxDbConnection(InfluxSettings settings) {
        this.settings = settings;
    }

    private InfluxDB client() {
        if (client == null) {
            // Connecting takes milliseconds on a healthy network, so 5 s means down; a write of a
            // 5,000-point batch takes well under a second, so 30 s means stuck. Either way the
            // writer's retries take over.
            OkHttpClient.Builder http =
                    new OkHttpClient.Builder()
                            .connectTimeout(5, TimeUnit.SECONDS)
                            .readTimeout(30, TimeUnit.SECONDS)
                            .writeTimeout(30, TimeUnit.SECONDS);
            client =
                    settings.user() == null || settings.user().isEmpty()
                            ? InfluxDBFactory.connect(settings.url(), http)
                            : InfluxDBFactory.connect(
                                    settings.url(), settings.user(), settings.password(), http);
            if (settings.createDatabase()) {
                createDatabase();
            }
        }
        return client;
    }

    private void createDatabase() {
        try {
            // CREATE DATABASE is idempotent in InfluxDB 1.x.
            client.query(new Query(InfluxQl.createDatabase(settings.database())));
        } catch (InfluxDBException e) {
            LOG.warn(
                    "could not create database {} at {} ({}); writing anyway (InfluxDB 2.x/3.x: map a bucket to it)",
                    settings.database(),
                    settings.url(),
                    e.getMessage());
        }
    }

    @Override
    public void write(List<String> lines) throws WriteFailure {
        try {
            client().write(
                            settings.database(),
                            settings.retentionPolicy(),
                            InfluxDB.ConsistencyLevel.ONE,
                            TimeUnit.MILLISECONDS,
                            lines);
        } catch (InfluxDBException e) {
            throw classify(e);
        } catch (RuntimeException e) {
            // okhttp/retrofit surface connection problems as unchecked exceptions
            closeQuietly();
            throw WriteFailure.unreachable(String.valueOf(e.getMessage()), e);
        }
    }

    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");

    /**
     * What InfluxDB said, as retryable (a server error, an overloaded cache) or refused for good,
     * with its kind. A "partial write" means the server kept the other points of the batch and says
     * how many it dropped.
     */
    static WriteFailure classify(InfluxDBException e) {
        String message = String.valueOf(e.getMessage());
        Matcher dropped = DROPPED.matcher(message);
        int refused = dropped.find() ? Integer.parseInt(dropped.group(1)) : -1;
        String kind = refusalKind(e, message);
        return kind == null
                ? WriteFailure.unreachable(message, e)
                : WriteFailure.refused(kind, refused, message, e);
    }

    private static String refusalKind(InfluxDBException e, String message) {
        if (e instanceof InfluxDBException.FieldTypeConflictException) {
            return "FIELD_TYPE_CONFLICT";
        }
        if (e instanceof InfluxDBException.PointsBeyondRetentionPolicyException) {
            return "BEYOND_RETENTION_POLICY";
        }
        if (e instanceof InfluxDBException.AuthorizationFailedException) {
            return "NOT_AUTHORIZED";
        }
        if (e instanceof InfluxDBException.DatabaseNotFoundException) {
            return "DATABASE_NOT_FOUND";
        }
        if (e instanceof InfluxDBException.UnableToParseException) {
            return "UNABLE_TO_PARSE";
        }
        if (message.contains("max-values-per-tag") || message.contains("max-series-per-database")) {
            return "SERIES_LIMIT";
        }
        if (message.contains("partial write")) {
            return "PARTIAL_WRITE";
        }
        return e.isRetryWorth() ? null : "REFUSED";
    }

    private void closeQuietly() {
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // the connection is being dropped because it failed
            }
            client = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
