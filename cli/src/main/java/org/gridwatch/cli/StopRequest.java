package org.gridwatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM as a request to stop, which the command then carries out in order: the
 * job before the broker it reads, the broker before the JVM exits. Without this, the JVM would run
 * every shutdown hook at once (the broker's, influxd's) while the job still runs. A second Ctrl-C
 * exits at once; the shutdown hooks still stop the broker and influxd.
 */
final class StopRequest implements AutoCloseable {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopRequest() {}

    /** Listens for Ctrl-C and SIGTERM until {@link #close()}. */
    static StopRequest onCtrlC() {
        StopRequest stop = new StopRequest();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler before = Signal.handle(signal, stop::received);
                stop.signals.add(signal);
                stop.previous.add(before);
            } catch (IllegalArgumentException unsupported) {
                // The JVM was started with -Xrs, or the platform has no such signal: the JVM's
                // shutdown hooks still stop the servers.
            }
        }
        return stop;
    }

    private void received(Signal signal) {
        if (requested.getCount() == 0) {
            new Thread(() -> System.exit(GridWatch.INTERRUPTED), "gridwatch-second-ctrl-c").start();
        }
        requested.countDown();
    }

    /** Asks to stop, as Ctrl-C does. */
    void request() {
        requested.countDown();
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code timeout}; true when a stop was requested. */
    boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Gives Ctrl-C back to the JVM. */
    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
