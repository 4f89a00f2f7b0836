package org.gridwatch.core.value;

/**
 * What a customer's potential value is made of, measured elsewhere from bills and readings.
 *
 * @param growth consumption growth, last 12 months against the 12 before (0.10 = +10%)
 * @param loadFactor average demand ÷ peak demand, 0–1
 * @param shiftableShare the share of kWh used in peak periods, which an off-peak offer could move,
 *     0–1
 * @param tenureYears years as a customer
 */
public record PotentialInputs(
        double growth, double loadFactor, double shiftableShare, double tenureYears) {}
