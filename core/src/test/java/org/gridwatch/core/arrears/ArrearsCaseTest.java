package org.gridwatch.core.arrears;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.LedgerBills;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Severity;
import org.junit.jupiter.api.Test;

/**
 * A residential customer with one January bill of 200.00 CNY (issued 1 Feb 2026, due 20 Feb), who
 * pays nothing, looked at every midnight: P = (20 + d) / 110 at d days past due (no payment seen, E
 * = d), so the alert opens on the first day with d ≥ 30 and P ≥ 0.5, d = 35: 27 March.
 */
class ArrearsCaseTest {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Customer HOUSEHOLD =
            new Customer(
                    "C1",
                    "M1",
                    CustomerClass.RESIDENTIAL,
                    "A1",
                    "residential-tiered",
                    false,
                    Double.NaN,
                    Customer.UNKNOWN_SINCE);

    private final CustomerLedger ledger = new CustomerLedger();
    private final PaymentHabit habit = new PaymentHabit();
    private final ArrearsCase arrears = new ArrearsCase();

    ArrearsCaseTest() {
        var january = LedgerBills.bill("2026-01", 20_000);
        ledger.issue(january);
        habit.onChange(january.issuedMillis(), ledger.oldestOpenDueMillis());
    }

    /** A payment, as the account applies it: the ledger, then the habit with the debt it met. */
    private void pay(long tsMillis, long fen) {
        long overdue = ledger.overdueFen(tsMillis);
        ledger.pay("P" + tsMillis, tsMillis, fen);
        habit.onPayment(tsMillis, fen, overdue, ledger.oldestOpenDueMillis());
    }

    private static long midnight(String date) {
        return LocalDate.parse(date).atStartOfDay(CHINA).toInstant().toEpochMilli();
    }

    private Alert look(Customer customer, String date) {
        return arrears.assess(
                customer,
                ledger,
                habit,
                midnight(date),
                CHINA,
                ArrearsRisk.DEFAULTS,
                LatePaymentPenalty.CHINA_1996);
    }

    /** Looks every midnight from {@code from} to {@code to} inclusive; the alerts emitted. */
    private List<Alert> everyDay(Customer customer, String from, String to) {
        List<Alert> out = new ArrayList<>();
        for (LocalDate d = LocalDate.parse(from);
                !d.isAfter(LocalDate.parse(to));
                d = d.plusDays(1)) {
            Alert a = look(customer, d.toString());
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    @Test
    void opensWhenANonPayerBecomesLikelierThanNotToReach90Days() {
        List<Alert> alerts = everyDay(HOUSEHOLD, "2026-02-20", "2026-03-27");
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.alertId()).isEqualTo("arrears:C1:20260327");
        assertThat(a.type()).isEqualTo(AlertType.ARREARS);
        assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(a.rule()).isEqualTo("never-clears-overdue-bills");
        assertThat(a.score()).isEqualTo(0.5); // 55 / 110
        assertThat(a.tsMillis()).isEqualTo(midnight("2026-03-27"));
        // 35 days at 1‰ of 200.00: 7.00 CNY penalty.
        assertThat(a.evidence()).containsEntry("daysPastDue", 35L);
        assertThat(a.evidence()).containsEntry("penaltyCny", 7.0);
        assertThat(a.valueAtRiskCny()).isEqualTo(200.0);
        assertThat(a.amountOwedCny()).isEqualTo(207.0);
        assertThat(a.openBills()).containsExactly("2026-01");
        // 0.5 × 200 = 100 CNY expected loss: MEDIUM.
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.meterId()).isEqualTo("M1");
        assertThat(a.areaId()).isEqualTo("A1");
    }

