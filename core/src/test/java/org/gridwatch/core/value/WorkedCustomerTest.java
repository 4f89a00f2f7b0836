package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gridwatch.core.value.CreditAccount.DAY;
import static org.gridwatch.core.value.CreditAccount.due;
import static org.gridwatch.core.value.ServiceStrategy.*;

import java.util.List;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Segment;
import org.junit.jupiter.api.Test;

/** The worked customer of docs/value.md: a shop through HIGH, MEDIUM and back, B to A. */
class WorkedCustomerTest {

    static final FleetDistribution REVENUE = ValueAndSegmentTest.FLEET_REVENUE;
    static final FleetDistribution KWH = ValueAndSegmentTest.FLEET_KWH;
    static final SegmentRule RULE = SegmentRule.fromFleet(REVENUE);
    static final CreditRules CREDIT = CreditRules.DEFAULTS;

    // The shop: 9 000 CNY and 12 000 kWh over 12 months, growing 10% a year, load factor 0.6,
    // 30% of its kWh in peak hours, a customer for 5 years.
    static final long SHOP_REVENUE_FEN = 900_000;
    static final long SHOP_KWH = 12_000;
    static final PotentialInputs SHOP = new PotentialInputs(0.10, 0.6, 0.3, 5);

    @Test
    void theShopIsHighWhilePayingOnTimeMediumAfterOneLateBillAndHighAgainAYearLater() {
        double current = ValueRules.DEFAULTS.currentValue(SHOP_REVENUE_FEN, SHOP_KWH, REVENUE, KWH);
        double potential = ValueRules.DEFAULTS.potentialValue(SHOP);
        assertThat(current).isCloseTo(0.85, within(1e-12));
        // no contract capacity (a shop): 0.35, 0.15, 0.15, 0.2 scaled by 1 / 0.85:
        // (0.35 × 0.625 + 0.15 × 0.6 + 0.15 × 0.3 + 0.2 × 0.5) / 0.85 = 0.45375 / 0.85 = 0.534
        assertThat(potential).isCloseTo(0.45375 / 0.85, within(1e-12));

        // January to May 2026 paid on time, bills of 750 CNY: 80 + 5 × 2 = 90, grade A
        CreditAccount account = new CreditAccount(CREDIT);
        for (String month : new String[] {"2026-01", "2026-02", "2026-03", "2026-04", "2026-05"}) {
            account.billAndPayOnTime(month, 75_000);
        }
        long june = due("2026-05") + DAY;
        assertThat(account.credit.score(june, CREDIT)).isEqualTo(90);
        assertThat(segmentAt(account, june)).isEqualTo(Segment.HIGH);
        assertThat(strategiesAt(account, june))
                .containsExactly(ACCOUNT_MANAGER, VIP_CHANNEL, OUTAGE_NOTICE_FIRST);

        // June's bill, due 2026-07-20, paid 20 days late: −6 and the streak ends: 80 − 6 = 74, B
        account.issue("2026-06", 75_000);
        long paidLate = due("2026-06") + 20 * DAY;
        account.pay("P-2026-06", paidLate, 75_000);
        assertThat(account.credit.score(paidLate, CREDIT)).isEqualTo(74);
        assertThat(account.credit.grade(paidLate, CREDIT)).isEqualTo(CreditGrade.B);
        assertThat(segmentAt(account, paidLate)).isEqualTo(Segment.MEDIUM); // 74 < 80
        assertThat(strategiesAt(account, paidLate))
                .containsExactly(HOTLINE_95598, OFFPEAK_DISCOUNT_OFFER);

        // July and August on time: +2 each, 78, MEDIUM still; September's bill paid on
        // 2026-10-10: 80 − 6 + 6 = 80, back at the start score: HIGH again, in grade B.
        account.billAndPayOnTime("2026-07", 75_000);
        account.billAndPayOnTime("2026-08", 75_000);
        assertThat(account.credit.score(due("2026-08"), CREDIT)).isEqualTo(78);
        assertThat(segmentAt(account, due("2026-08"))).isEqualTo(Segment.MEDIUM);
        account.billAndPayOnTime("2026-09", 75_000);
        long september = due("2026-09") - 10 * DAY;
        assertThat(account.credit.score(september, CREDIT)).isEqualTo(80);
        assertThat(account.credit.grade(september, CREDIT)).isEqualTo(CreditGrade.B);
        assertThat(segmentAt(account, september)).isEqualTo(Segment.HIGH);

        // October 2026 to May 2027 on time: the streak credit reaches its cap of +10 (84, B);
        // when the late-payment demerit expires on 2027-08-09: 90, A.
        for (int m = 10; m <= 17; m++) {
            account.billAndPayOnTime(
                    "%d-%02d".formatted(2026 + (m - 1) / 12, (m - 1) % 12 + 1), 75_000);
        }
        long beforeExpiry = paidLate + 365 * DAY - 1;
        assertThat(account.credit.score(beforeExpiry, CREDIT)).isEqualTo(84);
        assertThat(account.credit.grade(beforeExpiry, CREDIT)).isEqualTo(CreditGrade.B);
        long expiry = paidLate + 365 * DAY;
        assertThat(account.credit.score(expiry, CREDIT)).isEqualTo(90);
        assertThat(account.credit.grade(expiry, CREDIT)).isEqualTo(CreditGrade.A);
        assertThat(segmentAt(account, expiry)).isEqualTo(Segment.HIGH);
    }

    private static Segment segmentAt(CreditAccount account, long now) {
        return RULE.segment(
                Valued.of(SHOP_REVENUE_FEN, 0.85, ValueRules.DEFAULTS.potentialValue(SHOP)),
                account.credit.score(now, CREDIT),
                account.credit.grade(now, CREDIT));
    }

    private static List<ServiceStrategy> strategiesAt(CreditAccount account, long now) {
        return Strategies.DEFAULTS.forCustomer(
                segmentAt(account, now),
                account.credit.theftCount,
                account.credit.theftUntilMillis > now,
                account.credit.daysPastDue(now),
                false,
                true,
                false);
    }
}
