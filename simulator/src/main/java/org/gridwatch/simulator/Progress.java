package org.gridwatch.simulator;

/**
 * Told how far a simulation has got. Called often (every simulated quarter hour and every few
 * thousand records), on the simulating thread: implementations must be cheap and decide themselves
 * how often to show anything.
 */
public interface Progress {

    /** Shows nothing. */
    Progress NONE = (records, simulatedMillis) -> {};

    /**
     * @param records input records handed to the sink so far (customers, readings, area readings,
     *     payments; not truth lines)
     * @param simulatedMillis the event time reached
     */
    void update(long records, long simulatedMillis);

    /** Called once when the simulation has written everything. */
    default void finished(long records, long simulatedMillis) {}
}
