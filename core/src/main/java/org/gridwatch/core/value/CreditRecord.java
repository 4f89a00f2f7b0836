package org.gridwatch.core.value;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.PaymentOutcome;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;

/**
 * One customer's credit: the demerits that still count, the on-time streak and the theft lock.
 * Flink state, one per customer next to the {@link CustomerLedger}: public no-arg constructor,
 * public fields, arrays only, grown only as demerits come.
 *
 * <p>The score is {@code startScore + min(streak × onTimeCreditPoints, onTimeCreditCap) − the
 * points of the demerits not yet expired}, held to 0–100. The grade follows the score, except that
 * it is C, and the score at most {@code gradeBMin − 1}, while a theft lock runs or while the oldest
 * open bill is {@code autoCDaysPastDue} or more days past due. Any demerit ends the streak.
 *
 * <p>Events, in event time, driven by the ledger ({@link #onBillIssued}, {@link #onPayment}):
 *
 * <ul>
 *   <li>a bill fully paid: on time (by the end of the due day: whole days late, counted as the
 *       ledger counts days past due, are 0) lengthens the streak; late costs a demerit by how late;
 *   <li>a bill issued while an earlier one is overdue: an unpaid-bill demerit, once a month for as
 *       long as the arrears last;
 *   <li>a reversal (bounced payment): a demerit; the bills it reopens count again when paid again;
 *       a duplicate payment: nothing at all;
 *   <li>confirmed theft: a demerit and a lock, both lasting {@code theftLockMillis}.
 * </ul>
 */
public final class CreditRecord {

    /**
     * Demerits kept at most. A customer with this many live demerits is at score 0 anyway; when
     * full, the one expiring soonest is dropped for the new one.
     */
    public static final int MAX_DEMERITS = 24;

    public int demeritCount;

    /** {@link Demerit} ordinals, points and expiry instants, in parallel. */
    public byte[] demeritKinds = new byte[0];

    public int[] demeritPoints = new int[0];
    public long[] demeritExpiryMillis = new long[0];

    /** Bills paid on time in a row since the last demerit. */
    public int onTimeStreak;

    /** Until when confirmed theft keeps the grade at C; {@link Long#MIN_VALUE} if never. */
    public long theftUntilMillis = Long.MIN_VALUE;

    /** The latest on-site inspection, whatever it found; {@link InspectionPlan#NONE} if none. */
    public long lastInspectionMillis = InspectionPlan.NONE;

    public int theftCount;

    /** The ledger's oldest open due date as last seen; {@link Long#MAX_VALUE} if none open. */
    public long oldestOpenDueMillis = Long.MAX_VALUE;

    public CreditRecord() {}

    /**
     * After {@link CustomerLedger#issue} accepted (returned true for) a bill issued at {@code
     * issuedMillis}: an earlier bill still overdue costs an unpaid-bill demerit; a new bill already
     * covered by credit on the account counts as paid on time.
     */
    public void onBillIssued(long issuedMillis, CustomerLedger ledger, CreditRules rules) {
        if (oldestOpenDueMillis < issuedMillis) {
            onBillUnpaid(issuedMillis, rules);
        }
        long after = ledger.oldestOpenDueMillis();
        int last = ledger.billCount - 1;
        if (last >= 0 && ledger.billAmountFen[last] > 0 && ledger.billDueMillis[last] < after) {
            // Paid before it was issued, from credit on the account: that is on time.
            onBillPaid(ledger.billDueMillis[last], issuedMillis, rules);
        }
        onOpenBills(after);
    }

