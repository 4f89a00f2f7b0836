package org.gridwatch.core.billing;

import java.time.YearMonth;

/**
 * What billing carries from one month to the next for one customer: the register read the next
 * month opens with, the last register actually read, and the customer's {@link LoadProfile}. Made
 * by {@link MonthSettlement#settle}; a new one after every month billed.
 *
 * <p>Flink state, one per customer: public no-arg constructor, public fields; about 250 bytes, of
 * which the profile is 192.
 */
public final class ReadingHistory {

    /** The last month billed as {@code yyyy * 100 + MM}; 0 before the first bill. */
    public int billedMonth;

    /**
     * The customer has had a reading: every later month is estimated from its first instant. Before
     * its first reading a customer is not estimated at all (the job cannot know what came before).
     */
    public boolean started;

    /**
     * The register, micro-kWh, at the end of the last month billed, as billed: the next month's
     * opening read. {@link ReadingGaps#UNKNOWN} when the meter gives no register.
     */
    public long openingMicroKwh = ReadingGaps.UNKNOWN;

    /**
     * The opening read was not read at the month boundary but shared out of a gap across it, or
     * estimated for a meter that went silent; the next actual read trues it up.
     */
    public boolean openingEstimated;

    /**
     * The latest register actually read, micro-kWh: a later read below it is a register that went
     * backwards (reset or meter exchange), not the true-up of an estimate.
     */
    public long lastActualMicroKwh = ReadingGaps.UNKNOWN;

    /** The end of the latest reading billed, epoch millis. */
    public long latestReadingEndMillis = Long.MIN_VALUE;

    /**
     * Wh per quarter hour by {@link LoadProfile#slot}, {@link LoadProfile#UNKNOWN} if never read.
     */
    public int[] profileWh = LoadProfile.unknown();

    /** For Flink's POJO serializer; a customer not billed yet. */
    public ReadingHistory() {}

    /** Whether {@code month} was billed already (or an earlier one is asked about). */
    public boolean hasBilled(YearMonth month) {
        return MonthlyUsage.keyOf(month) <= billedMonth;
    }
}
