package org.gridwatch.core.value;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.PaymentOutcome;
import org.gridwatch.core.tariff.TariffPeriod;

/**
 * A ledger and a credit record wired as the monitor job will wire them: each bill and payment goes
 * to the ledger first, then its outcome to the credit record. China calendar: a month's bill is
 * issued on the 1st of the next month, due on the 20th at 00:00 Shanghai time.
 */
final class CreditAccount {

    static final BillingCalendar CALENDAR = BillingCalendar.CHINA;
    static final long DAY = 86_400_000L;

    /** This account checks an earlier bill's payment at the later bill's issue instant itself. */
    static final long CHECKED_AT_ISSUE = 0;

    final CustomerLedger ledger = new CustomerLedger();
    final CreditRecord credit = new CreditRecord();
    final CreditRules rules;
    final long unpaidCheckLagMillis;

    CreditAccount(CreditRules rules) {
        this(rules, CHECKED_AT_ISSUE);
    }

    /**
     * @param unpaidCheckLagMillis how long after a bill's issue its unpaid-bill check was made, as
     *     the job's allowed lateness sets it
     */
    CreditAccount(CreditRules rules, long unpaidCheckLagMillis) {
        this.rules = rules;
        this.unpaidCheckLagMillis = unpaidCheckLagMillis;
    }

    /** Issues the bill of {@code month} (yyyy-MM) at its issue instant. */
    void issue(String month, long amountFen) {
        BillStatement bill = statement(month, amountFen, "residential-tiered");
        if (ledger.issue(bill)) {
            credit.onBillIssued(bill.issuedMillis(), ledger, rules);
        }
    }

    PaymentOutcome pay(String paymentId, long tsMillis, long amountFen) {
        PaymentOutcome outcome = ledger.pay(paymentId, tsMillis, amountFen);
        credit.onPayment(outcome, tsMillis, ledger, rules, unpaidCheckLagMillis, CALENDAR);
        return outcome;
    }

    /** Customer C1's bill of {@code month} (yyyy-MM) for {@code amountFen}, China calendar. */
    static BillStatement statement(String month, long amountFen, String tariffId) {
        YearMonth m = YearMonth.parse(month);
        return new BillStatement(
                "C1",
                month,
                tariffId,
                new double[TariffPeriod.values().length],
                Set.of(TariffPeriod.FLAT),
                BigDecimal.ZERO,
                List.of(),
                amountFen,
                CALENDAR.issuedMillis(m),
                CALENDAR.dueMillis(m),
                BigDecimal.ZERO);
    }

    /** The due instant of the bill of {@code month}. */
    static long due(String month) {
        return CALENDAR.dueMillis(YearMonth.parse(month));
    }

    /** A month's bill issued and paid 10 days before it is due. */
    void billAndPayOnTime(String month, long amountFen) {
        issue(month, amountFen);
        pay("P-" + month, due(month) - 10 * DAY, amountFen);
    }
}
