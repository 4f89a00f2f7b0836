package org.gridwatch.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.gridwatch.core.event.Source;

/**
 * Measures how fast the simulator writes, to files and to a sink that discards. Not a test: run by
 * hand (see docs/benchmarks.md). Arguments: customers days [dir]; the first run of each kind warms
 * the JIT and is not counted.
 */
public final class SimulatorBench {

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("simbench");
        SimulationConfig config = SimulationConfig.of(customers, days, 42);
        System.out.printf(
                Locale.ROOT,
                "customers=%d days=%d java=%s cpus=%d%n",
                customers,
                days,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 3; round++) {
            measure("discard", config, new DiscardingSink(), round);
            measure("files  ", config, new FileFleetSink(dir), round);
        }
    }

    private static void measure(String name, SimulationConfig config, FleetSink sink, int round)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        SimulationSummary s;
        try (sink) {
            s = new FleetSimulator(config).run(sink, Progress.NONE);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s round %d: %,d reading lines, %,d records in %.2f s = %,.0f readings/s, %,.0f records/s%n",
                name,
                round,
                s.readingLines(),
                s.records(),
                seconds,
                s.readingLines() / seconds,
                s.records() / seconds);
    }

    /** Counts characters so the JIT cannot drop the work. */
    static final class DiscardingSink implements FleetSink {
        long chars;

        @Override
        public void input(Source source, String key, long eventMillis, String json) {
            chars += json.length();
        }

        @Override
        public void truth(String json) {
            chars += json.length();
        }

        @Override
        public void close() {}
    }
}
