package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.core.value.CreditAccount.DAY;
import static org.gridwatch.core.value.CreditAccount.due;

import org.gridwatch.core.billing.PaymentOutcome;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.junit.jupiter.api.Test;

class CreditRecordTest {

    static final CreditRules RULES = CreditRules.DEFAULTS;
    static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    /** The defaults with other unpaid-bill and theft demerits, to isolate the overrides. */
    static CreditRules rulesWith(int unpaidPoints, int theftPoints) {
        CreditRules d = CreditRules.DEFAULTS;
        return new CreditRules(
                d.startScore(),
                d.gradeAMin(),
                d.gradeBMin(),
                d.lateShortMaxDays(),
                d.lateMediumMaxDays(),
                d.lateShortPoints(),
                d.lateMediumPoints(),
                d.lateLongPoints(),
                unpaidPoints,
                d.bouncedPoints(),
                theftPoints,
                d.demeritLifeMillis(),
                d.onTimeCreditPoints(),
                d.onTimeCreditCap(),
                d.autoCDaysPastDue(),
                d.theftLockMillis());
    }

    @Test
    void aNewCustomerStartsInGradeBWithScore80() {
        CreditRecord credit = new CreditRecord();

        assertThat(credit.score(due("2026-01"), RULES)).isEqualTo(80);
        assertThat(credit.grade(due("2026-01"), RULES)).isEqualTo(CreditGrade.B);
    }

    @Test
    void fivePaymentsOnTimeRaiseANewCustomerToGradeAAndTheCreditIsCapped() {
        CreditAccount account = new CreditAccount(RULES);
        for (String month : new String[] {"2026-01", "2026-02", "2026-03", "2026-04"}) {
            account.billAndPayOnTime(month, 10_000);
        }
        long now = due("2026-04") + DAY;
        // 80 + 4 × 2 = 88: still B
        assertThat(account.credit.score(now, RULES)).isEqualTo(88);
        assertThat(account.credit.grade(now, RULES)).isEqualTo(CreditGrade.B);

        account.billAndPayOnTime("2026-05", 10_000);
        account.billAndPayOnTime("2026-06", 10_000);
        now = due("2026-06") + DAY;
        // 80 + min(6 × 2, 10) = 90: A
        assertThat(account.credit.onTimeStreak).isEqualTo(6);
        assertThat(account.credit.score(now, RULES)).isEqualTo(90);
        assertThat(account.credit.grade(now, RULES)).isEqualTo(CreditGrade.A);
    }

    @Test
    void payingFiveDaysLateCostsThreePointsAndEndsTheStreak() {
        CreditAccount account = new CreditAccount(RULES);
        account.billAndPayOnTime("2026-01", 10_000); // 82
        account.issue("2026-02", 10_000);
        // due 2026-03-20 00:00; paid 5 days and 12 hours later: 5 whole days, the short band
        account.pay("P2", due("2026-02") + 5 * DAY + 12 * 3_600_000L, 10_000);

        long now = due("2026-02") + 6 * DAY;
        assertThat(account.credit.onTimeStreak).isZero();
        assertThat(account.credit.score(now, RULES)).isEqualTo(77); // 80 + 0 − 3
        assertThat(account.credit.grade(now, RULES)).isEqualTo(CreditGrade.B);
    }

    @Test
    void payingOnTheDueDayItselfCountsAsOnTime() {
        CreditRecord credit = new CreditRecord();
        long due = due("2026-01");

        credit.onBillPaid(due, due + DAY - 1, RULES); // 23:59:59.999 of the due day: 0 whole days

        assertThat(credit.onTimeStreak).isEqualTo(1);
        assertThat(credit.score(due + DAY, RULES)).isEqualTo(82);
    }

