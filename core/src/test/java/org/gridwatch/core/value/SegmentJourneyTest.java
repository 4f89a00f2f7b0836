package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.core.value.CreditAccount.CALENDAR;
import static org.gridwatch.core.value.CreditAccount.DAY;
import static org.gridwatch.core.value.CreditAccount.due;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.PaymentOutcome;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed customers through every segment and grade transition, wired as the monitor job
 * wires them: {@link CustomerAccount} for the events, the standing it gives, the month's rule of
 * the ten-customer fleet of {@link ValueAndSegmentTest} (high use from 9 000 CNY a year, moderate
 * from 6 000). Each customer pays 1 000 CNY a month: 12 000 CNY a year, high use.
 */
class SegmentJourneyTest {

    static final CreditRules CREDIT = CreditRules.DEFAULTS;
    static final SegmentRule RULE = ValueAndSegmentTest.RULE;
    static final Customer FACTORY =
            new Customer(
                    "C1",
                    "M1",
                    CustomerClass.GENERAL_INDUSTRY,
                    "A001",
                    "general-industry-tou",
                    false,
                    200,
                    Customer.UNKNOWN_SINCE);

    final CustomerAccount account = new CustomerAccount();

    void bill(String month) {
        account.onBill(
                CreditAccount.statement(month, 100_000, FACTORY.tariffId()),
                MonthlyUsage.of(YearMonth.parse(month), CALENDAR),
                CREDIT);
    }

    PaymentOutcome pay(String id, long tsMillis, long fen) {
        return account.onPayment(
                id, tsMillis, fen, CREDIT, CreditAccount.CHECKED_AT_ISSUE, CreditAccount.CALENDAR);
    }

    /** 2025 billed and every bill paid ten days early: a streak of 12, +10, score 90, A. */
    void aGoodYear() {
        for (int m = 1; m <= 12; m++) {
            String month = "2025-%02d".formatted(m);
            bill(month);
            pay("P-" + month, due(month) - 10 * DAY, 100_000);
        }
    }

    SegmentChange at(long nowMillis) {
        CustomerStanding s =
                account.standing(
                        FACTORY,
                        nowMillis,
                        false,
                        CREDIT,
                        OffpeakOffer.NONE,
                        null,
                        ZoneOffset.ofHours(8));
        return RULE.assess(
                s, Valued.of(s.revenue12Fen(), 0.95, 0.5), Strategies.DEFAULTS, nowMillis, null);
    }

    static long at(String local) {
        return OffsetDateTime.parse(local + ":00+08:00").toInstant().toEpochMilli();
    }

    @Test
    void aBouncedPaymentMakesAHighCustomerMediumUntilOnTimeBillsOutweighIt() {
        aGoodYear();
        assertThat(at(at("2026-01-10T12:00")))
                .returns(Segment.HIGH, SegmentChange::segment)
                .returns(90, SegmentChange::creditScore);

        bill("2026-01");
        pay("P-2026-01", at("2026-02-10T09:00"), 100_000);
        assertThat(pay("P-2026-01", at("2026-02-12T09:00"), -100_000))
                .isEqualTo(PaymentOutcome.REVERSAL);
        // −8 for the bounced payment, and the streak starts again: 80 − 8 = 72, B, below 80
        SegmentChange bounced = at(at("2026-02-12T09:00"));
        assertThat(bounced.creditScore()).isEqualTo(72);
        assertThat(bounced.creditGrade()).isEqualTo(CreditGrade.B);
        assertThat(bounced.segment()).isEqualTo(Segment.MEDIUM);
        // A factory already on time of use has no off-peak variant to be offered.
        assertThat(bounced.strategyList()).containsExactly("HOTLINE_95598");

        // paid again before the due date: on time, +2 → 74
        pay("P-2026-01-again", at("2026-02-15T09:00"), 100_000);
        assertThat(at(at("2026-02-15T09:00")).creditScore()).isEqualTo(74);

        // February and March on time: 76, 78, MEDIUM still; April: 80, the start score again,
        // HIGH in grade B
        for (int m = 2; m <= 3; m++) {
            String month = "2026-%02d".formatted(m);
            bill(month);
            pay("P-" + month, due(month) - 10 * DAY, 100_000);
        }
        assertThat(at(due("2026-03")))
                .returns(78, SegmentChange::creditScore)
                .returns(Segment.MEDIUM, SegmentChange::segment);
        bill("2026-04");
        pay("P-2026-04", due("2026-04") - 10 * DAY, 100_000);
        assertThat(at(due("2026-04")))
                .returns(80, SegmentChange::creditScore)
                .returns(CreditGrade.B, SegmentChange::creditGrade)
                .returns(Segment.HIGH, SegmentChange::segment);
    }

    @Test
    void aDemeritExpiringMovesTheGradeWithoutAnyEvent() {
        aGoodYear();
        bill("2026-01");
        pay("P-2026-01", at("2026-02-10T09:00"), 100_000);
        pay("P-2026-01", at("2026-02-12T09:00"), -100_000); // bounced: −8
        pay("P-2026-01-again", at("2026-02-15T09:00"), 100_000);
        // February to December 2026 on time: the streak reaches its +10 cap: 80 + 10 − 8 = 82
        for (int m = 2; m <= 12; m++) {
            String month = "2026-%02d".formatted(m);
            bill(month);
            pay("P-" + month, due(month) - 10 * DAY, 100_000);
        }
        long expiry = at("2026-02-12T09:00") + 365 * DAY;
        assertThat(at(expiry - 1))
                .returns(82, SegmentChange::creditScore)
                .returns(CreditGrade.B, SegmentChange::creditGrade);
        assertThat(account.credit.nextChangeMillis(expiry - 1, CREDIT, Strategies.DEFAULTS))
                .isEqualTo(expiry);
        assertThat(at(expiry))
                .returns(90, SegmentChange::creditScore)
                .returns(CreditGrade.A, SegmentChange::creditGrade)
                .returns(Segment.HIGH, SegmentChange::segment);
        assertThat(at(expiry).changesFrom(at(expiry - 1))).as("a grade change is news").isTrue();
    }

