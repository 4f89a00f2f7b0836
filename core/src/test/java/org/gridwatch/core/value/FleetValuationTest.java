package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.junit.jupiter.api.Test;

class FleetValuationTest {

    static CustomerStanding standing(
            String id, CustomerClass c, long revenueFen, long wh, double trend, int score) {
        return standing(id, c, revenueFen, wh, trend, score, 0.05, Double.NaN, 0);
    }

    static CustomerStanding standing(
            String id,
            CustomerClass c,
            long revenueFen,
            long wh,
            double trend,
            int score,
            double volatility,
            double contractKw,
            double maxDemandKw) {
        return new CustomerStanding(
                id,
                "A001",
                c,
                0L,
                true,
                202601,
                revenueFen,
                wh,
                trend,
                0.5,
                0.2,
                5,
                score,
                CreditRules.DEFAULTS.gradeOf(score),
                0,
                false,
                0,
                InspectionPlan.NONE,
                false,
                OffpeakOffer.NONE,
                volatility,
                maxDemandKw,
                contractKw,
                new String[0],
                BasicChargeAdvice.NONE,
                false);
    }

    /** The ten customers of {@link ValueAndSegmentTest}: 1 000 … 10 000 CNY. */
    static List<CustomerStanding> tenShops(double trend) {
        List<CustomerStanding> fleet = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fleet.add(
                    standing(
                            "C" + i,
                            CustomerClass.COMMERCIAL,
                            ValueAndSegmentTest.REVENUE[i],
                            ValueAndSegmentTest.KWH[i],
                            trend,
                            92));
        }
        return fleet;
    }

    @Test
    void valuesEachCustomerByItsRanksInTheFleet() {
        List<CustomerStanding> fleet = tenShops(0);
        FleetValuation v = FleetValuation.of(fleet, ValueModel.DEFAULTS);

        // the ninth of ten in revenue and in kWh: rank 0.85 in both
        assertThat(v.currentValue(fleet.get(8))).isCloseTo(0.85, within(1e-12));
        assertThat(v.rule().highValueFen()).isEqualTo(900_000);
        assertThat(v.rule().moderateValueFen()).isEqualTo(600_000);
    }

    @Test
    void growthCountsRelativeToTheCustomersClass() {
        // every shop grows 30% (a hot summer lifts them all); one grows 50%
        List<CustomerStanding> fleet = tenShops(0.30);
        fleet.add(standing("FAST", CustomerClass.COMMERCIAL, 100_000, 1_500, 0.50, 92));
        FleetValuation v = FleetValuation.of(fleet, ValueModel.DEFAULTS);

        assertThat(v.relativeGrowth(fleet.get(0))).isCloseTo(0, within(1e-12));
        assertThat(v.relativeGrowth(fleet.get(10))).isCloseTo(0.20, within(1e-12));
        // growth +20% relative → 0.5 + 0.20 / 0.80 = 0.75; load factor 0.5, peak share 0.2,
        // tenure 5/10, no contract capacity (weights ÷ 0.85):
        // (0.35 × 0.75 + 0.15 × 0.5 + 0.15 × 0.2 + 0.2 × 0.5) / 0.85 = 0.4675 / 0.85 = 0.55
        assertThat(v.potentialValue(fleet.get(10))).isCloseTo(0.55, within(1e-12));
    }

    @Test
    void theMonthsRuleAssessesSegmentAndStrategiesWithTheNumbersBehindThem() {
        List<CustomerStanding> fleet = tenShops(0);
        FleetValuation v = FleetValuation.of(fleet, ValueModel.DEFAULTS);
        CustomerStanding top = fleet.get(9);

        SegmentChange c = v.rule().assess(top, v.valuation(top), Strategies.DEFAULTS, 42L, null);

        assertThat(c.segment()).isEqualTo(Segment.HIGH);
        assertThat(c.creditGrade()).isEqualTo(CreditGrade.A);
        assertThat(c.creditScore()).isEqualTo(92);
        assertThat(c.currentValue()).isCloseTo(0.95, within(1e-12));
        assertThat(c.strategyList())
                .containsExactly("ACCOUNT_MANAGER", "VIP_CHANNEL", "OUTAGE_NOTICE_FIRST");
        assertThat(c.tsMillis()).isEqualTo(42L);
    }

    @Test
    void aNewRecordIsNewsOnlyForAnotherSegmentGradeOrStrategy() {
        SegmentChange high =
                new SegmentChange(
                        "C1", 1, Segment.HIGH, 0.9, 0.5, 92, CreditGrade.A, new String[] {"A"});
        SegmentChange sameButScore =
                new SegmentChange(
                        "C1", 2, Segment.HIGH, 0.91, 0.5, 96, CreditGrade.A, new String[] {"A"});
        SegmentChange warned =
                new SegmentChange(
                        "C1",
                        3,
                        Segment.HIGH,
                        0.9,
                        0.5,
                        92,
                        CreditGrade.A,
                        new String[] {"A", "W"});

        assertThat(high.changesFrom(null)).isTrue();
        assertThat(sameButScore.changesFrom(high)).isFalse();
        assertThat(warned.changesFrom(high)).isTrue();
    }
}
