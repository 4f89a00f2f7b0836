package org.gridwatch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.io.FileInputs;

/**
 * The small simulated fleet, replayed from files through the real monitor job into a real influxd,
 * once per test JVM. Dashboard tests run their queries against it; end-to-end tests compare it with
 * the truth and with a Kafka run.
 */
public final class MonitoredFleet {
    private static MonitoredFleet shared;

    private final LocalInfluxd influxd;
    private final Path simulationDir;
    private final Path outDir;
    private final long fromMillis;
    private final long toMillis;

    private MonitoredFleet(
            LocalInfluxd influxd, Path simulationDir, Path outDir, long fromMillis, long toMillis) {
        this.influxd = influxd;
        this.simulationDir = simulationDir;
        this.outDir = outDir;
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
    }

    public static synchronized MonitoredFleet shared() throws Exception {
        if (shared == null) {
            Path root = Files.createTempDirectory("gridwatch-it-");
            Path sim = root.resolve("fleet");
            Path out = root.resolve("out");
            Fleets.simulateToFiles(Fleets.SMALL, sim);
            LocalInfluxd influxd = LocalInfluxd.start();
            Fleets.monitor(new FileInputs(sim), out, influxd.url(), "gridwatch");
            LocalDate start = Fleets.SMALL.start();
            long from = start.atStartOfDay(Fleets.SMALL.zone()).toInstant().toEpochMilli();
            long to =
                    start.plusDays(Fleets.SMALL.days())
                            .atStartOfDay(Fleets.SMALL.zone())
                            .toInstant()
                            .toEpochMilli();
            shared = new MonitoredFleet(influxd, sim, out, from, to);
        }
        return shared;
    }

    public String influxUrl() {
        return influxd.url();
    }

    public String database() {
        return "gridwatch";
    }

    /** The start of the simulated time. */
    public long fromMillis() {
        return fromMillis;
    }

    /** The end of the simulated time. */
    public long toMillis() {
        return toMillis;
    }

    /**
     * Until when the job's monthly value metrics reach: January's bills are issued once event time
     * has passed the month's end by the allowed lateness (7 days), which a replay ending on
     * February 2 reaches when its input ends; segments and revenue concentration are stamped then,
     * at the end of that quarter hour (2026-02-08 00:00 local).
     */
    public long valuedUntilMillis() {
        LocalDate firstBilled = Fleets.SMALL.start().withDayOfMonth(1).plusMonths(1);
        return firstBilled.atStartOfDay(Fleets.SMALL.zone()).toInstant().toEpochMilli()
                + MonitorSettings.DEFAULT.allowedLateness().toMillis()
                + Bucket.MILLIS;
    }

    /** The simulator's files (customers.jsonl, readings.jsonl, ..., truth.jsonl). */
    public Path simulationDir() {
        return simulationDir;
    }

    /** The replay's output files (rejected.jsonl, ...). */
    public Path outDir() {
        return outDir;
    }

    public Truth truth() {
        return Truth.read(simulationDir.resolve("truth.jsonl"));
    }
}
