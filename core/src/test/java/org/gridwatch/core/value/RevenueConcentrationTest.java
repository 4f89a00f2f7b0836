package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RevenueConcentrationTest {

    @Test
    void theTopTwoOfTenCustomersBringTheirShareOfRevenue() {
        long[] revenue = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}; // total 550
        // top 20% = 2 customers: 100 + 90 = 190; 190 / 550
        assertThat(RevenueConcentration.topShare(revenue, 20))
                .isCloseTo(190.0 / 550, within(1e-12));
    }

    @Test
    void anEightyTwentyFleetShowsEightyPercent() {
        // 5 customers: one brings 80, the four others 5 each; top 20% = 1 customer
        long[] revenue = {5, 80, 5, 5, 5};
        assertThat(RevenueConcentration.topShare(revenue, 20)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void theTopCountRoundsUpSoSmallFleetsHaveATopCustomer() {
        // top 20% of 3 customers: ceil(0.6) = 1
        assertThat(RevenueConcentration.topShare(new long[] {1, 2, 7}, 20))
                .isCloseTo(0.7, within(1e-12));
    }

    @Test
    void giniIsZeroWhenEveryonePaysTheSame() {
        assertThat(RevenueConcentration.gini(new long[] {7, 7, 7, 7})).isZero();
    }

    @Test
    void giniIsNMinusOneOverNWhenOneCustomerBringsEverything() {
        // sorted 0, 0, 0, 12: 2 × (4 × 12) / (4 × 12) − 5/4 = 2 − 1.25 = 0.75
        assertThat(RevenueConcentration.gini(new long[] {0, 12, 0, 0}))
                .isCloseTo(0.75, within(1e-12));
    }

    @Test
    void giniOfOneTwoThreeIsTwoNinths() {
        // Σ i·x = 1 + 4 + 9 = 14; 2 × 14 / (3 × 6) − 4/3 = 28/18 − 24/18 = 4/18 = 2/9
        // (check by mean absolute difference: Σ|xi−xj| over ordered pairs = 8; 8 / (2 × 9 × 2) =
        // 2/9)
        assertThat(RevenueConcentration.gini(new long[] {3, 1, 2}))
                .isCloseTo(2.0 / 9, within(1e-12));
    }

    @Test
    void giniDoesNotOverflowOnLargeRevenues() {
        long big = 4_000_000_000_000_000L; // 40 trillion CNY each: Σ i·x overflows a long
        assertThat(RevenueConcentration.gini(new long[] {big, big, 0, 0}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void anEmptyOrRevenuelessFleetHasNoConcentration() {
        assertThat(RevenueConcentration.gini(new long[0])).isZero();
        assertThat(RevenueConcentration.topShare(new long[] {0, 0}, 20)).isZero();
    }

    @Test
    void negativeRevenueIsRefused() {
        assertThatThrownBy(() -> RevenueConcentration.gini(new long[] {5, -1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
