package org.gridwatch.core.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One customer's account: bills issued, payments received, the balance and how late the oldest
 * unpaid bill is. Flink state, one per customer: public no-arg constructor, public fields, arrays
 * only, a few hundred bytes at most.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>The balance is in fen, positive when the customer owes. A bill adds its amount; a payment
 *       subtracts; a negative payment (a reversal: bounced cheque, refused bank debit) adds its
 *       amount back and is counted.
 *   <li>Payments pay the oldest bill first. So the balance owed always sits on the NEWEST bills:
 *       the open bills are found by laying the balance over the bills from the newest backwards. A
 *       reversal therefore reopens exactly the bills the bounced money had paid, with their own due
 *       dates. A balance below zero is credit that pays the next bill.
 *   <li>A payment seen twice changes nothing. The key is the paymentId and the sign of the amount,
 *       so a reversal that carries the id of the payment it reverses is not taken for a duplicate.
 *       The ledger remembers the keys of the last {@value #PAYMENT_MEMORY} payments as 64-bit
 *       hashes (8 bytes each instead of a string); a duplicate older than that would be applied
 *       again. Redelivery by Kafka or a replay brings duplicates within minutes, not dozens of
 *       payments later.
 *   <li>The ledger keeps the last {@value #BILL_MEMORY} bills (a year and a month). Arrears older
 *       than those stay in the balance as one {@link OpenBill#EARLIER} item, due at the latest due
 *       date of the bills forgotten; days past due are then a lower bound.
 *   <li>Days past due: whole days since the due date of the oldest open bill, 0 before it.
 *   <li>It also counts the kWh billed in the current calendar year, which annual tiers need.
 * </ul>
 */
public final class CustomerLedger {

    /** Bills remembered: 13 months, so a year-on-year comparison always has its month. */
    public static final int BILL_MEMORY = 13;

    /** Payment keys remembered, see the class comment. */
    public static final int PAYMENT_MEMORY = 32;

    public long balanceFen;

    /** Bills kept, oldest first, in the parallel arrays below. */
    public int billCount;

    public int[] billYearMonths = new int[0];
    public long[] billDueMillis = new long[0];
    public long[] billAmountFen = new long[0];

    /** The latest due date among bills no longer kept, {@link Long#MIN_VALUE} if none. */
    public long forgottenDueMillis = Long.MIN_VALUE;

    /** A ring of hashes of recent payment keys; {@code paymentKeyCount} are valid. */
    public long[] paymentKeys = new long[0];

    public int paymentKeyCount;
    public int paymentKeyNext;

    public int reversalCount;
    public long reversedFen;
    public long paidFen;
    public long lastPaymentMillis = Long.MIN_VALUE;

    /** The calendar year of {@link #yearMicroKwh}; 0 before the first bill. */
    public int tierYear;

    /** kWh billed in {@link #tierYear}, micro-kWh. */
    public long yearMicroKwh;

    public CustomerLedger() {}

    public long balanceFen() {
        return balanceFen;
    }

    /**
     * Adds a month's bill to the balance.
     *
     * @return false, changing nothing, if a bill for this or a later month was issued already (a
     *     replayed or repeated issue)
     */
    public boolean issue(BillStatement bill) {
        int yearMonth = bill.yearMonth();
        if (billCount > 0 && billYearMonths[billCount - 1] >= yearMonth) {
            return false;
        }
        if (billCount == BILL_MEMORY) {
            forgottenDueMillis = Math.max(forgottenDueMillis, billDueMillis[0]);
            System.arraycopy(billYearMonths, 1, billYearMonths, 0, BILL_MEMORY - 1);
            System.arraycopy(billDueMillis, 1, billDueMillis, 0, BILL_MEMORY - 1);
            System.arraycopy(billAmountFen, 1, billAmountFen, 0, BILL_MEMORY - 1);
            billCount--;
        } else if (billCount == billYearMonths.length) {
            // Grow as bills come: a new customer's state stays small.
            int size = Math.min(BILL_MEMORY, Math.max(2, billCount * 2));
            billYearMonths = Arrays.copyOf(billYearMonths, size);
            billDueMillis = Arrays.copyOf(billDueMillis, size);
            billAmountFen = Arrays.copyOf(billAmountFen, size);
        }
        billYearMonths[billCount] = yearMonth;
        billDueMillis[billCount] = bill.dueMillis();
        billAmountFen[billCount] = bill.amountFen();
        billCount++;
        balanceFen += bill.amountFen();

        int year = yearMonth / 100;
        long micro = bill.totalKwh().movePointRight(6).longValueExact();
        if (year != tierYear) {
            tierYear = year;
            yearMicroKwh = 0;
        }
        yearMicroKwh += micro;
        return true;
    }

    /**
     * Applies a payment.
     *
     * @param amountFen positive for a payment, negative for a reversal
     */
    public PaymentOutcome pay(String paymentId, long tsMillis, long amountFen) {
        long key = paymentKey(paymentId, amountFen < 0);
        for (int i = 0; i < paymentKeyCount; i++) {
            if (paymentKeys[i] == key) {
                return PaymentOutcome.DUPLICATE;
            }
        }
        remember(key);
        balanceFen -= amountFen;
        lastPaymentMillis = Math.max(lastPaymentMillis, tsMillis);
        if (amountFen < 0) {
            reversalCount++;
            reversedFen -= amountFen;
            return PaymentOutcome.REVERSAL;
        }
        paidFen += amountFen;
        return PaymentOutcome.APPLIED;
    }

    /** Whole days since the oldest open bill fell due; 0 if nothing is overdue at {@code now}. */
    public long daysPastDue(long nowMillis) {
        return BillingCalendar.daysPastDue(oldestOpenDueMillis(), nowMillis);
    }

    /** The due date of the oldest open bill, {@link Long#MAX_VALUE} if none is open. */
    public long oldestOpenDueMillis() {
        long left = balanceFen;
        long due = Long.MAX_VALUE;
        for (int i = billCount - 1; i >= 0 && left > 0; i--) {
            if (billAmountFen[i] > 0) {
                due = billDueMillis[i];
                left -= billAmountFen[i];
            }
        }
        if (left > 0 && forgottenDueMillis != Long.MIN_VALUE) {
            due = forgottenDueMillis;
        }
        return due;
    }

    /**
     * What is owed on bills past their due date at {@code nowMillis}, fen: the balance laid over
     * the bills from the newest backwards, the parts on bills due before now (with arrears older
     * than the kept bills, whose due date is known).
     */
    public long overdueFen(long nowMillis) {
        long left = balanceFen;
        long overdue = 0;
        for (int i = billCount - 1; i >= 0 && left > 0; i--) {
            long take = Math.min(left, billAmountFen[i]);
            if (take > 0) {
                if (billDueMillis[i] < nowMillis) {
                    overdue += take;
                }
                left -= take;
            }
        }
        if (left > 0 && forgottenDueMillis != Long.MIN_VALUE && forgottenDueMillis < nowMillis) {
            overdue += left;
        }
        return overdue;
    }

    /** The bills not yet paid, oldest first (allocates: for output, not the per-record path). */
    public List<OpenBill> openBills() {
        List<OpenBill> open = new ArrayList<>();
        long left = balanceFen;
        for (int i = billCount - 1; i >= 0 && left > 0; i--) {
            long take = Math.min(left, billAmountFen[i]);
            if (take > 0) {
                int ym = billYearMonths[i];
                open.add(
                        0,
                        new OpenBill(
                                String.format("%04d-%02d", ym / 100, ym % 100),
                                billDueMillis[i],
                                take));
                left -= take;
            }
        }
        if (left > 0) {
            long due = forgottenDueMillis == Long.MIN_VALUE ? Long.MAX_VALUE : forgottenDueMillis;
            open.add(0, new OpenBill(OpenBill.EARLIER, due, left));
        }
        return open;
    }

    /** kWh already billed in {@code year}, for the annual tiers of its next bill. */
    public BigDecimal kwhBilledInYear(int year) {
        return year == tierYear ? BigDecimal.valueOf(yearMicroKwh, 6) : BigDecimal.ZERO;
    }

    private void remember(long key) {
        if (paymentKeys.length < PAYMENT_MEMORY && paymentKeyCount == paymentKeys.length) {
            paymentKeys =
                    Arrays.copyOf(
                            paymentKeys,
                            Math.min(PAYMENT_MEMORY, Math.max(4, paymentKeyCount * 2)));
        }
        paymentKeys[paymentKeyNext] = key;
        paymentKeyNext = (paymentKeyNext + 1) % PAYMENT_MEMORY;
        if (paymentKeyCount < PAYMENT_MEMORY) {
            paymentKeyCount++;
        }
    }

    /**
     * A 64-bit FNV-1a hash of the id's characters and the sign: stable across JVMs and versions
     * (unlike {@code String.hashCode}, which is 32 bits), so restored state still recognises ids.
     */
    static long paymentKey(String paymentId, boolean reversal) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < paymentId.length(); i++) {
            h ^= paymentId.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= reversal ? '-' : '+';
        h *= 0x100000001b3L;
        return h;
    }
}
