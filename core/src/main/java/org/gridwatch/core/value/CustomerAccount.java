package org.gridwatch.core.value;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.gridwatch.core.arrears.PaymentHabit;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.PaymentOutcome;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.tariff.Charges;

/**
 * Everything kept of one customer between bills: the ledger (balance, open bills, payments seen),
 * the credit record, the billed history the value model reads and the paying habit the arrears risk
 * reads. Each event goes to the ledger first and its outcome to the credit record, in one place, so
 * the monitor job and the tests wire them the same way. Flink state, one per customer: public
 * no-arg constructor, public fields.
 */
public final class CustomerAccount {

    public CustomerLedger ledger = new CustomerLedger();
    public CreditRecord credit = new CreditRecord();
    public ValueHistory history = new ValueHistory();
    public PaymentHabit habit = new PaymentHabit();

    public CustomerAccount() {}

    /**
     * Issues a month's bill computed from {@code usage}.
     *
     * @return false, changing nothing, if the ledger had this month's bill already
     */
    public boolean onBill(BillStatement statement, MonthlyUsage usage, CreditRules rules) {
        return onBill(statement, usage, rules, true);
    }

    /**
     * Issues a month's bill computed from {@code usage}; where payments are not {@code followed}
     * (no payments stream), the ledger keeps it, for the year's tiers, but the credit record and
     * the paying habit never hear of it: a bill nobody could be seen to pay says nothing of the
     * customer.
     *
     * @return false, changing nothing, if the ledger had this month's bill already
     */
    public boolean onBill(
            BillStatement statement, MonthlyUsage usage, CreditRules rules, boolean followed) {
        if (!ledger.issue(statement)) {
            return false;
        }
        if (followed) {
            credit.onBillIssued(statement.issuedMillis(), ledger, rules);
            habit.onChange(statement.issuedMillis(), ledger.oldestOpenDueMillis());
        }
        history.onBill(usage.month(), statement.amountFen(), usage);
        return true;
    }

    /**
     * Applies a payment (negative: a reversal) and scores it; a duplicate changes nothing.
     *
     * @param unpaidCheckLagMillis how long after a bill's issue its unpaid-bill check is made
     *     ({@link CreditRecord#onPayment})
     * @param calendar when the bills were issued
     */
    public PaymentOutcome onPayment(
            String paymentId,
            long tsMillis,
            long amountFen,
            CreditRules rules,
            long unpaidCheckLagMillis,
            BillingCalendar calendar) {
        long overdueBefore = ledger.overdueFen(tsMillis);
        PaymentOutcome outcome = ledger.pay(paymentId, tsMillis, amountFen);
        credit.onPayment(outcome, tsMillis, ledger, rules, unpaidCheckLagMillis, calendar);
        switch (outcome) {
            case APPLIED ->
                    habit.onPayment(
                            tsMillis, amountFen, overdueBefore, ledger.oldestOpenDueMillis());
            case REVERSAL ->
                    habit.onReversal(
                            tsMillis,
                            -amountFen,
                            ledger.overdueFen(tsMillis),
                            ledger.oldestOpenDueMillis());
            case DUPLICATE -> {}
        }
        return outcome;
    }

    public void onInspection(Inspection inspection, CreditRules rules) {
        credit.onInspection(inspection, rules);
    }

    /** Whether the fleet can value this customer yet: it needs a bill. */
    public boolean isBilled() {
        return history.hasBills();
    }

    /**
     * The customer as the fleet sees it at {@code tsMillis}; only once {@link #isBilled}.
     *
     * @param offpeak what the off-peak variant of its tariff would save it
     * @param charges its tariff's charges, for the basic-charge advice (null if unknown)
     * @param zone the utility's time zone, in which demerits' end days are written
     */
    public CustomerStanding standing(
            Customer customer,
            long tsMillis,
            boolean monthClose,
            CreditRules rules,
            OffpeakOffer offpeak,
            Charges charges,
            ZoneId zone) {
        int since =
                customer.hasSince()
                        ? ValueHistory.indexOf(
                                YearMonth.from(LocalDate.ofEpochDay(customer.sinceEpochDay())))
                        : -1;
        return new CustomerStanding(
                customer.customerId(),
                customer.areaId(),
                customer.customerClass(),
                tsMillis,
                monthClose,
                history.latestYearMonth(),
                history.revenue12Fen(),
                history.energy12Wh(),
                history.trend(),
                history.loadFactor(),
                history.peakShare(),
                history.tenureYears(history.latestMonthIndex, since),
                credit.score(tsMillis, rules),
                credit.grade(tsMillis, rules),
                credit.theftCount,
                credit.theftUntilMillis > tsMillis,
                credit.daysPastDue(tsMillis),
                credit.lastInspectionMillis,
                customer.prepaid(),
                offpeak,
                history.volatility(),
                history.maxDemandKw12(),
                customer.contractKw(),
                credit.demeritsAt(tsMillis, zone),
                BasicChargeAdvice.of(
                        charges, customer.contractKw(), history.monthlyMaxQuarterMicroKwh()),
                false);
    }
}
