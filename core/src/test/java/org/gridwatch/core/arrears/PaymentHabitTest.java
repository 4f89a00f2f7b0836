package org.gridwatch.core.arrears;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PaymentHabitTest {

    static final long DAY = 86_400_000L;

    /** A bill issued on day 0, due on day 20; the next bill issued on day 30, due on day 50. */
    static final long ISSUED = 0;

    static final long DUE = 20 * DAY;
    static final long NEXT_ISSUED = 30 * DAY;
    static final long NEXT_DUE = 50 * DAY;

    /** The half-life's fade over {@code days}: what was counted that long ago weighs now. */
    static double fade(double days) {
        return Math.pow(0.5, days / PaymentHabit.HALF_LIFE_DAYS);
    }

    @Test
    void countsTheDaysTheOldestBillWasOverdue() {
        PaymentHabit habit = new PaymentHabit();
        habit.onChange(ISSUED, DUE);
        habit.onPayment(DUE + 5 * DAY, 10_000, 10_000, Long.MAX_VALUE);
        habit.onChange(NEXT_ISSUED, NEXT_DUE);

        // overdue from day 20 to day 25: 5 days, counted on day 25 and faded over 5 days since
        assertThat(habit.overdueDaysAt(NEXT_ISSUED)).isCloseTo(5 * fade(5), within(1e-9));
        assertThat(habit.overdueBillsCleared).isCloseTo(fade(5), within(1e-9));
    }

    @Test
    void aPaymentReceivedAfterTheNextBillCountsTheDaysAsIfItHadComeInTime() {
        // The payment of day 25 reaches the account after the bill of day 30 (a payments feed
        // that lags): counted in arrival order, the bill was overdue for 10 days, not 5.
        PaymentHabit habit = new PaymentHabit();
        habit.onChange(ISSUED, DUE);
        habit.onChange(NEXT_ISSUED, DUE); // the first bill still open: the oldest due stays
        assertThat(habit.overdueDaysAt(NEXT_ISSUED)).isCloseTo(10, within(1e-9));

        habit.onPayment(DUE + 5 * DAY, 10_000, 10_000, NEXT_DUE);

        // 5 days, as in time order (less the fade of 5 days the late count does not apply)
        assertThat(habit.overdueDaysAt(NEXT_ISSUED)).isCloseTo(5, within(1e-9));
        assertThat(habit.overdueDaysAt(NEXT_DUE + 10 * DAY)).isCloseTo(15, within(1e-9));
    }

    @Test
    void aReversalReceivedLateCountsTheDaysItReopened() {
        // Paid on day 22, reversed on day 26, the reversal received on day 30 after the next bill:
        // the first bill was overdue days 20-22 and again from day 26: 2 + 4 days by day 30.
        PaymentHabit habit = new PaymentHabit();
        habit.onChange(ISSUED, DUE);
        habit.onPayment(DUE + 2 * DAY, 10_000, 10_000, Long.MAX_VALUE);
        habit.onChange(NEXT_ISSUED, NEXT_DUE);
        habit.onReversal(DUE + 6 * DAY, 10_000, 10_000, DUE);

        assertThat(habit.overdueDaysAt(NEXT_ISSUED)).isCloseTo(2 * fade(8) + 4, within(1e-9));
    }
}