    @Test
    void aLatePaymentDemeritDropsTheGradeToCAndItsExpiryAYearLaterBringsBBack() {
        CreditRecord credit = new CreditRecord();
        long due = due("2026-01");
        long paid = due + 33 * DAY; // beyond 30 days: the long band, 12 points

        credit.onBillPaid(due, paid, RULES);

        assertThat(credit.score(paid, RULES)).isEqualTo(68); // 80 − 12
        assertThat(credit.grade(paid, RULES)).isEqualTo(CreditGrade.C);
        long expiry = paid + 365 * DAY;
        assertThat(credit.grade(expiry - 1, RULES)).isEqualTo(CreditGrade.C);
        assertThat(credit.score(expiry, RULES)).isEqualTo(80);
        assertThat(credit.grade(expiry, RULES)).isEqualTo(CreditGrade.B);
    }

    @Test
    void theLateBandsCostThreeSixAndTwelvePoints() {
        assertThat(RULES.latePoints(0)).isZero();
        assertThat(RULES.latePoints(1)).isEqualTo(3);
        assertThat(RULES.latePoints(15)).isEqualTo(3);
        assertThat(RULES.latePoints(16)).isEqualTo(6);
        assertThat(RULES.latePoints(30)).isEqualTo(6);
        assertThat(RULES.latePoints(31)).isEqualTo(12);
    }

    @Test
    void aBillStillOpenWhenTheNextIsIssuedCostsTenPointsEachMonth() {
        CreditAccount account = new CreditAccount(RULES);
        account.issue("2026-01", 10_000); // due 2026-02-20
        account.issue("2026-02", 10_000); // issued 2026-03-01: January overdue, −10 → 70
        long now = account.credit.oldestOpenDueMillis + 10 * DAY;
        assertThat(account.credit.score(now, RULES)).isEqualTo(70);
        assertThat(account.credit.grade(now, RULES)).isEqualTo(CreditGrade.B);

        account.issue("2026-03", 10_000); // 2026-04-01: still open, −10 → 60
        assertThat(account.credit.score(due("2026-03"), RULES)).isEqualTo(60);
        assertThat(account.credit.demeritCount).isEqualTo(2);
    }

    @Test
    void billsUnpaidForThreeMonthsMakeTheGradeCWhateverTheScore() {
        // A lenient utility: 2 points per unpaid month, so the score alone would stay in B.
        CreditRules lenient = rulesWith(2, 30);
        CreditAccount account = new CreditAccount(lenient);
        account.issue("2026-01", 10_000); // due 2026-02-20 00:00
        account.issue("2026-02", 10_000); // −2
        account.issue("2026-03", 10_000); // −2
        account.issue("2026-04", 10_000); // −2 → 74

        long day89 = due("2026-01") + 90 * DAY - 1;
        assertThat(account.credit.daysPastDue(day89)).isEqualTo(89);
        assertThat(account.credit.score(day89, lenient)).isEqualTo(74);
        assertThat(account.credit.grade(day89, lenient)).isEqualTo(CreditGrade.B);

        long day90 = due("2026-01") + 90 * DAY; // 2026-05-21 00:00
        assertThat(account.credit.grade(day90, lenient)).isEqualTo(CreditGrade.C);
        assertThat(account.credit.score(day90, lenient)).isEqualTo(69); // held below B

        // Paying everything on 2026-05-22 ends the override, and each of the four bills was paid
        // late: January 91 days (−12), February 63 (−12), March 32 (−12), April 2 (−3):
        // 74 − 39 = 35, C by the score now.
        account.pay("P-all", day90 + DAY, 40_000);
        assertThat(account.credit.daysPastDue(day90 + DAY)).isZero();
        assertThat(account.credit.score(day90 + DAY, lenient)).isEqualTo(35);
        assertThat(account.credit.grade(day90 + DAY, lenient)).isEqualTo(CreditGrade.C);
    }

    /** A week, the job's default allowed lateness: a bill is checked a week after its issue. */
    static final long WEEK = 7 * DAY;

