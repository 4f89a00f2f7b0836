package org.gridwatch.core.event;

/**
 * One customer's value as the fleet saw it at the latest month's billing: the numbers the segment
 * rule reads besides credit. Kept with the segment record, so that a credit change between billings
 * is judged on the same month's values.
 *
 * @param basis what value is measured in: {@code revenue}, or {@code margin} where the utility
 *     configured its margin prices (docs/value.md)
 * @param valueFen the customer's 12-month value on that basis, fen
 * @param valueRank its rank in the fleet, 0–1 (0.85: above 80% of the fleet and level with 10%,
 *     counted half)
 * @param currentValue current value, 0–1
 * @param potentialValue potential value, 0–1
 * @param relativeGrowth its yearly consumption trend less the median of its class (−0.25: shrinking
 *     25% a year faster than its peers)
 * @param volatility how much its months scatter about their own trend (0.05 steady, 0.4 swinging)
 * @param classVolatility the median volatility of its class this month
 * @param contractHeadroom the share of its contract capacity its largest demand of the year leaves
 *     unused; NaN without a contract capacity in the master
 */
public record CustomerValuation(
        String basis,
        long valueFen,
        double valueRank,
        double currentValue,
        double potentialValue,
        double relativeGrowth,
        double volatility,
        double classVolatility,
        double contractHeadroom) {

    /** Volatility above the class's: what the customer's own months add to what moves them all. */
    public double excessVolatility() {
        return volatility - classVolatility;
    }
}