    /**
     * After {@link CustomerLedger#pay} returned {@code outcome}. The bills this payment closed are
     * those whose due dates lie between the oldest open due date before it and the one after it
     * (payments pay the oldest bill first, so the open bills are always the newest).
     *
     * <p>A payment can arrive after a later bill's unpaid-bill check although it was made before
     * that check (a payments feed that lags the readings, as a bank's daily settlement file does).
     * In time order it came first, and the check would have found nothing overdue: so a payment
     * that leaves no bill due before that later bill's issue open, made before its check, takes
     * back the check's unpaid-bill demerit. The late-payment demerit it earns stays, as in time
     * order.
     *
     * <p>A reversal can come late the same way. Made before a later bill's check, it would have
     * left the bills it reopens overdue at that check: so a reversal that leaves a bill due before
     * a later bill's issue open, made before that bill's check, costs the unpaid-bill demerit the
     * check would have found, stamped at that bill's issue as the check stamps it (unless the check
     * found one anyway).
     *
     * @param unpaidCheckLagMillis how long after a bill's issue instant its unpaid-bill check is
     *     made: a payment made before then counts as made before the check (the monitor bills a
     *     month, and so checks, once event time has passed its end by the allowed lateness)
     * @param calendar when the ledger's bills were issued (their months' issue instants)
     */
    public void onPayment(
            PaymentOutcome outcome,
            long tsMillis,
            CustomerLedger ledger,
            CreditRules rules,
            long unpaidCheckLagMillis,
            BillingCalendar calendar) {
        if (outcome == PaymentOutcome.DUPLICATE) {
            return; // the ledger did not change, and neither does the credit
        }
        long before = oldestOpenDueMillis;
        long after = ledger.oldestOpenDueMillis();
        if (outcome == PaymentOutcome.REVERSAL) {
            onBouncedPayment(tsMillis, rules);
            addUnpaidChecksAfter(after, tsMillis, ledger, rules, unpaidCheckLagMillis, calendar);
        } else if (before != Long.MAX_VALUE && after > before) {
            boolean counted = false;
            for (int i = 0; i < ledger.billCount; i++) {
                long due = ledger.billDueMillis[i];
                if (ledger.billAmountFen[i] > 0 && due >= before && due < after) {
                    onBillPaid(due, tsMillis, rules);
                    counted = true;
                }
            }
            if (!counted) { // arrears older than the bills the ledger keeps
                onBillPaid(before, tsMillis, rules);
            }
            withdrawUnpaidChecksBefore(before, after, tsMillis, rules, unpaidCheckLagMillis);
        }
        onOpenBills(after);
    }

    /**
     * Takes back the unpaid-bill demerits of checks that a payment made at {@code paidMillis}
     * preceded, and that it would have passed: those of bills issued after the oldest bill it
     * closed fell due ({@code before}) and no later than the oldest bill it left open falls due
     * ({@code after}). A demerit's issue instant is its start: its expiry less the demerit's life.
     */
    private void withdrawUnpaidChecksBefore(
            long before, long after, long paidMillis, CreditRules rules, long lagMillis) {
        retainDemerits(
                i -> {
                    long issued = paymentDemeritStart(i, rules);
                    return demeritKinds[i] != Demerit.UNPAID_BILL.ordinal()
                            || before >= issued
                            || issued > after
                            || !madeBeforeCheck(paidMillis, issued, lagMillis);
                });
    }

    /**
     * Adds the unpaid-bill demerits of the checks that a reversal made at {@code reversedMillis}
     * preceded and that would have failed: those of the ledger's bills issued after the oldest bill
     * it leaves open ({@code openDue}) fell due, checked after the reversal, that found nothing.
     * The bills open now were open at those checks: every payment made before a check has been
     * applied (in event time, or late, the same way); only a second reversal made after a check
     * could have reopened a bill since, and then that check's demerit is added too (its own −8
     * aside).
     */
    private void addUnpaidChecksAfter(
            long openDue,
            long reversedMillis,
            CustomerLedger ledger,
            CreditRules rules,
            long lagMillis,
            BillingCalendar calendar) {
        for (int k = 0; k < ledger.billCount; k++) {
            long issued = calendar.issuedMillis(MonthlyUsage.monthOf(ledger.billYearMonths[k]));
            if (openDue < issued
                    && madeBeforeCheck(reversedMillis, issued, lagMillis)
                    && !hasUnpaidBillDemeritFrom(issued, rules)) {
                onBillUnpaid(issued, rules);
            }
        }
    }