    @Test
    void aPaymentMadeBeforeTheNextBillButReceivedAfterItTakesBackTheUnpaidBillDemerit() {
        // In time order: January's bill paid on 2026-02-28, 8 days late (−3), then February's
        // issued on 2026-03-01 with nothing overdue: 77.
        CreditAccount inOrder = new CreditAccount(RULES);
        inOrder.issue("2026-01", 10_000);
        inOrder.pay("P1", due("2026-01") + 8 * DAY, 10_000);
        inOrder.issue("2026-02", 10_000);

        // The same payment reaches the account after February's bill (a payments feed a day
        // behind): February's check found January overdue (−10), the payment takes it back.
        CreditAccount received = new CreditAccount(RULES);
        received.issue("2026-01", 10_000);
        received.issue("2026-02", 10_000);
        long now = due("2026-02") - DAY;
        assertThat(received.credit.score(now, RULES)).isEqualTo(70);
        received.pay("P1", due("2026-01") + 8 * DAY, 10_000);

        assertThat(received.credit.score(now, RULES)).isEqualTo(80 - 3);
        assertThat(inOrder.credit.score(now, RULES)).isEqualTo(80 - 3);
        assertThat(received.credit.demeritsAt(now, ZONE))
                .containsExactly("LATE_PAYMENT -3 until 2027-02-28")
                .isEqualTo(inOrder.credit.demeritsAt(now, ZONE));
    }

    @Test
    void aPaymentCountsBeforeTheCheckUntilTheCheckIsMadeNotUntilTheIssue() {
        // February's bill is issued on 2026-03-01 and, with a week's lateness, checked on the 8th.
        // January's bill paid on 2026-03-05 (13 days late, −3) and received after the check:
        // in time order it came before the check, so the check's −10 is taken back.
        CreditAccount checkedAWeekLater = new CreditAccount(RULES, WEEK);
        checkedAWeekLater.issue("2026-01", 10_000);
        checkedAWeekLater.issue("2026-02", 10_000);
        checkedAWeekLater.pay("P1", due("2026-01") + 13 * DAY, 10_000);
        long now = due("2026-02") - DAY;
        assertThat(checkedAWeekLater.credit.score(now, RULES)).isEqualTo(80 - 3);

        // Checked at the issue itself, the same payment came after the check: −10 − 3.
        CreditAccount checkedAtIssue = new CreditAccount(RULES);
        checkedAtIssue.issue("2026-01", 10_000);
        checkedAtIssue.issue("2026-02", 10_000);
        checkedAtIssue.pay("P1", due("2026-01") + 13 * DAY, 10_000);
        assertThat(checkedAtIssue.credit.score(now, RULES)).isEqualTo(80 - 10 - 3);
    }

    @Test
    void aPartPaymentThatLeavesTheOverdueBillOpenTakesNothingBack() {
        CreditAccount account = new CreditAccount(RULES, WEEK);
        account.issue("2026-01", 10_000);
        account.issue("2026-02", 10_000); // January overdue at the check: −10
        account.pay("P1", due("2026-01") + 8 * DAY, 6_000); // before the check, 40.00 CNY short

        long now = due("2026-02") - DAY;
        assertThat(account.credit.score(now, RULES)).isEqualTo(80 - 10);
        assertThat(account.credit.demeritsAt(now, ZONE))
                .containsExactly("UNPAID_BILL -10 until 2027-03-01");
    }

    @Test
    void aPaymentTakesBackOnlyTheChecksItPreceded() {
        // Nothing paid for January, February and March: the checks of 2026-03-01 and 2026-04-01
        // cost −10 each. Everything paid on 2026-04-03, received after the April check (which a
        // week's lateness makes on 2026-04-08): that check is taken back, March's is not.
        CreditAccount account = new CreditAccount(RULES, WEEK);
        account.issue("2026-01", 10_000);
        account.issue("2026-02", 10_000);
        account.issue("2026-03", 10_000);
        long paid = due("2026-01") + 42 * DAY; // 2026-04-03: January 42 days late, February 14
        account.pay("P1", paid, 30_000);

        // January −12 (beyond 30 days), February −3 (within 15), March's paid before its due
        // date: a streak of 1 after the last demerit, +2
        assertThat(account.credit.score(paid, RULES)).isEqualTo(80 + 2 - 10 - 12 - 3);
        assertThat(account.credit.demeritsAt(paid, ZONE))
                .containsExactlyInAnyOrder(
                        "UNPAID_BILL -10 until 2027-03-01",
                        "LATE_PAYMENT -12 until 2027-04-03",
                        "LATE_PAYMENT -3 until 2027-04-03");
    }

