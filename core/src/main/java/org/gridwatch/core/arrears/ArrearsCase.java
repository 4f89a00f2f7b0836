package org.gridwatch.core.arrears;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.OpenBill;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Severity;

/**
 * A customer's one ARREARS alert, as the customer operator keeps it. It opens when {@link
 * ArrearsRisk#raises} (the oldest open bill at least a month past due and likely still unpaid at 90
 * days); it is emitted again, with the same id, when the chance moves by {@link #MATERIAL}, its
 * severity changes or a bill joins or leaves the unpaid ones; it closes when the oldest open bill
 * is no longer {@link ArrearsRisk#minDaysPastDue} days past due (paid, or paid down to a recent
 * bill). Its id is {@code arrears:<customer>:<yyyyMMdd of the day it opened>}.
 *
 * <p>Pre-paid customers pay before they use: a balance running out is a remote cut-off, not
 * arrears. They get no ARREARS alert, and one open when the master made the customer pre-paid is
 * closed.
 *
 * <p>A Flink POJO.
 */
public final class ArrearsCase {

    /** A change of the chance worth telling the collectors. */
    static final double MATERIAL = 0.05;

    /**
     * HIGH from this chance with at least {@link #HIGH_CNY} overdue, or at the horizon. The
     * severity figures are judgement, not fitted, in the manner of THEFT's ({@code TheftCase}):
     * 1,000 CNY is several months of a household's bills, 100 CNY expected loss about one.
     */
    static final double HIGH_CHANCE = 0.8;

    static final double HIGH_CNY = 1000;

    /** MEDIUM from this expected loss (chance × overdue CNY), or from {@link #HIGH_CHANCE}. */
    static final double MEDIUM_EXPECTED_CNY = 100;

    public String alertId;
    public double emittedChance;
    public Severity emittedSeverity;
    public int emittedOpenBills;

    public ArrearsCase() {}

    /**
     * Looks at the account at {@code nowMillis} and returns the alert to emit, if any.
     *
     * @param habit the customer's paying habit, told of every change of the ledger
     */
    public Alert assess(
            Customer customer,
            CustomerLedger ledger,
            PaymentHabit habit,
            long nowMillis,
            ZoneId zone,
            ArrearsRisk risk,
            LatePaymentPenalty penalty) {
        long daysPastDue = ledger.daysPastDue(nowMillis);
        boolean inArrears = !customer.prepaid() && daysPastDue >= risk.minDaysPastDue();
        if (!inArrears && alertId == null) {
            return null;
        }
        double chance =
                customer.prepaid()
                        ? 0
                        : risk.unpaidAtHorizon(habit, ledger.oldestOpenDueMillis(), nowMillis);
        if (alertId == null && !risk.raises(daysPastDue, chance)) {
            return null;
        }
        Owed owed = Owed.of(ledger, customer, nowMillis, zone, penalty);
        if (!inArrears) {
            Alert closed =
                    emit(
                            customer,
                            ledger,
                            habit,
                            nowMillis,
                            daysPastDue,
                            chance,
                            Severity.LOW,
                            owed,
                            AlertStatus.CLOSED);
            alertId = null;
            return closed;
        }
        Severity severity = severity(chance, daysPastDue, owed.overdueFen, risk);
        AlertStatus status;
        if (alertId == null) {
            alertId =
                    Alert.idOf(
                            "arrears",
                            customer.customerId(),
                            Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate());
            status = AlertStatus.OPEN;
        } else if (Math.abs(chance - emittedChance) >= MATERIAL
                || severity != emittedSeverity
                || owed.bills.size() != emittedOpenBills) {
            status = AlertStatus.UPDATED;
        } else {
            return null;
        }
        return emit(
                customer, ledger, habit, nowMillis, daysPastDue, chance, severity, owed, status);
    }

    static Severity severity(double chance, long daysPastDue, long overdueFen, ArrearsRisk risk) {
        double overdueCny = overdueFen / 100.0;
        if (daysPastDue >= risk.horizonDays()
                || (chance >= HIGH_CHANCE && overdueCny >= HIGH_CNY)) {
            return Severity.HIGH;
        }
        if (chance >= HIGH_CHANCE || chance * overdueCny >= MEDIUM_EXPECTED_CNY) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }

    private Alert emit(
            Customer customer,
            CustomerLedger ledger,
            PaymentHabit habit,
            long nowMillis,
            long daysPastDue,
            double chance,
            Severity severity,
            Owed owed,
            AlertStatus status) {
        emittedChance = chance;
        emittedSeverity = severity;
        emittedOpenBills = owed.bills.size();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("daysPastDue", daysPastDue);
        e.put("overdueCny", cny(owed.overdueFen));
        e.put("penaltyCny", cny(owed.penaltyFen));
        e.put("balanceCny", cny(ledger.balanceFen()));
        e.put("overdueBills", owed.overdueBills);
        e.put("overdueBillsCleared", round(habit.overdueBillsCleared, 2));
        e.put("daysOverdueSeen", round(habit.overdueDaysAt(nowMillis), 1));
        e.put("reversedPayments", ledger.reversalCount);
        e.put("chanceUnpaidAt90Days", round(chance, 3));
        return new Alert(
                alertId,
                customer.customerId(),
                customer.meterId(),
                customer.areaId(),
                AlertType.ARREARS,
                rule(habit),
                round(chance, 3),
                severity,
                nowMillis,
                e,
                status,
                cny(owed.overdueFen),
                cny(owed.overdueFen + owed.penaltyFen),
                owed.bills,
                Alert.NONE);
    }

    /** What leads the case, for the collectors. */
    static String rule(PaymentHabit habit) {
        return habit.overdueBillsCleared < 0.5
                ? "never-clears-overdue-bills"
                : "overdue-beyond-its-habit";
    }

    /** The money owed: open bills, the part overdue and its penalty. */
    private record Owed(List<String> bills, int overdueBills, long overdueFen, long penaltyFen) {
        static Owed of(
                CustomerLedger ledger,
                Customer customer,
                long nowMillis,
                ZoneId zone,
                LatePaymentPenalty penalty) {
            List<OpenBill> open = ledger.openBills();
            List<String> periods = new ArrayList<>(open.size());
            int overdueBills = 0;
            for (OpenBill b : open) {
                periods.add(b.period());
                if (b.dueMillis() < nowMillis) {
                    overdueBills++;
                }
            }
            long fine = penalty.accruedFen(open, customer.customerClass(), nowMillis, zone);
            return new Owed(List.copyOf(periods), overdueBills, ledger.overdueFen(nowMillis), fine);
        }
    }

    private static double cny(long fen) {
        return fen / 100.0;
    }

    private static double round(double v, int decimals) {
        double k = Math.pow(10, decimals);
        return Math.round(v * k) / k;
    }
}
