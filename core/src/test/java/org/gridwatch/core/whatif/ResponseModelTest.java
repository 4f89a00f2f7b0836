package org.gridwatch.core.whatif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The response model's equations (docs/whatif.md) on cases worked by hand. */
class ResponseModelTest {

    private static final long KWH = 1_000_000L;

    @Test
    void substitutionAloneMovesEnergyToTheHalfHourThatGotRelativelyCheaper() {
        // Two half hours of 10 kWh; the first doubles in price (1 → 2), the second stays at 1.
        // σ = 0.1, ε = 0: weights 10 × 2^−0.1 = 10 × 0.933033 = 9.33033 and 10; total kept at 20:
        // Q′1 = 20 × 9.33033 / 19.33033 = 9.653565 kWh, Q′2 = 20 × 10 / 19.33033 = 10.346435 kWh.
        long[] out = new long[2];
        new ResponseModel(0.1, 0, "test")
                .respond(
                        new long[] {10 * KWH, 10 * KWH},
                        0,
                        2,
                        new double[] {1, 1},
                        new double[] {2, 1},
                        out);
        assertArrayEquals(new long[] {9_653_565, 10_346_435}, out);
    }

    @Test
    void theOwnPriceElasticityScalesTheDayByItsAveragePrice() {
        // As above with ε = −0.1: the day's average price at today's load goes from 1 to
        // (10 × 2 + 10 × 1) / 20 = 1.5, so the day's 20 kWh become 20 × 1.5^−0.1 = 19.205290;
        // split as above: Q′1 = 19.205290 × 9.33033 / 19.33033 = 9.269976,
        // Q′2 = 19.205290 × 10 / 19.33033 = 9.935314 kWh.
        long[] out = new long[2];
        new ResponseModel(0.1, -0.1, "test")
                .respond(
                        new long[] {10 * KWH, 10 * KWH},
                        0,
                        2,
                        new double[] {1, 1},
                        new double[] {2, 1},
                        out);
        assertArrayEquals(new long[] {9_269_976, 9_935_314}, out);
    }

    @Test
    void sigmaIsThePairwiseElasticityOfSubstitutionWhateverTheOtherHalfHours() {
        // Three half hours with different loads and price changes: for every pair,
        // ln(Q′i/Q′j) − ln(Qi/Qj) = −σ [ln(p′i/pi) − ln(p′j/pj)], the trials' definition.
        long[] q = {3 * KWH, 7 * KWH, 11 * KWH};
        double[] before = {0.5, 0.5, 0.5};
        double[] after = {0.9, 0.5, 0.3};
        long[] out = new long[3];
        double sigma = 0.2;
        new ResponseModel(sigma, -0.05, "test").respond(q, 0, 3, before, after, out);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double lhs = Math.log((double) out[i] / out[j]) - Math.log((double) q[i] / q[j]);
                double rhs =
                        -sigma * (Math.log(after[i] / before[i]) - Math.log(after[j] / before[j]));
                assertEquals(rhs, lhs, 1e-6, "pair " + i + "," + j);
            }
        }
    }

    @Test
    void noPriceChangeOrNoModelKeepsTheLoad() {
        long[] q = {1, 2_000_000, 0, 5};
        long[] out = new long[4];
        new ResponseModel(0.3, -0.2, "test")
                .respond(q, 0, 4, new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1}, out);
        assertArrayEquals(q, out);
        ResponseModel.NONE.respond(
                q, 0, 4, new double[] {1, 1, 1, 1}, new double[] {3, 1, 1, 1}, out);
        assertArrayEquals(q, out);
    }

    @Test
    void elasticitiesOfTheWrongSignAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ResponseModel(-0.1, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new ResponseModel(0.1, 0.2, "x"));
        assertThrows(IllegalArgumentException.class, () -> new ResponseModel(Double.NaN, 0, "x"));
    }
}
