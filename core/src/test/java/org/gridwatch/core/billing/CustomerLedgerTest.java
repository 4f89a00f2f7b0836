package org.gridwatch.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomerLedgerTest {

    private static final long JAN_DUE = MonthOfReadings.at("2026-02-20T00:00");
    private static final long FEB_DUE = MonthOfReadings.at("2026-03-20T00:00");
    private static final long PAID_AT = MonthOfReadings.at("2026-02-03T19:22:10");

    @Test
    void aBillAddsItsAmountToTheBalance() {
        CustomerLedger ledger = new CustomerLedger();

        ledger.issue(LedgerBills.bill("2026-01", 20_137));

        assertThat(ledger.balanceFen()).isEqualTo(20_137);
        assertThat(ledger.openBills()).containsExactly(new OpenBill("2026-01", JAN_DUE, 20_137));
    }

    @Test
    void keepsBalanceWhenPaymentArrivesTwice() {
        CustomerLedger ledger = new CustomerLedger();
        ledger.issue(LedgerBills.bill("2026-01", 20_137));

        assertThat(ledger.pay("P00091233", PAID_AT, 21_250)).isEqualTo(PaymentOutcome.APPLIED);
        assertThat(ledger.pay("P00091233", PAID_AT, 21_250)).isEqualTo(PaymentOutcome.DUPLICATE);

        assertThat(ledger.balanceFen()).isEqualTo(20_137 - 21_250);
        assertThat(ledger.paidFen).isEqualTo(21_250);
    }

    @Test
    void aBouncedPaymentAddsTheAmountBack() {
        CustomerLedger ledger = new CustomerLedger();
        ledger.issue(LedgerBills.bill("2026-01", 20_137));
        ledger.pay("P1", PAID_AT, 20_137);

        // The bank's reversal carries the id of the payment it reverses, with a negative amount.
        assertThat(ledger.pay("P1", PAID_AT + 86_400_000L, -20_137))
                .isEqualTo(PaymentOutcome.REVERSAL);
        assertThat(ledger.pay("P1", PAID_AT + 86_400_000L, -20_137))
                .isEqualTo(PaymentOutcome.DUPLICATE);

        assertThat(ledger.balanceFen()).isEqualTo(20_137);
        assertThat(ledger.reversalCount).isEqualTo(1);
        assertThat(ledger.reversedFen).isEqualTo(20_137);
        assertThat(ledger.openBills()).containsExactly(new OpenBill("2026-01", JAN_DUE, 20_137));
    }

    @Test
    void paysOldestBillFirst() {
        CustomerLedger ledger = new CustomerLedger();
        ledger.issue(LedgerBills.bill("2026-01", 10_000));
        ledger.issue(LedgerBills.bill("2026-02", 8_000));
        long march25 = MonthOfReadings.at("2026-03-25T00:00");
        // Unpaid, January is the oldest: 2026-02-20 → 2026-03-25 is 8 + 25 = 33 days.
        assertThat(ledger.daysPastDue(march25)).isEqualTo(33);

        ledger.pay("P1", PAID_AT, 12_000);

        // 12 000 pays January's 10 000 and 2 000 of February's 8 000.
        assertThat(ledger.openBills()).containsExactly(new OpenBill("2026-02", FEB_DUE, 6_000));
        assertThat(ledger.daysPastDue(march25)).isEqualTo(5);
    }

    @Test
    void aReversalReopensTheBillsItHadPaidWithTheirOwnDueDates() {
        CustomerLedger ledger = new CustomerLedger();
        ledger.issue(LedgerBills.bill("2026-01", 10_000));
        ledger.issue(LedgerBills.bill("2026-02", 8_000));
        ledger.pay("P1", PAID_AT, 18_000);
        assertThat(ledger.openBills()).isEmpty();

        ledger.pay("P1", PAID_AT, -18_000);

        assertThat(ledger.openBills())
                .containsExactly(
                        new OpenBill("2026-01", JAN_DUE, 10_000),
                        new OpenBill("2026-02", FEB_DUE, 8_000));
        assertThat(ledger.oldestOpenDueMillis()).isEqualTo(JAN_DUE);
    }

    @Test
    void daysPastDueCountFromTheDueDate() {
        CustomerLedger ledger = new CustomerLedger();
        ledger.issue(LedgerBills.bill("2026-01", 20_137));

        assertThat(ledger.daysPastDue(MonthOfReadings.at("2026-02-19T23:59"))).isZero();
        assertThat(ledger.daysPastDue(JAN_DUE)).isZero();
        assertThat(ledger.daysPastDue(MonthOfReadings.at("2026-02-20T23:59"))).isZero();
        assertThat(ledger.daysPastDue(MonthOfReadings.at("2026-02-21T00:00"))).isEqualTo(1);
        // 2026-02-20 → 2026-03-02: 8 days to the end of February, 2 into March.
        assertThat(ledger.daysPastDue(MonthOfReadings.at("2026-03-02T12:00"))).isEqualTo(10);

        ledger.pay("P1", PAID_AT, 20_137);
        assertThat(ledger.daysPastDue(MonthOfReadings.at("2026-03-02T12:00"))).isZero();
    }

    @Test
    void anOverpaymentIsCreditThatPaysTheNextBills() {
        CustomerLedger ledger = new CustomerLedger();
        ledger.pay("P1", PAID_AT, 5_000);
        assertThat(ledger.balanceFen()).isEqualTo(-5_000);

        ledger.issue(LedgerBills.bill("2026-01", 3_000));
        assertThat(ledger.openBills()).isEmpty();
        assertThat(ledger.daysPastDue(MonthOfReadings.at("2026-06-01T00:00"))).isZero();

        ledger.issue(LedgerBills.bill("2026-02", 4_000));
        assertThat(ledger.balanceFen()).isEqualTo(2_000);
        assertThat(ledger.openBills()).containsExactly(new OpenBill("2026-02", FEB_DUE, 2_000));
    }

    @Test
    void remembersTheLastThirtyTwoPaymentIds() {
        CustomerLedger ledger = new CustomerLedger();
        for (int i = 0; i <= CustomerLedger.PAYMENT_MEMORY; i++) {
            ledger.pay("P" + i, PAID_AT, 1);
        }

        // P1 … P32 are remembered; P0 was pushed out by the 32 payments after it.
        assertThat(ledger.pay("P1", PAID_AT, 1)).isEqualTo(PaymentOutcome.DUPLICATE);
        assertThat(ledger.pay("P32", PAID_AT, 1)).isEqualTo(PaymentOutcome.DUPLICATE);
        assertThat(ledger.pay("P0", PAID_AT, 1)).isEqualTo(PaymentOutcome.APPLIED);
        assertThat(ledger.paymentKeys).hasSize(CustomerLedger.PAYMENT_MEMORY);
    }

    @Test
    void issuingTheSameMonthTwiceChangesNothing() {
        CustomerLedger ledger = new CustomerLedger();

        assertThat(ledger.issue(LedgerBills.bill("2026-01", 20_137))).isTrue();
        assertThat(ledger.issue(LedgerBills.bill("2026-01", 20_137))).isFalse();

        assertThat(ledger.balanceFen()).isEqualTo(20_137);
        assertThat(ledger.billCount).isEqualTo(1);
    }

    @Test
    void arrearsOlderThanTheBillsKeptStayOwedFromTheLatestForgottenDueDate() {
        CustomerLedger ledger = new CustomerLedger();
        // 15 unpaid bills, 2025-01 … 2026-03: the ledger keeps the last 13.
        java.time.YearMonth month = java.time.YearMonth.of(2025, 1);
        for (int i = 0; i < 15; i++) {
            ledger.issue(LedgerBills.bill(month.toString(), 1_000));
            month = month.plusMonths(1);
        }

        assertThat(ledger.balanceFen()).isEqualTo(15_000);
        assertThat(ledger.billCount).isEqualTo(CustomerLedger.BILL_MEMORY);
        // 2025-01 and 2025-02 are forgotten; the later of their due dates is 2025-03-20.
        long forgottenDue = MonthOfReadings.at("2025-03-20T00:00");
        assertThat(ledger.openBills().get(0))
                .isEqualTo(new OpenBill("earlier", forgottenDue, 2_000));
        assertThat(ledger.openBills()).hasSize(14);
        // 2025-03-20 → 2026-03-20 is 365 days, → 2026-04-01 12 more.
        assertThat(ledger.daysPastDue(MonthOfReadings.at("2026-04-01T00:00"))).isEqualTo(377);
    }

    @Test
    void aNewLedgerHoldsNoArraysUntilItNeedsThem() {
        CustomerLedger ledger = new CustomerLedger();

        assertThat(ledger.billYearMonths).isEmpty();
        assertThat(ledger.paymentKeys).isEmpty();

        ledger.issue(LedgerBills.bill("2026-01", 1));
        ledger.pay("P1", PAID_AT, 1);
        assertThat(ledger.billYearMonths.length).isLessThan(CustomerLedger.BILL_MEMORY);
        assertThat(ledger.paymentKeys.length).isLessThan(CustomerLedger.PAYMENT_MEMORY);
    }

    @Test
    void theOverdueAmountIsWhatLiesOnBillsPastTheirDueDate() {
        CustomerLedger ledger = new CustomerLedger();
        ledger.issue(LedgerBills.bill("2026-01", 20_000)); // due 02-20
        ledger.issue(LedgerBills.bill("2026-02", 15_000)); // due 03-20
        assertThat(ledger.overdueFen(JAN_DUE)).as("due, not yet overdue").isZero();
        assertThat(ledger.overdueFen(JAN_DUE + 1)).isEqualTo(20_000);
        assertThat(ledger.overdueFen(FEB_DUE + 1)).isEqualTo(35_000);
        // 100.00 paid: the balance, 250.00, lies on February (150.00) and 100.00 of January
        ledger.pay("P1", JAN_DUE + 1, 10_000);
        assertThat(ledger.overdueFen(JAN_DUE + 2)).isEqualTo(10_000);
        ledger.pay("P2", JAN_DUE + 2, 30_000); // 50.00 of credit beyond everything
        assertThat(ledger.overdueFen(FEB_DUE + 1)).isZero();
    }
}
