package org.gridwatch.simulator;

/**
 * What a simulation wrote.
 *
 * @param readings meter readings generated (each interval of each meter once, including those then
 *     lost)
 * @param readingLines reading records handed to the sink: readings − missing + duplicates
 * @param inspections inspection outcomes sent (one per inspected customer)
 * @param endMillis the end of the simulated time
 */
public record SimulationSummary(
        int customers,
        int areas,
        long readings,
        long readingLines,
        long areaReadings,
        long payments,
        long inspections,
        long outages,
        long duplicates,
        long missing,
        long late,
        long endMillis) {

    /** Every input record handed to the sink. */
    public long records() {
        return customers + readingLines + areaReadings + payments + inspections;
    }
}
