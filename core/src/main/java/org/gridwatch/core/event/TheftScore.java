package org.gridwatch.core.event;

/**
 * A customer's theft score as the area's theft watch publishes it (topic {@code theft-scores}; a
 * file replay's {@code theft-scores.jsonl} holds each customer's last): the same probability a
 * THEFT alert carries, for every customer with a case, alerted or not, so that any customer can be
 * looked up and the score ranked across the whole fleet. Published at the close of the customer's
 * first day in its area, then of each day that has moved it ({@link #moved}) since the last one
 * published.
 *
 * @param tsMillis the event time of the day's close that moved it
 * @param score the theft probability in [0, 1], rounded to 3 decimals as a THEFT alert has it
 * @param alertId the customer's open THEFT alert, or null when none is open
 */
public record TheftScore(
        String customerId, String areaId, long tsMillis, double score, String alertId) {

    /** A score is published again once it has moved this much from the last one published. */
    public static final double STEP = 0.01;

    /**
     * ... or once its odds have moved by this many nats (a factor of e^0.25 ≈ 1.28): near 0 and 1,
     * where a hundredth is a large move in odds. Most customers score 0.005–0.1, and a worklist cut
     * at 2% of the honest falls near 0.09: steps of a hundredth alone left the ranking there a
     * tenth out (docs/detection.md, session 32).
     */
    public static final double ODDS_STEP = 0.25;

    /** The odds of a 3-decimal score are taken within [0.0005, 0.9995]: 0 and 1 are rounded. */
    private static final double EDGE = 0.0005;

    /**
     * Whether a score (3 decimals) has moved from the last one published ({@code last}, 3 decimals)
     * by {@link #STEP} or more, or its odds by {@link #ODDS_STEP} nats or more; compared in
     * thousandths, as the scores are kept rounded.
     */
    public static boolean moved(double last, double score) {
        long a = Math.round(last * 1000);
        long b = Math.round(score * 1000);
        if (a == b) {
            return false;
        }
        if (Math.abs(a - b) >= Math.round(STEP * 1000)) {
            return true;
        }
        return Math.abs(logOdds(b / 1000.0) - logOdds(a / 1000.0)) >= ODDS_STEP;
    }

    private static double logOdds(double p) {
        double q = Math.max(EDGE, Math.min(1 - EDGE, p));
        return Math.log(q / (1 - q));
    }
}
