package org.gridwatch.core.value;

/**
 * What a customer's potential value is made of, measured elsewhere from bills, readings and the
 * master.
 *
 * @param growth consumption growth, last 12 months against the 12 before (0.10 = +10%)
 * @param loadFactor average demand ÷ peak demand, 0–1
 * @param shiftableShare the share of kWh used in peak periods, which an off-peak offer could move,
 *     0–1
 * @param tenureYears years as a customer
 * @param contractHeadroom the share of the contract capacity its largest demand of the year leaves
 *     unused (1 − max kW ÷ contract kW, 0–1); NaN when the master gives no contract capacity
 */
public record PotentialInputs(
        double growth,
        double loadFactor,
        double shiftableShare,
        double tenureYears,
        double contractHeadroom) {

    /** Inputs of a customer without a contract capacity in the master. */
    public PotentialInputs(
            double growth, double loadFactor, double shiftableShare, double tenureYears) {
        this(growth, loadFactor, shiftableShare, tenureYears, Double.NaN);
    }

    /** The headroom of a contract of {@code contractKw} at a largest demand of {@code maxKw}. */
    public static double headroom(double contractKw, double maxKw) {
        if (Double.isNaN(contractKw) || contractKw <= 0) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(1, 1 - maxKw / contractKw));
    }
}
