package org.gridwatch.simulator;

import java.io.IOException;
import org.gridwatch.core.event.Source;

/**
 * Where a simulation's records go, in the order they are produced: the customer master first, then
 * readings, area readings, payments and inspections in event-time order (late and duplicate
 * readings where they arrive), and the ground truth alongside.
 */
public interface FleetSink extends AutoCloseable {

    /**
     * One input record of the contract.
     *
     * @param key meterId for readings, areaId for area readings, customerId for customers, payments
     *     and inspections: the Kafka key
     * @param eventMillis the record's own event time (a reading's interval end, a payment's or an
     *     inspection's time; for customers, the start of the simulation)
     * @param json the record, one line of JSON without the line end
     */
    void input(Source source, String key, long eventMillis, String json) throws IOException;

    /** One line of ground truth (see docs/simulator.md), without the line end. */
    void truth(String json) throws IOException;

    /** Writes out everything accepted so far and releases the sink. */
    @Override
    void close() throws IOException;
}