    @Test
    void isUpdatedWithTheSameIdWhenTheChanceMovesOrABillJoins() {
        everyDay(HOUSEHOLD, "2026-02-20", "2026-03-27");
        // d = 40 (1 Apr): 60/110 = 0.545, 0.045 above what was sent: quiet; d = 41 (2 Apr):
        // 61/110 = 0.555, 0.055 above: updated.
        assertThat(everyDay(HOUSEHOLD, "2026-03-28", "2026-04-01")).isEmpty();
        Alert updated = look(HOUSEHOLD, "2026-04-02");
        assertThat(updated.alertId()).isEqualTo("arrears:C1:20260327");
        assertThat(updated.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(updated.score()).isCloseTo(61.0 / 110, within(0.001));
        // Another bill (here March's, 150.00, due 20 April) joins the unpaid ones: sent again
        // though the chance barely moved (62/110 on 3 April).
        var march = LedgerBills.bill("2026-03", 15_000);
        ledger.issue(march);
        habit.onChange(march.issuedMillis(), ledger.oldestOpenDueMillis());
        Alert joined = look(HOUSEHOLD, "2026-04-03");
        assertThat(joined.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(joined.openBills()).containsExactly("2026-01", "2026-03");
        // Only January is overdue: 200.00 at risk, 200 × 0.001 × 42 = 8.40 penalty.
        assertThat(joined.valueAtRiskCny()).isEqualTo(200.0);
        assertThat(joined.evidence()).containsEntry("penaltyCny", 8.4);
        assertThat(joined.amountOwedCny()).isEqualTo(208.4);
    }

    @Test
    void closesWhenPaid() {
        everyDay(HOUSEHOLD, "2026-02-20", "2026-03-27");
        long paid = midnight("2026-04-02") + 10 * 3_600_000L;
        pay(paid, 20_000);
        Alert closed = look(HOUSEHOLD, "2026-04-03");
        assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(closed.alertId()).isEqualTo("arrears:C1:20260327");
        assertThat(closed.openBills()).isEmpty();
        assertThat(look(HOUSEHOLD, "2026-04-04")).isNull();
    }

    @Test
    void aPartPaymentCountsForItsShareOfTheDebt() {
        everyDay(HOUSEHOLD, "2026-02-20", "2026-03-27");
        long paid = midnight("2026-03-28") + 10 * 3_600_000L;
        pay(paid, 5_000);
        // A quarter of the 200.00 overdue: k = 0.25, E = 37 on 29 March:
        // (57 / 110)^1.25 = 0.440. Sent again: a drop of 0.06, and its severity fell (0.44 ×
        // 150.00 < 100 CNY, LOW).
        Alert a = look(HOUSEHOLD, "2026-03-29");
        assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(a.rule()).isEqualTo("never-clears-overdue-bills");
        assertThat(a.score()).isCloseTo(Math.pow(57.0 / 110, 1.25), within(0.0006));
        assertThat(a.severity()).isEqualTo(Severity.LOW);
        assertThat(a.valueAtRiskCny()).isEqualTo(150.0);
    }

    @Test
    void aCustomerWhoClearedAnOverdueBillBeforeIsLessLikelyToBeLeftUnpaid() {
        // January paid 30 days late (clears it: k = 1, E = 30), then February (issued 1 March,
        // due 20 March) left open: at 40 days past due (29 April) E = 30 + 40, k = 1, H = 50:
        // ((20 + 70) / (20 + 70 + 50))^2 = 0.413 (the fade over two months: ≈ 0.4), below 0.5.
        long paid = midnight("2026-03-22") + 10 * 3_600_000L;
        pay(paid, 20_000);
        var february = LedgerBills.bill("2026-02", 20_000);
        ledger.issue(february);
        habit.onChange(february.issuedMillis(), ledger.oldestOpenDueMillis());
        assertThat(everyDay(HOUSEHOLD, "2026-03-23", "2026-04-29")).isEmpty();
        double chance =
                ArrearsRisk.DEFAULTS.unpaidAtHorizon(
                        habit, ledger.oldestOpenDueMillis(), midnight("2026-04-29"));
        assertThat(chance).isBetween(0.40, 0.42);
    }

    @Test
    void aPrepaidCustomerIsNeverInArrears() {
        Customer prepaid =
                new Customer(
                        "C1",
                        "M1",
                        CustomerClass.RESIDENTIAL,
                        "A1",
                        "residential-tiered",
                        true,
                        Double.NaN,
                        Customer.UNKNOWN_SINCE);
        assertThat(everyDay(prepaid, "2026-02-20", "2026-05-30")).isEmpty();
        // An open case closes when the master makes the customer pre-paid.
        everyDay(HOUSEHOLD, "2026-02-20", "2026-03-27");
        assertThat(look(prepaid, "2026-03-28").status()).isEqualTo(AlertStatus.CLOSED);
    }

    @Test
    void ninetyDaysPastDueIsHighWhateverTheAmount() {
        everyDay(HOUSEHOLD, "2026-02-20", "2026-05-20");
        Alert a = look(HOUSEHOLD, "2026-05-21"); // 90 days
        assertThat(a.score()).isEqualTo(1.0);
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
    }
}
