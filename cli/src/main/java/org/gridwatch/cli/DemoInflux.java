package org.gridwatch.cli;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.InfluxQueryException;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.QueryResult;
import org.gridwatch.jobs.influx.InfluxSettings;

/**
 * The InfluxDB the demo writes its metrics to: the one named with --influx, else one answering on
 * localhost:8086, else a private influxd when one is installed, else none (the terminal still shows
 * everything).
 */
final class DemoInflux implements AutoCloseable {

    static final String USUAL_URL = "http://localhost:8086";
    static final String HOW_TO_GET_ONE =
            "to get one: `sudo apt-get install influxdb` (Debian/Ubuntu), or"
                    + " `docker run -p 8086:8086 influxdb:1.8`";

    private final String url;
    private final String note;
    private final LocalInfluxd privateServer;
    private final InfluxQueryClient client;

    private DemoInflux(String url, String note, LocalInfluxd privateServer) {
        this.url = url;
        this.note = note;
        this.privateServer = privateServer;
        this.client = url == null ? null : new InfluxQueryClient(url);
    }

    static DemoInflux none(String why) {
        return new DemoInflux(null, why, null);
    }

    /** The InfluxDB at {@code url}, which must answer and take the demo's database. */
    static DemoInflux at(String url) {
        DemoInflux influx = new DemoInflux(url, "as --influx says", null);
        influx.prepare();
        return influx;
    }

    /** One on localhost:8086, else a private influxd, else none. */
    static DemoInflux find(boolean privateOnly) {
        if (!privateOnly && new InfluxQueryClient(USUAL_URL).ping()) {
            try {
                DemoInflux influx = new DemoInflux(USUAL_URL, "it answers on localhost:8086", null);
                influx.prepare();
                return influx;
            } catch (IllegalStateException e) {
                return startPrivate(
                        "the InfluxDB on localhost:8086 refused the demo's database ("
                                + e.getMessage()
                                + ")");
            }
        }
        return startPrivate(
                privateOnly ? "--private-influx asks for one" : "none answers on localhost:8086");
    }

    private static DemoInflux startPrivate(String why) {
        if (LocalInfluxd.findBinary().isEmpty()) {
            return new DemoInflux(
                    null, why + ", and influxd is not installed; " + HOW_TO_GET_ONE, null);
        }
        LocalInfluxd server;
        try {
            server = LocalInfluxd.start();
        } catch (RuntimeException e) {
            return none(
                    why
                            + ", and a private influxd did not start: "
                            + GridWatch.firstLine(e.getMessage()));
        }
        DemoInflux influx =
                new DemoInflux(server.url(), "private, as " + why + "; deleted at the end", server);
        try {
            influx.prepare();
        } catch (RuntimeException e) {
            influx.close();
            throw e;
        }
        return influx;
    }

    /** Creates the database now, so that an InfluxDB that will not take writes is found early. */
    private void prepare() {
        if (!client.ping()) {
            throw new IllegalStateException("InfluxDB at " + url + " does not answer /ping");
        }
        try {
            client.createDatabase(database());
        } catch (InfluxQueryException e) {
            throw new IllegalStateException(GridWatch.firstLine(e.getMessage()));
        }
    }

    static String database() {
        return InfluxSettings.DEFAULT_DATABASE;
    }

    boolean isAvailable() {
        return url != null;
    }

    /** Where the job writes, or null when there is no InfluxDB. */
    InfluxSettings settings() {
        return url == null ? null : InfluxSettings.of(url, database(), null, null);
    }

    String url() {
        return url;
    }

    /** Where the metrics go, and why there (or why nowhere): for the demo's first lines. */
    List<String> describe() {
        if (url != null) {
            return List.of(url + ", database " + database(), "(" + note + ")");
        }
        List<String> lines = new ArrayList<>();
        // One clause a line: the reason, then how to get an InfluxDB.
        for (String clause : note.split("; ")) {
            lines.add(lines.isEmpty() ? "none: " + clause : clause);
        }
        lines.add("The metrics are shown here only.");
        return lines;
    }

    /**
     * How many {@code load} points InfluxDB holds, asked of InfluxDB itself; -1 when there is no
     * InfluxDB or it did not answer.
     */
    long loadPoints() {
        if (client == null) {
            return -1;
        }
        try {
            QueryResult result = client.query(database(), "SELECT count(\"kw\") FROM \"load\"");
            if (result.isEmpty()) {
                return 0;
            }
            List<Object> counts = result.series().get(0).column("count");
            return counts.isEmpty() ? 0 : ((Number) counts.get(0)).longValue();
        } catch (InfluxQueryException | ClassCastException e) {
            return -1;
        }
    }

    /** Stops the private influxd, if the demo started one. */
    @Override
    public void close() {
        if (privateServer != null) {
            privateServer.close();
        }
    }
}
