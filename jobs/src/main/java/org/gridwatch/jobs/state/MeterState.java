package org.gridwatch.jobs.state;

import java.util.Arrays;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.meter.CoveredQuarters;

/**
 * What the meter join reads and writes for every reading, in one state value: the customer that
 * holds the meter (null once released), the quarter hours the meter covered, and the open months
 * and days of that customer's readings on this meter, shipped to the customer's accounts when they
 * close or the meter leaves the customer. Kept by {@link MeterStateSerializer}.
 *
 * <p>A month whose end event time has passed waits for its billing instant, the allowed lateness
 * later (a week), only for a late reading: it is kept packed meanwhile ({@link #endedMonths}),
 * about 0.5 kB where the month's objects take about 0.9 kB on the heap, and unpacked for a late
 * reading (then packed again) or to be shipped. In the first week of every month that is every
 * meter's previous month (docs/benchmarks.md, session 23).
 */
public final class MeterState extends OpenUsage {
    private static final byte[][] NO_ENDED_MONTHS = new byte[0][];

    public Customer customer;
    public CoveredQuarters covered;

    /**
     * Months that have ended, each as {@link StateCodec#packUsage} packs it, in no particular
     * order; not in {@link #months}. Checkpointed as they are ({@link MeterStateSerializer}).
     */
    public byte[][] endedMonths = NO_ENDED_MONTHS;

    public MeterState() {}

    public boolean isEmpty() {
        return customer == null && covered == null && hasNoUsage() && endedMonths.length == 0;
    }

    @Override
    public void clearUsage() {
        super.clearUsage();
        endedMonths = NO_ENDED_MONTHS;
    }

    /** Packs every open month that ended by {@code nowMillis} (event time). */
    public void packEndedBy(long nowMillis) {
        for (MonthlyUsage m : months) {
            if (m.endMillis <= nowMillis) {
                removeMonth(m.yearMonth);
                putEnded(m);
            }
        }
    }

    /** Keeps an ended month packed (or again, after a late reading). */
    public void putEnded(MonthlyUsage month) {
        endedMonths = Arrays.copyOf(endedMonths, endedMonths.length + 1);
        endedMonths[endedMonths.length - 1] = StateCodec.packUsage(month);
    }

    /** The ended month {@code yyyymm}, unpacked and no longer kept; null if it is not kept. */
    public MonthlyUsage takeEnded(int yearMonth) {
        int i = indexOfEnded(yearMonth);
        if (i < 0) {
            return null;
        }
        MonthlyUsage month = StateCodec.unpackUsage(endedMonths[i]);
        endedMonths = without(endedMonths, i, NO_ENDED_MONTHS);
        return month;
    }

    /** A copy of month {@code yyyymm}, open or ended; null if neither. */
    public MonthlyUsage copyOfMonth(int yearMonth) {
        MonthlyUsage open = month(yearMonth);
        if (open != null) {
            return StateCodec.copyUsage(open);
        }
        int i = indexOfEnded(yearMonth);
        return i < 0 ? null : StateCodec.unpackUsage(endedMonths[i]);
    }

    private int indexOfEnded(int yearMonth) {
        for (int i = 0; i < endedMonths.length; i++) {
            if (StateCodec.packedMonthKey(endedMonths[i]) == yearMonth) {
                return i;
            }
        }
        return -1;
    }
}
