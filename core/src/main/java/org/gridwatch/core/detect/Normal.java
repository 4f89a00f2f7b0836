package org.gridwatch.core.detect;

/** The standard normal distribution, for the likelihoods the detectors weigh. */
final class Normal {
    private Normal() {}

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    /** Φ(z), the probability that a standard normal variable is at most z. */
    static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** ln φ(z), the log of the standard normal density at z. */
    static double logDensity(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    /**
     * The complementary error function, by the Chebyshev fit of Numerical Recipes (2nd ed., §6.2,
     * {@code erfcc}): fractional error below 1.2 × 10⁻⁷ everywhere.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = 0;
        for (int i = ERFC.length - 1; i >= 0; i--) {
            poly = ERFC[i] + t * poly;
        }
        double ans = t * Math.exp(-z * z + poly);
        return x >= 0 ? ans : 2 - ans;
    }

    /** The fit's coefficients, lowest power of t first. */
    private static final double[] ERFC = {
        -1.26551223,
        1.00002368,
        0.37409196,
        0.09678418,
        -0.18628806,
        0.27886807,
        -1.13520398,
        1.48851587,
        -0.82215223,
        0.17087277
    };
}
