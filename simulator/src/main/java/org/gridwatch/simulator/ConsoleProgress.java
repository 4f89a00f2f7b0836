package org.gridwatch.simulator;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Prints a progress line about once a second: records written, the simulated time reached, and
 * records per second since the previous line. For a terminal, on standard error.
 */
public final class ConsoleProgress implements Progress {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final DateTimeFormatter clock;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long lastRecords;

    public ConsoleProgress(PrintStream out, ZoneId zone) {
        this.out = out;
        this.clock = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
    }

    @Override
    public void update(long records, long simulatedMillis) {
        long now = System.nanoTime();
        if (now - lastNanos < INTERVAL_NANOS) {
            return;
        }
        double perSecond = (records - lastRecords) * 1e9 / (now - lastNanos);
        out.printf(
                Locale.ROOT,
                "simulate: %,d records, at %s, %,.0f records/s%n",
                records,
                clock.format(Instant.ofEpochMilli(simulatedMillis)),
                perSecond);
        lastNanos = now;
        lastRecords = records;
    }

    @Override
    public void finished(long records, long simulatedMillis) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(
                Locale.ROOT,
                "simulate: done, %,d records up to %s in %.1f s (%,.0f records/s)%n",
                records,
                clock.format(Instant.ofEpochMilli(simulatedMillis)),
                seconds,
                records / Math.max(seconds, 1e-9));
    }
}
