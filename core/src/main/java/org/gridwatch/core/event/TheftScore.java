package org.gridwatch.core.event;

/**
 * A customer's theft score as the area's theft watch publishes it (topic {@code theft-scores}; a
 * file replay's {@code theft-scores.jsonl} holds each customer's last): the same probability a
 * THEFT alert carries, for every customer with a case, alerted or not, so that any customer can be
 * looked up and the score ranked across the whole fleet. Published at the close of the customer's
 * first day in its area, then of each day that has moved it by at least {@link #STEP} since the
 * last one published.
 *
 * @param tsMillis the event time of the day's close that moved it
 * @param score the theft probability in [0, 1], rounded to 3 decimals as a THEFT alert has it
 * @param alertId the customer's open THEFT alert, or null when none is open
 */
public record TheftScore(
        String customerId, String areaId, long tsMillis, double score, String alertId) {

    /** A score is published again once it has moved this much from the last one published. */
    public static final double STEP = 0.01;
}
