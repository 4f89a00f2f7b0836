package org.gridwatch.simulator;

/**
 * Holds the simulation back to a given speed, for a live demo: at speed 3600 one simulated hour
 * takes one second of wall-clock time. Speed 0 never waits.
 */
final class Pacer {
    private final double speed;
    private final long simulationStartMillis;
    private long wallStartNanos = Long.MIN_VALUE;

    Pacer(double speed, long simulationStartMillis) {
        this.speed = speed;
        this.simulationStartMillis = simulationStartMillis;
    }

    /** Waits until the wall clock has caught up with the event time {@code eventMillis}. */
    void awaitEventTime(long eventMillis) throws InterruptedException {
        if (speed <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (wallStartNanos == Long.MIN_VALUE) {
            wallStartNanos = now;
        }
        long due = wallStartNanos + (long) ((eventMillis - simulationStartMillis) * 1e6 / speed);
        long waitNanos = due - now;
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
