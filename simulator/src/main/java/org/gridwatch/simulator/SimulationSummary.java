package org.gridwatch.simulator;

/**
 * What a simulation wrote.
 *
 * @param readings meter readings generated (each interval of each meter once, including those then
 *     lost)
 * @param readingLines reading records handed to the sink: readings − missing + duplicates + the
 *     records that sent readings again in other intervals
 * @param areaReadings area readings generated (each quarter hour of each area once)
 * @param areaReadingLines area reading records handed to the sink: area readings + their duplicates
 *     + hours sent again
 * @param inspections inspection outcomes sent (one per inspected customer)
 * @param overlapping meter records that sent energy again in other intervals
 * @param areaDuplicates area readings sent twice
 * @param areaOverlapping area hours sent again as one hourly reading
 * @param endMillis the end of the simulated time
 */
public record SimulationSummary(
        int customers,
        int areas,
        long readings,
        long readingLines,
        long areaReadings,
        long areaReadingLines,
        long payments,
        long inspections,
        long outages,
        long duplicates,
        long missing,
        long late,
        long overlapping,
        long areaDuplicates,
        long areaOverlapping,
        long endMillis) {

    /** Every input record handed to the sink. */
    public long records() {
        return customers + readingLines + areaReadingLines + payments + inspections;
    }
}
