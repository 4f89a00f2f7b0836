package org.gridwatch.jobs.ops;

import org.gridwatch.core.value.CustomerStanding;

/**
 * What {@link SegmentAssessment} hears of one customer: from {@link CustomerValue} its standing at
 * a billing, a standing that changed in between, that it left the fleet or the master; from {@link
 * RangeRanking} its place in one ranked distribution at a billing. A POJO for Flink; the fields a
 * kind does not use are empty.
 *
 * @param atMillis when it is to be assessed: the billing, or the end of the standing's (the
 *     removal's) quarter hour
 * @param standing the standing (for {@link Kind#REMOVED}: the last one taken, or null)
 * @param distribution for {@link Kind#RANK}: the distribution ranked
 * @param below for {@link Kind#RANK}: the values of the distribution below the customer's
 * @param equal for {@link Kind#RANK}: the values equal to it, its own included
 * @param n for {@link Kind#RANK}: the values of the distribution
 */
public record ValueInput(
        Kind kind,
        String customerId,
        long atMillis,
        CustomerStanding standing,
        String distribution,
        long below,
        long equal,
        long n) {

    public enum Kind {
        /** its standing at a billing: valued against the fleet */
        BILLED,
        /** a standing between billings: re-assessed with the month's rule and values */
        CHANGED,
        /** no bill for a year at a billing: forgotten */
        FORGOTTEN,
        /** removed from the master */
        REMOVED,
        /** its place in a distribution at a billing */
        RANK
    }

    static ValueInput billed(long atMillis, CustomerStanding s) {
        return of(Kind.BILLED, atMillis, s);
    }

    static ValueInput changed(long atMillis, CustomerStanding s) {
        return of(Kind.CHANGED, atMillis, s);
    }

    static ValueInput forgotten(long atMillis, CustomerStanding s) {
        return of(Kind.FORGOTTEN, atMillis, s);
    }

    /**
     * The customer was removed at the end of the quarter hour {@code atMillis}; {@code last} is the
     * last standing taken (null if none).
     */
    static ValueInput removed(long atMillis, CustomerStanding removal, CustomerStanding last) {
        return new ValueInput(Kind.REMOVED, removal.customerId(), atMillis, last, null, 0, 0, 0);
    }

    static ValueInput rank(
            long atMillis, String customerId, String distribution, long below, long equal, long n) {
        return new ValueInput(Kind.RANK, customerId, atMillis, null, distribution, below, equal, n);
    }

    private static ValueInput of(Kind kind, long atMillis, CustomerStanding s) {
        return new ValueInput(kind, s.customerId(), atMillis, s, null, 0, 0, 0);
    }
}