    @Test
    void aDuplicatePaymentChangesNeitherTheBalanceNorTheCredit() {
        aGoodYear();
        bill("2026-01");
        pay("P-2026-01", at("2026-02-10T09:00"), 100_000);
        long balance = account.ledger.balanceFen();
        SegmentChange before = at(at("2026-02-11T09:00"));

        assertThat(pay("P-2026-01", at("2026-02-11T09:00"), 100_000))
                .isEqualTo(PaymentOutcome.DUPLICATE);

        assertThat(account.ledger.balanceFen()).isEqualTo(balance);
        assertThat(at(at("2026-02-11T09:00"))).isEqualTo(before);
    }

    @Test
    void anUnpaidBillEscalatesAndAfterThreeMonthsTheGradeIsCWhateverTheScore() {
        aGoodYear();
        // A seasonal customer: January's bill, due 2026-02-20, is its last for a while and is
        // not paid. No new bill comes, so no unpaid-bill demerit: the score stays 90.
        bill("2026-01");
        long due = due("2026-01");

        assertThat(account.credit.nextChangeMillis(due, CREDIT, Strategies.DEFAULTS))
                .isEqualTo(due + 30 * DAY);
        assertThat(at(due + 30 * DAY - 1).strategyList()).doesNotContain("WARNING");
        assertThat(at(due + 30 * DAY))
                .returns(Segment.HIGH, SegmentChange::segment)
                .returns(90, SegmentChange::creditScore);
        assertThat(at(due + 30 * DAY).strategyList()).endsWith("WARNING");
        assertThat(account.credit.nextChangeMillis(due + 30 * DAY, CREDIT, Strategies.DEFAULTS))
                .isEqualTo(due + 60 * DAY);
        assertThat(at(due + 60 * DAY).strategyList()).endsWith("RESTRICTION");

        // 90 days: automatic C, the score shown at most 69: LOW_RISKY, with the notice
        SegmentChange cut = at(due + 90 * DAY);
        assertThat(cut.creditGrade()).isEqualTo(CreditGrade.C);
        assertThat(cut.creditScore()).isEqualTo(69);
        assertThat(cut.segment()).isEqualTo(Segment.LOW_RISKY);
        assertThat(cut.strategyList())
                .containsExactly("PREPAID_METER", "COLLECTION_FOLLOWUP", "DISCONNECTION_NOTICE");

        // Paid 94 days late: −12, no arrears left; 80 − 12 = 68, still C by score
        long paid = due + 94 * DAY;
        pay("P-2026-01", paid, 100_000);
        SegmentChange after = at(paid);
        assertThat(after.creditScore()).isEqualTo(68);
        assertThat(after.segment()).isEqualTo(Segment.LOW_RISKY);
        assertThat(after.strategyList()).containsExactly("PREPAID_METER", "COLLECTION_FOLLOWUP");
    }

    @Test
    void confirmedTheftIsCForTwoYearsAndInspectedForEver() {
        aGoodYear();
        long found = at("2026-03-05T10:00");
        account.onInspection(
                new Inspection("C1", "A-7", found, InspectionOutcome.NO_FINDING), CREDIT);
        assertThat(at(found).segment()).isEqualTo(Segment.HIGH);

        account.onInspection(
                new Inspection("C1", "A-8", found, InspectionOutcome.CONFIRMED_THEFT), CREDIT);
        SegmentChange caught = at(found);
        // −30 and the streak ends: 80 − 30 = 50, C; a first offence: warned
        assertThat(caught.creditScore()).isEqualTo(50);
        assertThat(caught.segment()).isEqualTo(Segment.LOW_RISKY);
        assertThat(caught.strategyList())
                .containsExactly(
                        "PREPAID_METER", "COLLECTION_FOLLOWUP", "PERIODIC_INSPECTION", "WARNING");
        // inspected again a quarter after the visit that found it
        assertThat(caught.nextInspectionMillis()).isEqualTo(found + 90 * DAY);

        // Two years of bills paid on time: still C until the lock ends, then 80 + 10 = 90, A
        for (int m = 1; m <= 24; m++) {
            String month = "%d-%02d".formatted(2026 + (m - 1) / 12, (m - 1) % 12 + 1);
            bill(month);
            pay("P-" + month, due(month) - 10 * DAY, 100_000);
        }
        long lockEnds = found + 730 * DAY;
        assertThat(at(lockEnds - 1).creditGrade()).isEqualTo(CreditGrade.C);
        SegmentChange free = at(lockEnds);
        assertThat(free.creditScore()).isEqualTo(90);
        assertThat(free.segment()).isEqualTo(Segment.HIGH);
        assertThat(free.strategyList())
                .containsExactly(
                        "ACCOUNT_MANAGER",
                        "VIP_CHANNEL",
                        "OUTAGE_NOTICE_FIRST",
                        "PERIODIC_INSPECTION");
        // an older theft: every half year after the latest visit
        assertThat(free.nextInspectionMillis()).isEqualTo(found + 180 * DAY);
    }
}
