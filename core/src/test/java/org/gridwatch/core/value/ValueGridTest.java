package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.billing.BasicChargeBasis;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.CustomerValuation;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.tariff.Charges;
import org.junit.jupiter.api.Test;

/**
 * The paper's value grid, whole (issue 10): one hand-worked customer per quadrant, the declining
 * large customer, the unstable one, value on margin, stability and the basic-charge advice. Every
 * expected number is worked in the comments from the rule's definition, not from the code.
 *
 * <p>The fleet of {@link ValueAndSegmentTest}: ten revenues 1 000 … 10 000 CNY, so high use is from
 * 9 000 CNY (the top two) and moderate use from 6 000 CNY (the top five).
 */
class ValueGridTest {

    static final SegmentRule RULE = ValueAndSegmentTest.RULE;

    private static SegmentRule.SegmentVerdict verdict(CustomerValuation v, int score) {
        return RULE.verdict(v, score, CreditRules.DEFAULTS.gradeOf(score), false, 0);
    }

    // -- one customer per quadrant of the paper's grid

    @Test
    void highValueNowAndInPotentialStableWithGoodCreditIsHigh() {
        // 10 000 CNY (top 20%), current 0.95, potential 0.5, its months scatter as its class's do
        SegmentRule.SegmentVerdict v = verdict(Valued.of(1_000_000, 0.95, 0.5), 92);
        assertThat(v.segment()).isEqualTo(Segment.HIGH);
        assertThat(v.findings()).containsExactly("HIGH_USE", "GOOD_CREDIT");
        assertThat(v.retention()).isFalse();
    }

    @Test
    void moderateUseWithGoodCreditIsMedium() {
        // 7 000 CNY: in the top half, not the top 20%
        SegmentRule.SegmentVerdict v = verdict(Valued.of(700_000, 0.65, 0.5), 92);
        assertThat(v.segment()).isEqualTo(Segment.MEDIUM);
        assertThat(v.findings()).containsExactly("MODERATE_USE", "GOOD_CREDIT");
    }

    @Test
    void highUseWithBadCreditIsLowRisky() {
        // 10 000 CNY, score 60: grade C
        SegmentRule.SegmentVerdict v = verdict(Valued.of(1_000_000, 0.95, 0.5), 60);
        assertThat(v.segment()).isEqualTo(Segment.LOW_RISKY);
        assertThat(v.findings()).containsExactly("HIGH_USE", "BAD_CREDIT");
    }

    @Test
    void lowCurrentAndLowPotentialValueIsLowBasic() {
        // 2 000 CNY, potential 0.4 < 0.6
        SegmentRule.SegmentVerdict v = verdict(Valued.of(200_000, 0.15, 0.4), 92);
        assertThat(v.segment()).isEqualTo(Segment.LOW_BASIC);
        assertThat(v.findings()).containsExactly("LOW_USE", "GOOD_CREDIT");
    }

    @Test
    void smallNowButHeadingUpIsMedium() {
        SegmentRule.SegmentVerdict v = verdict(Valued.of(200_000, 0.15, 0.65), 92);
        assertThat(v.segment()).isEqualTo(Segment.MEDIUM);
        assertThat(v.findings()).containsExactly("LOW_USE", "GOOD_CREDIT", "HIGH_POTENTIAL");
    }

    // -- what keeps a large customer of good credit out of HIGH

    @Test
    void aLargeCustomerWhoseMonthsSwingFarMoreThanItsClasssIsNotHigh() {
        // volatility 0.05 + 0.25 against its class's 0.05: 0.25 above, more than 0.15
        SegmentRule.SegmentVerdict v = verdict(Valued.steady(1_000_000, 0.95, 0.5, 0, 0.25), 92);
        assertThat(v.segment()).isEqualTo(Segment.MEDIUM);
        assertThat(v.findings()).containsExactly("HIGH_USE", "GOOD_CREDIT", "UNSTABLE");
        // 0.10 above its class is within the allowance
        assertThat(verdict(Valued.steady(1_000_000, 0.95, 0.5, 0, 0.10), 92).segment())
                .isEqualTo(Segment.HIGH);
    }