    @Test
    void aReversalMadeBeforeTheNextBillsCheckButReceivedAfterItCostsTheCheckItWouldHaveFailed() {
        // In time order: January's bill (due 2026-02-20) paid on 2026-02-10, on time (+2); the
        // payment reversed on 2026-02-25 (−8, the streak ends, January overdue again); February's
        // bill issued on 2026-03-01 and checked a week later finds January overdue (−10): 62.
        CreditAccount inOrder = new CreditAccount(RULES, WEEK);
        inOrder.issue("2026-01", 10_000);
        inOrder.pay("P1", due("2026-01") - 10 * DAY, 10_000);
        inOrder.pay("P1", due("2026-01") + 5 * DAY, -10_000);
        inOrder.issue("2026-02", 10_000);

        // The reversal reaches the account after February's check (a bank's return file that
        // lags): the check found nothing, and the reversal costs what it would have found.
        CreditAccount received = new CreditAccount(RULES, WEEK);
        received.issue("2026-01", 10_000);
        received.pay("P1", due("2026-01") - 10 * DAY, 10_000);
        received.issue("2026-02", 10_000);
        long now = due("2026-02") - DAY;
        assertThat(received.credit.score(now, RULES)).isEqualTo(82);
        received.pay("P1", due("2026-01") + 5 * DAY, -10_000);

        assertThat(inOrder.credit.score(now, RULES)).isEqualTo(80 - 8 - 10);
        assertThat(received.credit.score(now, RULES)).isEqualTo(80 - 8 - 10);
        assertThat(received.credit.demeritsAt(now, ZONE))
                .containsExactly(
                        "BOUNCED_PAYMENT -8 until 2027-02-25", "UNPAID_BILL -10 until 2027-03-01")
                .isEqualTo(inOrder.credit.demeritsAt(now, ZONE));
    }

    @Test
    void aLateReversalCostsEveryLaterCheckItPrecededWhileTheBillStaysOpen() {
        // January paid on time on 2026-02-10; February's and March's bills issued (checked on
        // 2026-03-08 and 2026-04-08, nothing overdue). The reversal, made on 2026-02-25, arrives
        // after both: January was overdue at both checks, −10 each, as in time order.
        CreditAccount account = new CreditAccount(RULES, WEEK);
        account.issue("2026-01", 10_000);
        account.pay("P1", due("2026-01") - 10 * DAY, 10_000);
        account.issue("2026-02", 10_000);
        account.issue("2026-03", 10_000);
        account.pay("P1", due("2026-01") + 5 * DAY, -10_000);

        long now = due("2026-03") - DAY;
        assertThat(account.credit.score(now, RULES)).isEqualTo(80 - 8 - 10 - 10);
        assertThat(account.credit.demeritsAt(now, ZONE))
                .containsExactly(
                        "BOUNCED_PAYMENT -8 until 2027-02-25",
                        "UNPAID_BILL -10 until 2027-03-01",
                        "UNPAID_BILL -10 until 2027-04-01");
    }

    @Test
    void aReversalMadeAfterTheCheckCostsOnlyItsOwnDemerit() {
        // February's bill is issued on 2026-03-01 and, with a week's lateness, checked on the 8th.
        // January paid on time, the payment reversed on 2026-03-05, received after the check: in
        // time order the reversal came before the check, so the check would have failed (−10).
        CreditAccount checkedAWeekLater = new CreditAccount(RULES, WEEK);
        checkedAWeekLater.issue("2026-01", 10_000);
        checkedAWeekLater.pay("P1", due("2026-01") - 10 * DAY, 10_000);
        checkedAWeekLater.issue("2026-02", 10_000);
        checkedAWeekLater.pay("P1", due("2026-01") + 13 * DAY, -10_000);
        long now = due("2026-02") - DAY;
        assertThat(checkedAWeekLater.credit.score(now, RULES)).isEqualTo(80 - 8 - 10);

        // Checked at the issue itself, the same reversal came after the check: −8 alone.
        CreditAccount checkedAtIssue = new CreditAccount(RULES);
        checkedAtIssue.issue("2026-01", 10_000);
        checkedAtIssue.pay("P1", due("2026-01") - 10 * DAY, 10_000);
        checkedAtIssue.issue("2026-02", 10_000);
        checkedAtIssue.pay("P1", due("2026-01") + 13 * DAY, -10_000);
        assertThat(checkedAtIssue.credit.score(now, RULES)).isEqualTo(80 - 8);
        assertThat(checkedAtIssue.credit.demeritsAt(now, ZONE))
                .containsExactly("BOUNCED_PAYMENT -8 until 2027-03-05");
    }

