package org.gridwatch.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The other JVM of LocalInfluxdTest: starts influxd, reports its pid and folder, then either exits
 * without closing it ("exit") or waits to be killed ("wait").
 */
public final class InfluxdInAnotherJvm {

    static final String STARTED = "influxd-started";

    private InfluxdInAnotherJvm() {}

    public static void main(String[] args) throws IOException {
        LocalInfluxd influxd = LocalInfluxd.start();
        System.out.println(STARTED + " " + influxd.pid() + " " + influxd.folder());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.exit(0);
    }
}
