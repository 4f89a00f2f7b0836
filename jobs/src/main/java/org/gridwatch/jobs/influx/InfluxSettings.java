package org.gridwatch.jobs.influx;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how the job writes metrics. InfluxDB 1.x takes user and password; InfluxDB 2.x and 3.x
 * take the same through their v1 API with an API token as the password (any user name).
 *
 * @param batchSize points per write request. Default 5,000: InfluxDB's documented sweet spot.
 * @param maxPendingPoints points held while InfluxDB is unreachable before the job waits for it
 *     instead of reading on. Default 200,000 (about 30 MB of heap and of checkpoint): minutes of a
 *     large fleet's metrics, hours of a small one's. Billing goes on while they are held.
 * @param firstBackoff how long after a failed write the next is tried; doubles up to {@code
 *     maxBackoff}. Default 0.5 s, up to 30 s: quick after a blip, gentle on a server coming back.
 * @param endOfInputPatience at the end of a bounded replay, how long to wait for an unreachable
 *     InfluxDB before the points still held are given up (counted and logged). Default 10 minutes.
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
        int maxPendingPoints,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration endOfInputPatience,
        boolean createDatabase)
        implements Serializable {

    public static final String DEFAULT_DATABASE = "gridwatch";

    public static InfluxSettings of(String url, String database, String user, String password) {
        return new InfluxSettings(
                url,
                database,
                "",
                user,
                password,
                5000,
                200_000,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                true);
    }

    /** The URL without credentials, for logs and error messages. */
    @Override
    public String toString() {
        return url + "/" + database;
    }
}
