package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Segment;
import org.junit.jupiter.api.Test;

class ValueAndSegmentTest {

    /** Ten customers' 12-month revenue in fen: 1 000 … 10 000 CNY. */
    static final long[] REVENUE = {
        100_000, 200_000, 300_000, 400_000, 500_000, 600_000, 700_000, 800_000, 900_000, 1_000_000
    };

    /** Their 12-month kWh. */
    static final long[] KWH = {
        1_500, 3_000, 4_000, 5_500, 7_000, 8_000, 9_000, 11_000, 12_000, 14_000
    };

    static final FleetDistribution FLEET_REVENUE = FleetDistribution.of(REVENUE);
    static final FleetDistribution FLEET_KWH = FleetDistribution.of(KWH);
    static final SegmentRule RULE = SegmentRule.fromFleet(FLEET_REVENUE);

    @Test
    void theSegmentThresholdsAreTheFleetsTopTwentyPercentAndItsTopHalf() {
        // top 20% of 10 = 2 customers: the 2nd largest, 9 000 CNY; top 50% = 5: the 5th largest
        assertThat(RULE.highValueFen()).isEqualTo(900_000);
        assertThat(RULE.moderateValueFen()).isEqualTo(600_000);
    }

    @Test
    void thePercentileRankCountsThoseBelowAndHalfOfThoseEqual() {
        assertThat(FLEET_REVENUE.rank(900_000)).isCloseTo(0.85, within(1e-12)); // (8 + 0.5) / 10
        assertThat(FLEET_REVENUE.rank(50_000)).isZero();
        assertThat(FleetDistribution.of(new long[] {5, 5, 5, 5}).rank(5)).isEqualTo(0.5);
    }

    @Test
    void currentValueWeighsRevenueRankSevenTenthsAndVolumeRankThreeTenths() {
        // 9 000 CNY ranks 0.85; 12 000 kWh ranks 0.85 too → 0.7 × 0.85 + 0.3 × 0.85
        assertThat(ValueRules.DEFAULTS.currentValue(900_000, 12_000, FLEET_REVENUE, FLEET_KWH))
                .isCloseTo(0.85, within(1e-12));
        // 2 000 CNY ranks 0.15; 14 000 kWh (cheap industrial kWh) ranks 0.95 → 0.105 + 0.285
        assertThat(ValueRules.DEFAULTS.currentValue(200_000, 14_000, FLEET_REVENUE, FLEET_KWH))
                .isCloseTo(0.39, within(1e-12));
    }

    @Test
    void potentialValueAddsGrowthLoadFactorShiftableShareTenureAndHeadroom() {
        ValueRules rules = ValueRules.DEFAULTS;
        // growth +10% → 0.5 + 0.10 / 0.80 = 0.625; tenure 5 of 10 years → 0.5; headroom 40%:
        // 0.35 × 0.625 + 0.15 × 0.6 + 0.15 × 0.3 + 0.2 × 0.5 + 0.15 × 0.4
        //   = 0.21875 + 0.09 + 0.045 + 0.1 + 0.06 = 0.51375
        assertThat(rules.potentialValue(new PotentialInputs(0.10, 0.6, 0.3, 5, 0.4)))
                .isCloseTo(0.51375, within(1e-12));
        // without a contract capacity the four other weights are scaled to sum to 1 (÷ 0.85):
        // 0.45375 / 0.85 = 0.533823...
        assertThat(rules.potentialValue(new PotentialInputs(0.10, 0.6, 0.3, 5)))
                .isCloseTo(0.45375 / 0.85, within(1e-12));
        // shrinking 30%: 0.5 − 0.30 / 0.80 = 0.125, and nothing else: 0.35 × 0.125 / 0.85
        assertThat(rules.potentialValue(new PotentialInputs(-0.30, 0, 0, 0)))
                .isCloseTo(0.04375 / 0.85, within(1e-12));
        // shrinking 50% (beyond −40%: 0), no load factor, nothing to shift, new, no headroom: 0
        assertThat(rules.potentialValue(new PotentialInputs(-0.50, 0, 0, 0, 0))).isZero();
        // everything at its best, tenure beyond 10 years, an idle contract: 1
        assertThat(rules.potentialValue(new PotentialInputs(0.50, 1, 1, 25, 1)))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void contractHeadroomIsTheShareOfTheContractTheYearsLargestDemandLeaves() {
        assertThat(PotentialInputs.headroom(1000, 600)).isCloseTo(0.4, within(1e-12));
        assertThat(PotentialInputs.headroom(1000, 1200)).isZero(); // over its contract
        assertThat(PotentialInputs.headroom(Double.NaN, 600)).isNaN();
    }

    @Test
    void aTopTwentyPercentCustomerWithGradeAIsHigh() {
        assertThat(RULE.segment(Valued.of(1_000_000, 0.9, 0.5), 92, CreditGrade.A))
                .isEqualTo(Segment.HIGH);
    }

    @Test
    void aTopTwentyPercentCustomerInBWithoutNetDemeritsIsStillHigh() {
        assertThat(RULE.segment(Valued.of(900_000, 0.9, 0.5), 80, CreditGrade.B))
                .isEqualTo(Segment.HIGH);
    }

    @Test
    void aTopTwentyPercentCustomerWithSlightlyLowerCreditIsMedium() {
        assertThat(RULE.segment(Valued.of(900_000, 0.9, 0.9), 79, CreditGrade.B))
                .isEqualTo(Segment.MEDIUM);
    }

    @Test
    void aModerateUserWithGoodCreditIsMedium() {
        assertThat(RULE.segment(Valued.of(600_000, 0.9, 0.1), 95, CreditGrade.A))
                .isEqualTo(Segment.MEDIUM);
    }

    @Test
    void aHighUserWithGradeCIsLowRisky() {
        assertThat(RULE.segment(Valued.of(1_000_000, 0.9, 0.9), 60, CreditGrade.C))
                .isEqualTo(Segment.LOW_RISKY);
    }

    @Test
    void aModerateUserWithGradeCIsLowRiskyToo() {
        assertThat(RULE.segment(Valued.of(700_000, 0.9, 0.5), 50, CreditGrade.C))
                .isEqualTo(Segment.LOW_RISKY);
    }

    @Test
    void aSmallUserWithLowPotentialIsLowBasic() {
        assertThat(RULE.segment(Valued.of(100_000, 0.9, 0.3), 82, CreditGrade.B))
                .isEqualTo(Segment.LOW_BASIC);
    }

    @Test
    void aSmallButFastGrowingUserWithGoodCreditIsMedium() {
        assertThat(RULE.segment(Valued.of(300_000, 0.9, 0.6), 80, CreditGrade.B))
                .isEqualTo(Segment.MEDIUM);
        // the same with grade C stays LOW_BASIC
        assertThat(RULE.segment(Valued.of(300_000, 0.9, 0.6), 60, CreditGrade.C))
                .isEqualTo(Segment.LOW_BASIC);
    }
}
