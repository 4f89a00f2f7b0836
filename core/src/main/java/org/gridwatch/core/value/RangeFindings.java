package org.gridwatch.core.value;

/**
 * What one range of one distribution found once placed in the fleet: the values at the positions
 * the month's figures read ({@link FleetMeasure#positions}) that fall in it, and its part of the
 * concentration sums.
 *
 * @param n how many values the whole distribution has
 * @param positions positions from 0 in the whole distribution, ascending
 * @param keys the values there, as {@link FleetMeasure.Value#key}
 * @param sums its part of the 80/20 and Gini sums; {@link ConcentrationSums#NONE} for a
 *     distribution without them
 */
public record RangeFindings(
        String distribution, long n, long[] positions, long[] keys, ConcentrationSums sums) {}
