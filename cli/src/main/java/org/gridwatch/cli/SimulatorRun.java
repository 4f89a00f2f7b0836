package org.gridwatch.cli;

import java.io.IOException;
import java.time.Duration;
import org.apache.kafka.common.errors.InterruptException;
import org.gridwatch.simulator.FleetSimulator;
import org.gridwatch.simulator.FleetSink;
import org.gridwatch.simulator.Progress;
import org.gridwatch.simulator.SimulationConfig;

/**
 * The simulator on a thread of its own, feeding a sink at the configured speed, and how far it has
 * got. {@link #close()} stops it and closes the sink (which flushes what was sent).
 */
final class SimulatorRun implements Progress, AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Thread thread;
    private volatile long records;
    private volatile long simulatedMillis;
    private volatile boolean finished;
    private volatile boolean stopping;
    private volatile Exception failure;

    private SimulatorRun(SimulationConfig config, FleetSink sink) {
        this.simulatedMillis =
                config.start().atStartOfDay(config.zone()).toInstant().toEpochMilli();
        this.thread = new Thread(() -> run(config, sink), "gridwatch-simulator");
        thread.setDaemon(true);
    }

    /** Starts simulating into {@code sink}, which this run closes when it ends. */
    static SimulatorRun start(SimulationConfig config, FleetSink sink) {
        SimulatorRun run = new SimulatorRun(config, sink);
        run.thread.start();
        return run;
    }

    private void run(SimulationConfig config, FleetSink sink) {
        try {
            new FleetSimulator(config).run(sink, this);
        } catch (InterruptedException | InterruptException e) {
            // stopped by close()
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            Thread.interrupted(); // so that the sink can still flush what was sent
            try {
                sink.close();
            } catch (IOException | RuntimeException e) {
                if (failure == null && !stopping) {
                    failure = e;
                }
            }
        }
    }

    @Override
    public void update(long records, long simulatedMillis) {
        this.records = records;
        this.simulatedMillis = simulatedMillis;
    }

    @Override
    public void finished(long records, long simulatedMillis) {
        update(records, simulatedMillis);
        finished = true;
    }

    /** Input records handed to the sink so far. */
    long records() {
        return records;
    }

    /** The event time the simulation has reached. */
    long simulatedMillis() {
        return simulatedMillis;
    }

    /** True once every simulated day was sent. */
    boolean isFinished() {
        return finished;
    }

    /** Why the simulation stopped by itself, or null. */
    Exception failure() {
        return failure;
    }

    /** Stops simulating and waits until the sink is closed. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
