package org.gridwatch.jobs.influx;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how the job writes metrics. InfluxDB 1.x takes user and password; InfluxDB 2.x and 3.x
 * take the same through their v1 API with an API token as the password (any user name).
 *
 * @param batchSize points per write request. Default 5,000: InfluxDB's documented sweet spot.
 * @param maxAttempts write attempts before the job fails rather than lose points. Default 6, with
 *     backoff doubling from {@code firstBackoff} (0.5 s): ~15 s, long enough for a restart of
 *     influxd, short enough that Flink's own restart takes over soon.
 * @param createDatabase create the database at start (InfluxDB 1.x; with 2.x/3.x map the bucket
 *     instead, and a failed CREATE is only logged)
 */
public record InfluxSettings(
        String url,
        String database,
        String retentionPolicy,
        String user,
        String password,
        int batchSize,
        int maxAttempts,
        Duration firstBackoff,
        boolean createDatabase)
        implements Serializable {

    public static final String DEFAULT_DATABASE = "gridwatch";

    public static InfluxSettings of(String url, String database, String user, String password) {
        return new InfluxSettings(
                url, database, "", user, password, 5000, 6, Duration.ofMillis(500), true);
    }

    /** The URL without credentials, for logs and error messages. */
    @Override
    public String toString() {
        return url + "/" + database;
    }
}
