package org.gridwatch.simulator;

import java.util.SplittableRandom;

/**
 * Where a customer's consumption is heading: the persona behind its annual growth rate. A
 * customer's daily energy is multiplied by {@code (1 + growth)^(days since the start / 365)}, so
 * the change is smooth from day to day and {@code kwhPerDay} is the customer's size at the start.
 */
public enum Trend {
    /** A business expanding (a new production line, a shop taking the next unit): +25% to +60%. */
    GROWING(0.25, 0.60),
    /** A business winding down or moving out: −50% to −25% a year. */
    DECLINING(-0.50, -0.25),
    /** Everyone else: within ±3% a year, the drift of ordinary households and firms. */
    STEADY(-0.03, 0.03);

    private final double minGrowth;
    private final double maxGrowth;

    Trend(double minGrowth, double maxGrowth) {
        this.minGrowth = minGrowth;
        this.maxGrowth = maxGrowth;
    }

    public double minGrowth() {
        return minGrowth;
    }

    public double maxGrowth() {
        return maxGrowth;
    }

    /**
     * An annual growth rate of this persona, uniform over its range and rounded to 0.1%, so that
     * the truth file carries the rate exactly as used.
     */
    double drawGrowth(SplittableRandom r) {
        return Math.round((minGrowth + (maxGrowth - minGrowth) * r.nextDouble()) * 1000) / 1000.0;
    }
}
