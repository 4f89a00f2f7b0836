package org.gridwatch.simulator;

/**
 * The share of each consumption-trend persona among all customers ({@link Trend}). Drawn per
 * customer; the rest are {@link Trend#STEADY}.
 *
 * @param growing share of customers whose use grows by 25–60% a year
 * @param declining share of customers whose use falls by 25–50% a year
 */
public record TrendMix(double growing, double declining) {

    /**
     * 10% growing, 5% declining. Enough customers on the move for the potential-value model to have
     * something to find in a fleet of a few thousand, with growth outnumbering decline as in a
     * growing Chinese city district, where total consumption rises by several percent a year (most
     * of it from a minority of expanding businesses and new homes). A working assumption, not a
     * measured figure.
     */
    public static final TrendMix DEFAULT = new TrendMix(0.10, 0.05);

    /** Everyone steady: for tests that want plain seasonal load. */
    public static final TrendMix ALL_STEADY = new TrendMix(0, 0);

    public TrendMix {
        if (!(growing >= 0 && declining >= 0 && growing + declining <= 1)) {
            throw new IllegalArgumentException(
                    "trend shares must be >= 0 and add up to at most 1, got growing="
                            + growing
                            + " declining="
                            + declining);
        }
    }

    public Trend draw(double uniform) {
        if (uniform < growing) {
            return Trend.GROWING;
        }
        return uniform < growing + declining ? Trend.DECLINING : Trend.STEADY;
    }
}
