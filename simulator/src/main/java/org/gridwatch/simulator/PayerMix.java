package org.gridwatch.simulator;

/**
 * The share of each payment persona among post-paid customers, and of pre-paid customers who stop
 * topping up (pre-paid customers otherwise top up before they use and are {@link Payer#PUNCTUAL}).
 * Drawn per customer.
 *
 * @param late share of customers who pay every bill, but after its due date
 * @param never share of chronic arrears cases who never pay
 * @param occasional share who pay on time mostly, now and then late
 * @param chronic share who pay every bill 30 to 150 days late
 * @param bouncer share whose payments bounce now and then
 * @param prepaidRunOut share of pre-paid customers who stop topping up during the run
 */
public record PayerMix(
        double late,
        double never,
        double occasional,
        double chronic,
        double bouncer,
        double prepaidRunOut) {

    /**
     * 12% late, 3% never. Utilities in China report electricity-fee recovery rates (电费回收率) of 99.9%
     * and more, but that is by money at year end after dunning and cut-off; by customer, a tenth
     * paying after the due date and a few percent in chronic arrears is the working assumption of
     * the credit model, not a measured figure.
     */
    public static final PayerMix DEFAULT = new PayerMix(0.12, 0.03);

    /**
     * Every persona: 6% late, 2% never, 10% occasionally late, 3% chronically late, 2% bouncing,
     * and 5% of pre-paid customers running out. Working assumptions, not measured.
     */
    public static final PayerMix VARIED = new PayerMix(0.06, 0.02, 0.10, 0.03, 0.02, 0.05);

    public PayerMix(double late, double never) {
        this(late, never, 0, 0, 0, 0);
    }

    public PayerMix {
        if (!(late >= 0
                && never >= 0
                && occasional >= 0
                && chronic >= 0
                && bouncer >= 0
                && late + never + occasional + chronic + bouncer <= 1)) {
            throw new IllegalArgumentException(
                    "payer shares must be >= 0 and add up to at most 1, got late="
                            + late
                            + " never="
                            + never
                            + " occasional="
                            + occasional
                            + " chronic="
                            + chronic
                            + " bouncer="
                            + bouncer);
        }
        if (!(prepaidRunOut >= 0 && prepaidRunOut <= 1)) {
            throw new IllegalArgumentException(
                    "prepaidRunOut must be a share 0..1, got " + prepaidRunOut);
        }
    }

    public Payer draw(double uniform) {
        if (uniform < never) {
            return Payer.NEVER;
        }
        double edge = never + late;
        if (uniform < edge) {
            return Payer.LATE;
        }
        if (uniform < (edge += occasional)) {
            return Payer.OCCASIONAL;
        }
        if (uniform < (edge += chronic)) {
            return Payer.CHRONIC;
        }
        return uniform < edge + bouncer ? Payer.BOUNCER : Payer.PUNCTUAL;
    }
}