    @Test
    void aLateReversalAddsNothingToACheckThatFoundTheBillOverdueAnyway() {
        // January never paid: February's check cost −10. A payment of 2026-03-20 for part of it,
        // reversed the same day and received after March's bill: January was overdue at both
        // checks whatever the payment did; March's check already cost −10 too. Only the −8 is new.
        CreditAccount account = new CreditAccount(RULES, WEEK);
        account.issue("2026-01", 10_000);
        account.issue("2026-02", 10_000);
        account.pay("P1", due("2026-02") - 5 * DAY, 5_000);
        account.issue("2026-03", 10_000);
        long now = due("2026-03") - DAY;
        assertThat(account.credit.score(now, RULES)).isEqualTo(80 - 10 - 10);

        account.pay("P1", due("2026-02") - 5 * DAY, -5_000);

        assertThat(account.credit.score(now, RULES)).isEqualTo(80 - 10 - 10 - 8);
    }

    @Test
    void aDuplicatePaymentChangesNothing() {
        CreditAccount account = new CreditAccount(RULES);
        account.billAndPayOnTime("2026-01", 10_000); // P-2026-01, streak 1 → 82
        account.issue("2026-02", 10_000);

        PaymentOutcome again = account.pay("P-2026-01", due("2026-02") - DAY, 10_000);

        assertThat(again).isEqualTo(PaymentOutcome.DUPLICATE);
        assertThat(account.ledger.balanceFen()).isEqualTo(10_000); // February still owed
        assertThat(account.credit.onTimeStreak).isEqualTo(1);
        assertThat(account.credit.oldestOpenDueMillis).isEqualTo(due("2026-02"));
        assertThat(account.credit.score(due("2026-02"), RULES)).isEqualTo(82);
    }

    @Test
    void aBouncedPaymentCostsEightPointsOnceEvenWhenTheReversalArrivesTwice() {
        CreditAccount account = new CreditAccount(RULES);
        account.issue("2026-01", 10_000);
        long due = due("2026-01");
        account.pay("P1", due - 10 * DAY, 10_000); // on time: 82

        assertThat(account.pay("P1", due - 5 * DAY, -10_000)).isEqualTo(PaymentOutcome.REVERSAL);
        assertThat(account.pay("P1", due - 5 * DAY, -10_000)).isEqualTo(PaymentOutcome.DUPLICATE);

        // 80 + 0 (streak ended) − 8
        assertThat(account.credit.score(due - 4 * DAY, RULES)).isEqualTo(72);
        assertThat(account.credit.oldestOpenDueMillis).isEqualTo(due); // January open again
        account.pay("P2", due - 2 * DAY, 10_000); // paid again, still on time: 80 + 2 − 8
        assertThat(account.credit.score(due, RULES)).isEqualTo(74);
    }

    @Test
    void confirmedTheftMeansGradeCForTwoYearsDespiteAPerfectStreakThenPromotion() {
        CreditAccount account = new CreditAccount(RULES);
        account.billAndPayOnTime("2026-01", 10_000);
        long theft = due("2026-01") + DAY;
        account.credit.onConfirmedTheft(theft, RULES); // 80 − 30 = 50
        assertThat(account.credit.grade(theft, RULES)).isEqualTo(CreditGrade.C);
        assertThat(account.credit.score(theft, RULES)).isEqualTo(50);

        // Two years of bills paid on time: streak credit is capped at +10.
        for (int i = 2; i <= 24; i++) {
            account.billAndPayOnTime(
                    "%d-%02d".formatted(2026 + (i - 1) / 12, (i - 1) % 12 + 1), 10_000);
        }
        long lockEnds = theft + 730 * DAY;
        assertThat(account.credit.hasTheftHistory()).isTrue();
        assertThat(account.credit.grade(lockEnds - 1, RULES)).isEqualTo(CreditGrade.C);
        assertThat(account.credit.score(lockEnds - 1, RULES)).isEqualTo(60); // 80 + 10 − 30

        assertThat(account.credit.score(lockEnds, RULES)).isEqualTo(90);
        assertThat(account.credit.grade(lockEnds, RULES)).isEqualTo(CreditGrade.A);
    }

