package org.gridwatch.core.whatif;

/**
 * How customers move consumption when relative prices change: a constant-elasticity-of-substitution
 * (CES) split of a day's energy between its half hours, and a daily own-price elasticity on the
 * day's total (the model of docs/whatif.md, "The customer response model").
 *
 * <p>For one block of days (a month's days of one day type: the unit of a {@link LoadSignature}),
 * with energy Q<sub>s</sub> and prices p<sub>s</sub> before and p′<sub>s</sub> after in each half
 * hour s:
 *
 * <ol>
 *   <li>the day's average price at today's load, before P = Σ Q<sub>s</sub>p<sub>s</sub> / Σ
 *       Q<sub>s</sub> and after P′ = Σ Q<sub>s</sub>p′<sub>s</sub> / Σ Q<sub>s</sub>;
 *   <li>the day's total becomes T′ = T · (P′/P)<sup>ε</sup> (ε ≤ 0, the daily own-price
 *       elasticity);
 *   <li>each half hour's weight is w<sub>s</sub> = Q<sub>s</sub> ·
 *       (p′<sub>s</sub>/p<sub>s</sub>)<sup>−σ</sup> (σ ≥ 0, the elasticity of substitution), and
 *       Q′<sub>s</sub> = T′ · w<sub>s</sub> / Σ w<sub>j</sub>.
 * </ol>
 *
 * So for any two half hours i and j, ln(Q′<sub>i</sub>/Q′<sub>j</sub>) −
 * ln(Q<sub>i</sub>/Q<sub>j</sub>) = −σ · [ln(p′<sub>i</sub>/p<sub>i</sub>) −
 * ln(p′<sub>j</sub>/p<sub>j</sub>)]: σ is exactly the elasticity of substitution the trials report
 * (the peak-to-off-peak kWh ratio against the peak-to-off-peak price ratio), and ε moves the total
 * only. A half hour without a positive price before and after carries no price signal and keeps its
 * weight.
 *
 * @param substitution σ, the elasticity of substitution between half hours, ≥ 0
 * @param ownPrice ε, the daily own-price elasticity, ≤ 0
 * @param source where the figures come from, for the report
 */
public record ResponseModel(double substitution, double ownPrice, String source) {

    /** No response: today's load, priced under the new tariff (pure bill impact). */
    public static final ResponseModel NONE = new ResponseModel(0, 0, "no response");

    public ResponseModel {
        if (!(substitution >= 0) || Double.isInfinite(substitution)) {
            throw new IllegalArgumentException(
                    "substitution elasticity must be a number >= 0, got " + substitution);
        }
        if (!(ownPrice <= 0) || Double.isInfinite(ownPrice)) {
            throw new IllegalArgumentException(
                    "own-price elasticity must be a number <= 0, got " + ownPrice);
        }
    }

    public boolean isNone() {
        return substitution == 0 && ownPrice == 0;
    }

    /**
     * The block's energy after the price change.
     *
     * @param microKwh energy by half hour, the block's days summed
     * @param from offset of the block's first half hour in the arrays
     * @param count its number of half hours
     * @param before price of each half hour before, CNY/kWh (same indexing)
     * @param after price of each half hour after, CNY/kWh
     * @param out where the energy after goes, whole micro-kWh (same indexing)
     */
    public void respond(
            long[] microKwh, int from, int count, double[] before, double[] after, long[] out) {
        double total = 0;
        double costBefore = 0;
        double costAfter = 0;
        double weights = 0;
        double[] weight = new double[count];
        for (int i = 0; i < count; i++) {
            int s = from + i;
            double q = microKwh[s];
            total += q;
            costBefore += q * before[s];
            costAfter += q * after[s];
            weight[i] = q * relativePriceFactor(before[s], after[s]);
            weights += weight[i];
        }
        if (total == 0 || weights == 0) {
            System.arraycopy(microKwh, from, out, from, count);
            return;
        }
        double totalAfter = total;
        if (ownPrice != 0 && costBefore > 0 && costAfter > 0) {
            totalAfter = total * Math.pow(costAfter / costBefore, ownPrice);
        }
        for (int i = 0; i < count; i++) {
            out[from + i] = Math.round(totalAfter * weight[i] / weights);
        }
    }

    private double relativePriceFactor(double before, double after) {
        if (substitution == 0 || !(before > 0) || !(after > 0)) {
            return 1;
        }
        return Math.pow(after / before, -substitution);
    }
}