    /** Whether an unpaid-bill check stamped at {@code issuedMillis} cost a demerit still kept. */
    private boolean hasUnpaidBillDemeritFrom(long issuedMillis, CreditRules rules) {
        for (int i = 0; i < demeritCount; i++) {
            if (demeritKinds[i] == Demerit.UNPAID_BILL.ordinal()
                    && paymentDemeritStart(i, rules) == issuedMillis) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a payment or reversal made at {@code madeMillis} came before the unpaid-bill check of
     * the bill issued at {@code issuedMillis}, made {@code lagMillis} after the issue.
     */
    private static boolean madeBeforeCheck(long madeMillis, long issuedMillis, long lagMillis) {
        return madeMillis < issuedMillis + lagMillis;
    }

    /** When demerit {@code i}, a payment demerit, started: its expiry less the demerits' life. */
    private long paymentDemeritStart(int i, CreditRules rules) {
        return demeritExpiryMillis[i] - rules.demeritLifeMillis();
    }

    /** Keeps the demerits {@code keep} holds of (by index), in their order; forgets the others. */
    private void retainDemerits(IntPredicate keep) {
        int kept = 0;
        for (int i = 0; i < demeritCount; i++) {
            if (keep.test(i)) {
                demeritKinds[kept] = demeritKinds[i];
                demeritPoints[kept] = demeritPoints[i];
                demeritExpiryMillis[kept] = demeritExpiryMillis[i];
                kept++;
            }
        }
        demeritCount = kept;
    }

    /** A bill due at {@code dueMillis} was fully paid at {@code paidMillis}. */
    public void onBillPaid(long dueMillis, long paidMillis, CreditRules rules) {
        int points = rules.latePoints(BillingCalendar.daysPastDue(dueMillis, paidMillis));
        if (points == 0) {
            onTimeStreak++;
        } else {
            addPaymentDemerit(Demerit.LATE_PAYMENT, points, paidMillis, rules);
        }
    }

    /** A bill was still unpaid after its due date when the next one was issued. */
    public void onBillUnpaid(long tsMillis, CreditRules rules) {
        addPaymentDemerit(Demerit.UNPAID_BILL, rules.unpaidPoints(), tsMillis, rules);
    }

    /** A payment was reversed (a negative payment). */
    public void onBouncedPayment(long tsMillis, CreditRules rules) {
        addPaymentDemerit(Demerit.BOUNCED_PAYMENT, rules.bouncedPoints(), tsMillis, rules);
    }

    /** A demerit about paying, counting for {@code demeritLifeMillis} from {@code tsMillis}. */
    private void addPaymentDemerit(Demerit kind, int points, long tsMillis, CreditRules rules) {
        add(kind, points, tsMillis + rules.demeritLifeMillis(), tsMillis);
    }

    /** An inspection's outcome: only confirmed theft counts; no finding or a meter fault do not. */
    public void onInspection(Inspection inspection, CreditRules rules) {
        lastInspectionMillis = Math.max(lastInspectionMillis, inspection.tsMillis());
        if (inspection.outcome() == InspectionOutcome.CONFIRMED_THEFT) {
            onConfirmedTheft(inspection.tsMillis(), rules);
        }
    }

    /** An inspection found theft ({@code InspectionOutcome.CONFIRMED_THEFT}). */
    public void onConfirmedTheft(long tsMillis, CreditRules rules) {
        long until = tsMillis + rules.theftLockMillis();
        theftUntilMillis = Math.max(theftUntilMillis, until);
        theftCount++;
        add(Demerit.CONFIRMED_THEFT, rules.theftPoints(), until, tsMillis);
    }

    /** The ledger's oldest open due date changed (kept for the automatic C). */
    public void onOpenBills(long oldestOpenDueMillis) {
        this.oldestOpenDueMillis = oldestOpenDueMillis;
    }

    /** Whether theft was ever confirmed: such customers are inspected periodically. */
    public boolean hasTheftHistory() {
        return theftCount > 0;
    }

    /** Whole days the oldest open bill is past due at {@code nowMillis}, as the ledger counts. */
    public long daysPastDue(long nowMillis) {
        return BillingCalendar.daysPastDue(oldestOpenDueMillis, nowMillis);
    }

    /**
     * The first instant after {@code nowMillis} at which time alone changes this record's score,
     * grade or arrears step: a demerit expiring, the theft lock ending, or the oldest open bill
     * reaching a number of days past due that counts (a step of {@code strategies}, or the
     * automatic C). {@link Long#MAX_VALUE} if nothing is pending.
     */
    public long nextChangeMillis(long nowMillis, CreditRules rules, Strategies strategies) {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < demeritCount; i++) {
            next = earliestAfter(nowMillis, next, demeritExpiryMillis[i]);
        }
        next = earliestAfter(nowMillis, next, theftUntilMillis);
        if (oldestOpenDueMillis != Long.MAX_VALUE) {
            for (long days :
                    new long[] {
                        strategies.warningDays(),
                        strategies.restrictionDays(),
                        strategies.disconnectionNoticeDays(),
                        rules.autoCDaysPastDue()
                    }) {
                next = earliestAfter(nowMillis, next, oldestOpenDueMillis + days * dayMillis());
            }
        }
        return next;
    }

    private static long earliestAfter(long nowMillis, long earliest, long candidate) {
        return candidate > nowMillis && candidate < earliest ? candidate : earliest;
    }

    /** The points of the demerits still counting at {@code nowMillis}. */
    public int demeritPointsAt(long nowMillis) {
        int sum = 0;
        for (int i = 0; i < demeritCount; i++) {
            if (demeritExpiryMillis[i] > nowMillis) {
                sum += demeritPoints[i];
            }
        }
        return sum;
    }

    /**
     * The demerits still counting at {@code nowMillis}, soonest to expire first, as a person reads
     * them: {@code "LATE_PAYMENT -6 until 2027-07-20"} (the day it stops counting, in {@code
     * zone}).
     */
    public String[] demeritsAt(long nowMillis, ZoneId zone) {
        Integer[] order = new Integer[demeritCount];
        for (int i = 0; i < demeritCount; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(demeritExpiryMillis[a], demeritExpiryMillis[b]));
        List<String> out = new ArrayList<>();
        for (int i : order) {
            if (demeritExpiryMillis[i] > nowMillis) {
                out.add(
                        Demerit.values()[demeritKinds[i]]
                                + " -"
                                + demeritPoints[i]
                                + " until "
                                + Instant.ofEpochMilli(demeritExpiryMillis[i])
                                        .atZone(zone)
                                        .toLocalDate());
            }
        }
        return out.toArray(String[]::new);
    }

    /** The score 0–100 at {@code nowMillis}; see the class comment. */
    public int score(long nowMillis, CreditRules rules) {
        int credit = Math.min(onTimeStreak * rules.onTimeCreditPoints(), rules.onTimeCreditCap());
        int score = rules.startScore() + credit - demeritPointsAt(nowMillis);
        score = Math.max(0, Math.min(100, score));
        return forcedC(nowMillis, rules) ? Math.min(score, rules.gradeBMin() - 1) : score;
    }

    public CreditGrade grade(long nowMillis, CreditRules rules) {
        return forcedC(nowMillis, rules) ? CreditGrade.C : rules.gradeOf(score(nowMillis, rules));
    }

    private boolean forcedC(long nowMillis, CreditRules rules) {
        return nowMillis < theftUntilMillis || daysPastDue(nowMillis) >= rules.autoCDaysPastDue();
    }

    private void add(Demerit kind, int points, long expiryMillis, long nowMillis) {
        onTimeStreak = 0;
        // Forget what has expired first, so the arrays stay as small as the live demerits.
        retainDemerits(i -> demeritExpiryMillis[i] > nowMillis);
        if (demeritCount == MAX_DEMERITS) {
            int soonest = 0;
            for (int i = 1; i < demeritCount; i++) {
                if (demeritExpiryMillis[i] < demeritExpiryMillis[soonest]) {
                    soonest = i;
                }
            }
            demeritCount--;
            demeritKinds[soonest] = demeritKinds[demeritCount];
            demeritPoints[soonest] = demeritPoints[demeritCount];
            demeritExpiryMillis[soonest] = demeritExpiryMillis[demeritCount];
        } else if (demeritCount == demeritKinds.length) {
            int size = Math.min(MAX_DEMERITS, Math.max(2, demeritCount * 2));
            demeritKinds = Arrays.copyOf(demeritKinds, size);
            demeritPoints = Arrays.copyOf(demeritPoints, size);
            demeritExpiryMillis = Arrays.copyOf(demeritExpiryMillis, size);
        }
        demeritKinds[demeritCount] = (byte) kind.ordinal();
        demeritPoints[demeritCount] = points;
        demeritExpiryMillis[demeritCount] = expiryMillis;
        demeritCount++;
    }

    private static long dayMillis() {
        return BillingCalendar.MILLIS_PER_DAY;
    }
}
