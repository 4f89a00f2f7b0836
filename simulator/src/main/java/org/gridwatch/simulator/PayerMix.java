package org.gridwatch.simulator;

/**
 * The share of each payment persona among post-paid customers (pre-paid customers top up before
 * they use and are always {@link Payer#PUNCTUAL}). Drawn per customer.
 *
 * @param late share of customers who pay every bill, but after its due date
 * @param never share of chronic arrears cases who never pay
 */
public record PayerMix(double late, double never) {

    /**
     * 12% late, 3% never. Utilities in China report electricity-fee recovery rates (电费回收率) of 99.9%
     * and more, but that is by money at year end after dunning and cut-off; by customer, a tenth
     * paying after the due date and a few percent in chronic arrears is the working assumption of
     * the credit model, not a measured figure.
     */
    public static final PayerMix DEFAULT = new PayerMix(0.12, 0.03);

    public PayerMix {
        if (!(late >= 0 && never >= 0 && late + never <= 1)) {
            throw new IllegalArgumentException(
                    "payer shares must be >= 0 and add up to at most 1, got late="
                            + late
                            + " never="
                            + never);
        }
    }

    public Payer draw(double uniform) {
        if (uniform < never) {
            return Payer.NEVER;
        }
        return uniform < never + late ? Payer.LATE : Payer.PUNCTUAL;
    }
}