    @Test
    void aTopBillWithLittleVolumeIsNotHighCurrentValue() {
        // ranks 0.8 in revenue but 0.1 in kWh: 0.7 × 0.8 + 0.3 × 0.1 = 0.59 < 0.7
        SegmentRule.SegmentVerdict v = verdict(Valued.of(900_000, 0.59, 0.5), 92);
        assertThat(v.segment()).isEqualTo(Segment.MEDIUM);
        assertThat(v.findings()).containsExactly("HIGH_USE", "GOOD_CREDIT", "LOW_CURRENT_VALUE");
    }

    // -- the declining large customer, valued against its class by the fleet

    /** Nine shops growing 5% a year and a large one shrinking 30%: 35% behind its class. */
    private static List<CustomerStanding> shopsWithOneShrinking(double bigTenureYears) {
        List<CustomerStanding> fleet = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            fleet.add(
                    FleetValuationTest.standing(
                            "C" + i,
                            CustomerClass.COMMERCIAL,
                            ValueAndSegmentTest.REVENUE[i],
                            ValueAndSegmentTest.KWH[i],
                            0.05,
                            92));
        }
        CustomerStanding big =
                FleetValuationTest.standing(
                        "BIG",
                        CustomerClass.COMMERCIAL,
                        ValueAndSegmentTest.REVENUE[9],
                        ValueAndSegmentTest.KWH[9],
                        -0.30,
                        92);
        fleet.add(withTenure(big, bigTenureYears));
        return fleet;
    }

    private static CustomerStanding withTenure(CustomerStanding s, double years) {
        return new CustomerStanding(
                s.customerId(),
                s.areaId(),
                s.customerClass(),
                s.tsMillis(),
                s.monthClose(),
                s.billedMonth(),
                s.revenue12Fen(),
                s.energy12Wh(),
                s.trend(),
                s.loadFactor(),
                s.peakShare(),
                years,
                s.creditScore(),
                s.creditGrade(),
                s.confirmedThefts(),
                s.theftRecent(),
                s.daysPastDue(),
                s.lastInspectionMillis(),
                s.prepaid(),
                s.offpeak(),
                s.volatility(),
                s.maxDemandKw(),
                s.contractKw(),
                s.demerits(),
                s.basicCharge(),
                s.removed());
    }

    @Test
    void aLongStandingLargeCustomerInDeclineKeepsHighWithARetentionVisit() {
        List<CustomerStanding> fleet = shopsWithOneShrinking(5);
        FleetValuation valuation = FleetValuation.of(fleet, ValueModel.DEFAULTS);
        CustomerStanding big = fleet.get(9);
        CustomerValuation v = valuation.valuation(big);

        // class median trend 0.05 (nine of ten at 0.05): relative −0.35
        assertThat(v.relativeGrowth()).isCloseTo(-0.35, within(1e-12));
        // growth part 0.5 − 0.35 / 0.80 = 0.0625; load factor 0.5, peak share 0.2, tenure 5 of
        // 10, no contract capacity (÷ 0.85):
        // (0.35 × 0.0625 + 0.15 × 0.5 + 0.15 × 0.2 + 0.2 × 0.5) / 0.85 = 0.226875 / 0.85 = 0.2669
        assertThat(v.potentialValue()).isCloseTo(0.226875 / 0.85, within(1e-12));

        SegmentChange record = valuation.rule().assess(big, v, Strategies.DEFAULTS, 1L, null);
        assertThat(record.segment()).isEqualTo(Segment.HIGH); // 0.267 ≥ 0.25
        assertThat(record.strategyList())
                .containsExactly(
                        "ACCOUNT_MANAGER", "VIP_CHANNEL", "OUTAGE_NOTICE_FIRST", "RETENTION_VISIT");
        assertThat(record.why().findingList())
                .containsExactly("HIGH_USE", "GOOD_CREDIT", "DECLINING");
        assertThat(record.why().highThresholdFen()).isEqualTo(900_000);
        assertThat(record.why().valuation().valueRank()).isCloseTo(0.95, within(1e-12));
    }

    @Test
    void aNewLargeCustomerInDeclineLosesHighAndStillGetsTheVisit() {
        List<CustomerStanding> fleet = shopsWithOneShrinking(1);
        FleetValuation valuation = FleetValuation.of(fleet, ValueModel.DEFAULTS);
        CustomerStanding big = fleet.get(9);
        // tenure 1 of 10: (0.021875 + 0.075 + 0.03 + 0.02) / 0.85 = 0.146875 / 0.85 = 0.1728
        assertThat(valuation.potentialValue(big)).isCloseTo(0.146875 / 0.85, within(1e-12));

        SegmentChange record =
                valuation
                        .rule()
                        .assess(big, valuation.valuation(big), Strategies.DEFAULTS, 1L, null);
        assertThat(record.segment()).isEqualTo(Segment.MEDIUM);
        assertThat(record.strategyList()).containsExactly("HOTLINE_95598", "RETENTION_VISIT");
        assertThat(record.why().findingList())
                .containsExactly("HIGH_USE", "GOOD_CREDIT", "LOW_POTENTIAL", "DECLINING");
    }

    @Test
    void aSmallCustomerInDeclineGetsNoRetentionVisit() {
        // shrinking as fast, but 2 000 CNY: not a key account
        SegmentRule.SegmentVerdict v = verdict(Valued.steady(200_000, 0.15, 0.2, -0.35, 0), 92);
        assertThat(v.retention()).isFalse();
        assertThat(v.segment()).isEqualTo(Segment.LOW_BASIC);
    }

    // -- value on margin

    @Test
    void marginIsRevenueLessThePurchaseCostOrTheDistributionShare() {
        Map<CustomerClass, Double> prices = new EnumMap<>(CustomerClass.class);
        for (CustomerClass c : CustomerClass.values()) {
            prices.put(c, 0.20);
        }
        prices.put(CustomerClass.LARGE_INDUSTRY, 0.45);
        // a factory: 100 000 CNY for 150 000 kWh (150 000 000 Wh)
        ValueBasis purchase = new ValueBasis(ValueBasis.Kind.PURCHASE_COST, prices);
        // 100 000 − 150 000 × 0.45 = 32 500 CNY
        assertThat(purchase.valueFen(CustomerClass.LARGE_INDUSTRY, 10_000_000, 150_000_000))
                .isEqualTo(3_250_000);
        ValueBasis distribution = new ValueBasis(ValueBasis.Kind.DISTRIBUTION, prices);
        // a shop: 150 000 kWh × 0.20 = 30 000 CNY, whatever its bill
        assertThat(distribution.valueFen(CustomerClass.COMMERCIAL, 12_000_000, 150_000_000))
                .isEqualTo(3_000_000);
        assertThat(ValueBasis.REVENUE.valueFen(CustomerClass.COMMERCIAL, 12_000_000, 150_000_000))
                .isEqualTo(12_000_000);
    }

    @Test
    void onMarginAFactoryWithTheBiggestBillCanRankBelowAShop() {
        Map<CustomerClass, Double> cost = new EnumMap<>(CustomerClass.class);
        for (CustomerClass c : CustomerClass.values()) {
            cost.put(c, 0.40);
        }
        ValueModel onMargin =
                new ValueModel(
                        CreditRules.DEFAULTS,
                        ValueRules.DEFAULTS,
                        SegmentPolicy.DEFAULTS,
                        Strategies.DEFAULTS,
                        ValueModel.DEFAULT_PEAK_HOURS_TARIFF,
                        new ValueBasis(ValueBasis.Kind.PURCHASE_COST, cost));
        // a factory: 10 000 CNY for 24 000 kWh (margin 10 000 − 9 600 = 400 CNY); a shop: 9 000
        // CNY for 12 000 kWh (margin 9 000 − 4 800 = 4 200 CNY); eight households 1 000 … 8 000
        // CNY for 1 500 … 11 000 kWh (margins 400 … 3 600 CNY)
        List<CustomerStanding> fleet = new ArrayList<>();
        fleet.add(
                FleetValuationTest.standing(
                        "F", CustomerClass.LARGE_INDUSTRY, 1_000_000, 24_000_000, 0, 92));
        fleet.add(
                FleetValuationTest.standing(
                        "S", CustomerClass.COMMERCIAL, 900_000, 12_000_000, 0, 92));
        for (int i = 0; i < 8; i++) {
            fleet.add(
                    FleetValuationTest.standing(
                            "H" + i,
                            CustomerClass.RESIDENTIAL,
                            ValueAndSegmentTest.REVENUE[i],
                            ValueAndSegmentTest.KWH[i] * 1000,
                            0,
                            92));
        }
        FleetValuation valuation = FleetValuation.of(fleet, onMargin);
        CustomerValuation factory = valuation.valuation(fleet.get(0));
        CustomerValuation shop = valuation.valuation(fleet.get(1));
        assertThat(factory.basis()).isEqualTo("margin");
        assertThat(factory.valueFen()).isEqualTo(40_000);
        assertThat(shop.valueFen()).isEqualTo(420_000);
        // household margins: 1 000 − 600 = 400, 2 000 − 1 200 = 800, 3 000 − 1 600 = 1 400,
        // 4 000 − 2 200 = 1 800, 5 000 − 2 800 = 2 200, 6 000 − 3 200 = 2 800, 7 000 − 3 600 =
        // 3 400, 8 000 − 4 400 = 3 600 CNY. Sorted with the factory (400) and the shop (4 200):
        // the top 20% (two) is from 3 600 CNY; the factory ties the lowest household: rank
        // (0 + 0.5 × 2) / 10 = 0.1
        assertThat(valuation.rule().highValueFen()).isEqualTo(360_000);
        assertThat(factory.valueRank()).isCloseTo(0.1, within(1e-12));
        assertThat(valuation.rule().segment(factory, 92, CreditGrade.A))
                .isEqualTo(Segment.LOW_BASIC);
        assertThat(valuation.rule().segment(shop, 92, CreditGrade.A)).isEqualTo(Segment.HIGH);
    }

    @Test
    void aMarginSectionNeedsAKindAndAPriceForEveryClass() {
        StringBuilder all = new StringBuilder("margin:\n  kind: distribution\n  cny-per-kwh:\n");
        for (CustomerClass c : CustomerClass.values()) {
            all.append("    ").append(c).append(": 0.2\n");
        }
        ValueModel model = ValueModelFile.load(new StringReader(all.toString()), "m.yaml");
        assertThat(model.basis().kind()).isEqualTo(ValueBasis.Kind.DISTRIBUTION);
        assertThat(model.basis().cnyPerKwh().get(CustomerClass.AGRICULTURE)).isEqualTo(0.2);

        assertThatThrownBy(
                        () ->
                                ValueModelFile.load(
                                        new StringReader(
                                                "margin:\n  kind: distribution\n  cny-per-kwh:\n"
                                                        + "    RESIDENTIAL: 0.2\n"),
                                        "m.yaml"))
                .hasMessageContaining("m.yaml: margin: no price for COMMERCIAL");
        assertThatThrownBy(
                        () ->
                                ValueModelFile.load(
                                        new StringReader(
                                                "margin:\n  kind: profit\n  cny-per-kwh:\n"
                                                        + "    SHOPS: 0.2\n"),
                                        "m.yaml"))
                .hasMessageContaining("margin.kind must be purchase-cost")
                .hasMessageContaining("unknown class 'SHOPS'");
    }

    // -- stability

    @Test
    void volatilityIsTheScatterAboutTheTrendAsAShareOfTheMean() {
        ValueHistory h = new ValueHistory();
        // four months, 1 000 quarter hours each, average quarter-hour energy 10, 12, 10, 12 (in
        // micro-kWh per quarter) and revenue in proportion
        long[] energy = {10_000, 12_000, 10_000, 12_000};
        for (int m = 0; m < 4; m++) {
            int index = ValueHistory.indexOf(java.time.YearMonth.of(2026, m + 1));
            int slot = Math.floorMod(index, ValueHistory.MONTHS);
            h.monthIndex[slot] = index;
            h.microKwh[slot] = energy[m];
            h.revenueFen[slot] = energy[m] * 3;
            h.quarters[slot] = 1_000;
            h.latestMonthIndex = index;
        }
        // x = −3..0, y = 10, 12, 10, 12: slope 2 / 5 = 0.4 about (−1.5, 11); fitted 10.4, 10.8,
        // 11.2, 11.6; residuals −0.4, 1.2, −1.2, 0.4; squares 3.2 over n − 2 = 2: 1.6
        assertThat(h.volatility()).isCloseTo(Math.sqrt(1.6) / 11, within(1e-12));
    }

    @Test
    void aSteadyRiseIsTrendNotInstability() {
        ValueHistory h = new ValueHistory();
        for (int m = 0; m < 6; m++) {
            int index = ValueHistory.indexOf(java.time.YearMonth.of(2026, m + 1));
            int slot = Math.floorMod(index, ValueHistory.MONTHS);
            h.monthIndex[slot] = index;
            h.microKwh[slot] = 10_000 + 1_000L * m; // +10% of the first month every month
            h.revenueFen[slot] = 5 * h.microKwh[slot];
            h.quarters[slot] = 1_000;
            h.latestMonthIndex = index;
        }
        assertThat(h.volatility()).isCloseTo(0, within(1e-12));
    }

    // -- the basic-charge advice

    @Test
    void theBasicChargeAdviceComparesCapacityAndDemandOverTheCustomersOwnMonths() {
        Charges twoPart =
                new Charges(
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        new BigDecimal("28"),
                        new BigDecimal("38"));
        // contract 1 000 kVA: 28 000 CNY a month, 336 000 a year. Maximum demand 500, 520 and 480
        // kW (quarter-hour energy 125, 130 and 120 kWh): 38 × 1 500 = 57 000 CNY in three months,
        // 228 000 a year. Demand is cheaper by 108 000 CNY a year.
        BasicChargeAdvice advice =
                BasicChargeAdvice.of(
                        twoPart, 1_000, new long[] {125_000_000, 130_000_000, 120_000_000});
        assertThat(advice.currentBasis()).isEqualTo(BasicChargeBasis.CAPACITY);
        assertThat(advice.months()).isEqualTo(3);
        assertThat(advice.capacityCnyPerYear()).isCloseTo(336_000, within(1e-6));
        assertThat(advice.demandCnyPerYear()).isCloseTo(228_000, within(1e-6));
        assertThat(advice.cheaperBasis()).isEqualTo(BasicChargeBasis.DEMAND);
        assertThat(advice.savingCnyPerYear()).isCloseTo(108_000, within(1e-6));

        // a contract the load fills: 600 kVA (201 600 a year) against 228 000 on demand
        BasicChargeAdvice full =
                BasicChargeAdvice.of(
                        twoPart, 600, new long[] {125_000_000, 130_000_000, 120_000_000});
        assertThat(full.cheaperBasis()).isEqualTo(BasicChargeBasis.CAPACITY);
        assertThat(full.savingCnyPerYear()).isZero();

        // no contract capacity, or a one-part tariff: no advice
        assertThat(BasicChargeAdvice.of(twoPart, Double.NaN, new long[] {1}).exists()).isFalse();
        assertThat(
                        BasicChargeAdvice.of(
                                        new Charges(
                                                BigDecimal.ZERO,
                                                BigDecimal.ZERO,
                                                BigDecimal.ZERO,
                                                BigDecimal.ZERO),
                                        1_000,
                                        new long[] {1})
                                .exists())
                .isFalse();
    }
}
