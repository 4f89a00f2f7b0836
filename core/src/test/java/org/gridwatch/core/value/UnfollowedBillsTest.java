package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.event.CreditGrade;
import org.junit.jupiter.api.Test;

/** Bills issued where no payment can be seen (no payments stream): kept, never held against. */
class UnfollowedBillsTest {
    private static final CreditRules CREDIT = CreditRules.DEFAULTS;

    private static CustomerAccount billedJanuaryToJune(boolean followed) {
        CustomerAccount account = new CustomerAccount();
        for (int m = 1; m <= 6; m++) {
            String month = "2026-%02d".formatted(m);
            account.onBill(
                    CreditAccount.statement(month, 100_000, "residential-tiered"),
                    MonthlyUsage.of(YearMonth.parse(month), CreditAccount.CALENDAR),
                    CREDIT,
                    followed);
        }
        return account;
    }

    @Test
    void anUnfollowedBillIsKeptButNeverMadeOverdue() {
        // 15 July: January's bill, due 20 February, is 145 days past due where bills are followed
        long july15 = OffsetDateTime.parse("2026-07-15T00:00:00+08:00").toInstant().toEpochMilli();
        CustomerAccount followed = billedJanuaryToJune(true);
        CustomerAccount unfollowed = billedJanuaryToJune(false);
        CustomerAccount fresh = new CustomerAccount();

        assertThat(followed.credit.daysPastDue(july15)).isEqualTo(145);
        assertThat(followed.credit.grade(july15, CREDIT)).isEqualTo(CreditGrade.C);

        assertThat(unfollowed.ledger.billCount).isEqualTo(6); // the year's tiers still count them
        assertThat(unfollowed.isBilled()).isTrue();
        assertThat(unfollowed.credit.daysPastDue(july15)).isZero();
        assertThat(unfollowed.credit.demeritCount).isZero();
        assertThat(unfollowed.credit.grade(july15, CREDIT))
                .isEqualTo(fresh.credit.grade(july15, CREDIT));
    }
}
