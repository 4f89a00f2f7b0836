package org.gridwatch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.simulator.SimulationConfig;

/**
 * How fast the monitor job replays a simulated fleet from files, end to end (parse, validate, join,
 * buckets, rejected file), in a local Flink of parallelism 2, without InfluxDB. A bench, not a
 * test: run it with
 *
 * <pre>
 * ./mvnw -q -B -o -pl it test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.gridwatch.it.MonitorReplayBench -Dexec.args="2000 7"
 * </pre>
 */
public final class MonitorReplayBench {
    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path root = Files.createTempDirectory("gridwatch-bench-");
        Path fleet = root.resolve("fleet");
        Fleets.simulateToFiles(SimulationConfig.of(customers, days, 1), fleet);
        long lines;
        try (Stream<String> s = Files.lines(fleet.resolve("readings.jsonl"))) {
            lines = s.count();
        }
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            Fleets.monitor(new FileInputs(fleet), root.resolve("out-" + run), null, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "run %d: %,d readings in %.1f s = %,.0f readings/s (job start-up included)%n",
                    run, lines, seconds, lines / seconds);
        }
    }
}
