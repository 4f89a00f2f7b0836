package org.gridwatch.core.arrears;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Gamma–Poisson chance of a bill still unpaid at 90 days past due, by hand: prior 1 payment in
 * 20 days in arrears; P = ((20 + E) / (20 + E + H))^(1 + k).
 */
class ArrearsRiskTest {
    private static final long DAY = 86_400_000L;
    private static final ArrearsRisk RISK = ArrearsRisk.DEFAULTS;

    /** Day 0 is a due date; the bill was issued 19 days before. */
    private static final long DUE = 1_000 * DAY;

    private static PaymentHabit newCustomerWithOneBill() {
        PaymentHabit habit = new PaymentHabit();
        habit.onChange(DUE - 19 * DAY, DUE);
        return habit;
    }

    @Test
    void aCustomerNeverSeenPayingIsJudgedByThePriorAndItsDaysUnpaid() {
        PaymentHabit habit = newCustomerWithOneBill();
        // 40 days past due: E = 40, k = 0, H = 50: 60 / 110.
        assertThat(RISK.unpaidAtHorizon(habit, DUE, DUE + 40 * DAY))
                .isCloseTo(60.0 / 110, within(1e-12));
        // 10 days: 30 / 110.
        assertThat(RISK.unpaidAtHorizon(habit, DUE, DUE + 10 * DAY))
                .isCloseTo(30.0 / 110, within(1e-12));
    }

    @Test
    void nothingOverdueNoChanceAndAtTheHorizonCertain() {
        PaymentHabit habit = newCustomerWithOneBill();
        assertThat(RISK.unpaidAtHorizon(habit, DUE, DUE)).isZero();
        assertThat(RISK.unpaidAtHorizon(habit, DUE, DUE - DAY)).isZero();
        assertThat(RISK.unpaidAtHorizon(habit, Long.MAX_VALUE, DUE)).isZero();
        assertThat(RISK.unpaidAtHorizon(habit, DUE, DUE + 90 * DAY)).isEqualTo(1.0);
    }

    @Test
    void aCustomerWhoPaysThroughItsArrearsIsLessLikelyToReachTheHorizon() {
        PaymentHabit habit = newCustomerWithOneBill();
        // Pays 30 days late: 30 days overdue and one payment, added unfaded (nothing before to
        // fade).
        habit.onPayment(DUE + 30 * DAY, 10_000, 10_000, Long.MAX_VALUE); // all that was overdue
        assertThat(habit.overdueDays).isCloseTo(30, within(1e-9));
        assertThat(habit.overdueBillsCleared).isEqualTo(1.0);
        // Its next bill is due 31 days later and 40 days past due when looked at: no change since
        // the payment except that bill's issue (12 days after the payment, fade g).
        long due2 = DUE + 61 * DAY;
        habit.onChange(DUE + 42 * DAY, due2);
        double g = Math.exp(-Math.log(2) * 12 / 365);
        double e = 30 * g + 40; // the 12 days between were not overdue
        double k = g;
        double expected = Math.pow((20 + e) / (20 + e + 50), 1 + k);
        assertThat(RISK.unpaidAtHorizon(habit, due2, due2 + 40 * DAY))
                .isCloseTo(expected, within(1e-12));
        // About 0.42 against the 0.55 of a customer never seen paying at the same 40 days.
        assertThat(expected).isBetween(0.41, 0.42);
    }

    @Test
    void aBouncedPaymentTakesBackThePaymentItCounted() {
        PaymentHabit habit = newCustomerWithOneBill();
        habit.onPayment(DUE + 5 * DAY, 10_000, 10_000, Long.MAX_VALUE);
        habit.onReversal(DUE + 5 * DAY, 10_000, 10_000, DUE);
        assertThat(habit.overdueBillsCleared).isZero();
        // Overdue before the payment, 5 days, and again from the reversal on: 15 at day 15.
        assertThat(habit.overdueDaysAt(DUE + 15 * DAY)).isCloseTo(15, within(1e-9));
    }

    @Test
    void aPartPaymentCountsForTheShareOfTheDebtItPaid() {
        PaymentHabit habit = newCustomerWithOneBill();
        habit.onPayment(DUE + 10 * DAY, 2_500, 10_000, DUE); // a quarter; the bill stays open
        assertThat(habit.overdueBillsCleared).isEqualTo(0.25);
        // 40 days past due: (60 / 110)^1.25
        assertThat(RISK.unpaidAtHorizon(habit, DUE, DUE + 40 * DAY))
                .isCloseTo(Math.pow(60.0 / 110, 1.25), within(1e-12));
        // more than was overdue still counts one (the quarter faded over the day between)
        habit.onPayment(DUE + 11 * DAY, 50_000, 7_500, Long.MAX_VALUE);
        assertThat(habit.overdueBillsCleared)
                .isCloseTo(0.25 * Math.pow(0.5, 1 / 365.0) + 1, within(1e-12));
    }

    @Test
    void aPaymentBeforeTheDueDateIsNotAPaymentInArrears() {
        PaymentHabit habit = newCustomerWithOneBill();
        habit.onPayment(DUE - DAY, 10_000, 0, Long.MAX_VALUE); // nothing was overdue yet
        assertThat(habit.overdueBillsCleared).isZero();
        assertThat(habit.overdueDays).isZero();
    }

    @Test
    void anAlertNeedsAMonthPastDueAndEvenOdds() {
        assertThat(RISK.raises(29, 0.9)).isFalse();
        assertThat(RISK.raises(30, 0.49)).isFalse();
        assertThat(RISK.raises(30, 0.5)).isTrue();
    }

    @Test
    void refusesAMeaninglessModel() {
        assertThatThrownBy(() -> new ArrearsRisk(0, 20, 90, 30, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrearsRisk(1, 20, 90, 90, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrearsRisk(1, 20, 90, 30, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