    @Test
    void theTheftLockAloneHoldsTheGradeAtCEvenWithoutTheftPoints() {
        CreditRules noPoints = rulesWith(10, 0);
        CreditRecord credit = new CreditRecord();
        long theft = due("2026-01");
        credit.onConfirmedTheft(theft, noPoints);
        for (int i = 1; i <= 5; i++) {
            credit.onBillPaid(theft + i * 30 * DAY, theft + i * 30 * DAY - DAY, noPoints);
        }
        long later = theft + 200 * DAY;

        assertThat(credit.grade(later, noPoints)).isEqualTo(CreditGrade.C);
        assertThat(credit.score(later, noPoints)).isEqualTo(69); // 90 by the points, held below B
        assertThat(credit.grade(theft + 730 * DAY, noPoints)).isEqualTo(CreditGrade.A);
    }

    @Test
    void expiredDemeritsAreForgottenWhenTheNextOneComes() {
        CreditRecord credit = new CreditRecord();
        long t = due("2026-01");
        credit.onBouncedPayment(t, RULES);
        credit.onBouncedPayment(t + DAY, RULES);
        credit.onBouncedPayment(t + 400 * DAY, RULES); // the first two have expired

        assertThat(credit.demeritCount).isEqualTo(1);
        assertThat(credit.score(t + 400 * DAY, RULES)).isEqualTo(72);
    }

    @Test
    void theDemeritListNeverGrowsBeyondItsLimit() {
        CreditRecord credit = new CreditRecord();
        long t = due("2026-01");
        for (int i = 0; i < 40; i++) {
            credit.onBouncedPayment(t + i * DAY, RULES);
        }
        assertThat(credit.demeritCount).isEqualTo(CreditRecord.MAX_DEMERITS);
        assertThat(credit.demeritKinds).hasSize(CreditRecord.MAX_DEMERITS);
        assertThat(credit.score(t + 40 * DAY, RULES)).isZero();
    }

    @Test
    void aBillCoveredByCreditOnTheAccountCountsAsPaidOnTime() {
        CreditAccount account = new CreditAccount(RULES);
        account.pay("P-advance", due("2026-01") - 40 * DAY, 30_000); // before any bill
        account.issue("2026-01", 10_000);
        account.issue("2026-02", 10_000);

        assertThat(account.ledger.balanceFen()).isEqualTo(-10_000);
        assertThat(account.credit.onTimeStreak).isEqualTo(2);
        assertThat(account.credit.score(due("2026-02"), RULES)).isEqualTo(84);
    }

    @Test
    void onlyAnInspectionConfirmingTheftCountsAgainstCredit() {
        CreditRecord credit = new CreditRecord();
        long t = due("2026-01");
        credit.onInspection(new Inspection("C1", "A1", t, InspectionOutcome.NO_FINDING), RULES);
        credit.onInspection(new Inspection("C1", null, t, InspectionOutcome.METER_FAULT), RULES);
        assertThat(credit.hasTheftHistory()).isFalse();
        assertThat(credit.grade(t, RULES)).isEqualTo(CreditGrade.B);

        credit.onInspection(
                new Inspection("C1", "A2", t, InspectionOutcome.CONFIRMED_THEFT), RULES);
        assertThat(credit.hasTheftHistory()).isTrue();
        assertThat(credit.theftUntilMillis).isEqualTo(t + 730 * DAY);
        assertThat(credit.grade(t, RULES)).isEqualTo(CreditGrade.C);
    }
}
