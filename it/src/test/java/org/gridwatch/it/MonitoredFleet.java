package org.gridwatch.it;

import java.nio.file.Path;
import java.time.LocalDate;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.ScratchFolder;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.simulator.SimulationConfig;

/**
 * The small simulated fleet, replayed from files through the real monitor job into a real influxd,
 * once per test JVM. Dashboard tests run their queries against it; end-to-end tests compare it with
 * the truth and with a Kafka run.
 */
public final class MonitoredFleet {
    private static final java.util.Map<SimulationConfig, MonitoredFleet> fleets =
            new java.util.HashMap<>();

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

    public static MonitoredFleet shared() throws Exception {
        return of(Fleets.SMALL);
    }

    /** The fleet of {@code config}, simulated, replayed and written once per test JVM. */
    public static synchronized MonitoredFleet of(SimulationConfig config) throws Exception {
        MonitoredFleet fleet = fleets.get(config);
        if (fleet == null) {
            Path root = ScratchFolder.deletedAtExit("gridwatch-it-");
            Path sim = root.resolve("fleet");
            Path out = root.resolve("out");
            Fleets.simulateToFiles(config, sim);
            LocalInfluxd influxd = LocalInfluxd.start();
            Fleets.monitor(new FileInputs(sim), out, influxd.url(), "gridwatch");
            LocalDate start = config.start();
            long from = start.atStartOfDay(config.zone()).toInstant().toEpochMilli();
            long to =
                    start.plusDays(config.days())
                            .atStartOfDay(config.zone())
                            .toInstant()
                            .toEpochMilli();
            fleet = new MonitoredFleet(influxd, sim, out, from, to);
            fleets.put(config, fleet);
        }
        return fleet;
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
