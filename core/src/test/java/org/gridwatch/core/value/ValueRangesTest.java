package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueRangesTest {

    private static final double[] SPECIAL = {
        0.0,
        -0.0,
        Double.MIN_VALUE,
        -Double.MIN_VALUE,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.NaN,
        1.0,
        -1.0,
        0.15,
        -0.25
    };

    private static List<Double> doubles() {
        Random random = new Random(11);
        List<Double> xs = new ArrayList<>();
        for (double x : SPECIAL) {
            xs.add(x);
        }
        for (int i = 0; i < 400; i++) {
            xs.add(random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6));
        }
        return xs;
    }

    @Test
    void sortableKeysOrderAsDoubleCompareDoes() {
        List<Double> xs = doubles();
        for (double a : xs) {
            for (double b : xs) {
                assertThat(
                                Integer.signum(
                                        Long.compare(
                                                ValueRanges.sortable(a), ValueRanges.sortable(b))))
                        .as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(Double.compare(a, b)));
            }
            assertThat(Double.doubleToLongBits(ValueRanges.fromSortable(ValueRanges.sortable(a))))
                    .isEqualTo(Double.doubleToLongBits(a));
        }
    }

    @Test
    void rangesNeverGoDownAsValuesGoUp() {
        Random random = new Random(5);
        long[] amounts = new long[2_000];
        for (int i = 0; i < amounts.length; i++) {
            amounts[i] =
                    switch (i % 4) {
                        case 0 -> random.nextLong();
                        case 1 -> random.nextInt(200) - 100;
                        case 2 -> (long) (random.nextDouble() * 1e10);
                        default -> -(long) (random.nextDouble() * 1e6);
                    };
        }
        amounts[0] = Long.MIN_VALUE;
        amounts[1] = Long.MAX_VALUE;
        Arrays.sort(amounts);
        for (int i = 1; i < amounts.length; i++) {
            assertThat(ValueRanges.ofAmount(amounts[i]))
                    .as("%d after %d", amounts[i], amounts[i - 1])
                    .isGreaterThanOrEqualTo(ValueRanges.ofAmount(amounts[i - 1]));
        }
        double[] fractions = doubles().stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(fractions);
        for (int i = 1; i < fractions.length; i++) {
            assertThat(ValueRanges.ofSortable(ValueRanges.sortable(fractions[i])))
                    .isGreaterThanOrEqualTo(
                            ValueRanges.ofSortable(ValueRanges.sortable(fractions[i - 1])));
        }
    }

    @Test
    void aRangeIsASixtyFourthOfItsBinade() {
        // 2^20 fen (10,485.76 CNY) to 2^21: 64 ranges of 2^14 fen each
        long start = 1L << 20;
        long width = 1L << 14;
        assertThat(ValueRanges.ofAmount(start + width - 1)).isEqualTo(ValueRanges.ofAmount(start));
        assertThat(ValueRanges.ofAmount(start + width)).isEqualTo(ValueRanges.ofAmount(start) + 1);
        assertThat(ValueRanges.ofAmount(start - 1)).isEqualTo(ValueRanges.ofAmount(start) - 1);
        assertThat(ValueRanges.ofAmount(2 * start)).isEqualTo(ValueRanges.ofAmount(start) + 64);
    }
}
