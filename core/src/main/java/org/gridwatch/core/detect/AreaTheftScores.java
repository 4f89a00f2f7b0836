package org.gridwatch.core.detect;

import java.util.List;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;

/**
 * An area's customers on one day by their theft scores, for the dashboards ({@link
 * Measurements#THEFT_SCORES}): how many customers closed the day there, how many are <em>to
 * watch</em> (a score from half the alert score, where an open THEFT alert stays open, up to the
 * alert score, where one opens: {@link TheftCase#closeBelow}, {@link TheftCase#RAISE} unless the
 * utility sets its own), how many are at or above the alert score, and the highest score. Where
 * suspicion builds below the alerts, area by area; the customers themselves are in the {@code
 * theft-scores} topic (a tag per customer would be too many series for InfluxDB).
 */
public record AreaTheftScores(int customers, int watch, int suspected, double maxScore) {

    public static AreaTheftScores of(List<Double> scores) {
        return of(scores, TheftCase.RAISE);
    }

    /** As {@link #of(List)}, with the utility's alert score {@code raise}. */
    public static AreaTheftScores of(List<Double> scores, double raise) {
        int watch = 0;
        int suspected = 0;
        double max = 0;
        for (double s : scores) {
            if (s >= raise) {
                suspected++;
            } else if (s >= TheftCase.closeBelow(raise)) {
                watch++;
            }
            max = Math.max(max, s);
        }
        return new AreaTheftScores(scores.size(), watch, suspected, max);
    }

    /** The day's point, stamped at the local day's start. */
    public MetricPoint point(String areaId, long dayStartMillis) {
        return MetricPoint.of(Measurements.THEFT_SCORES)
                .tag("area", areaId)
                .field("customers", (long) customers)
                .field("watch", (long) watch)
                .field("suspected", (long) suspected)
                .field("max_score", TheftCase.round(maxScore, 3))
                .at(dayStartMillis);
    }
}
