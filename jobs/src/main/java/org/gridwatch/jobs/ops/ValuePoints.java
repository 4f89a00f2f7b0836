package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.Concentration;
import org.gridwatch.core.value.SegmentTally;

/**
 * The fleet value's points: {@code segments} and {@code revenue_concentration}, per area or ALL.
 */
final class ValuePoints {
    private ValuePoints() {}

    /** Customers and revenue per segment × grade, one point a cell. */
    static List<MetricPoint> segments(String area, SegmentTally counts, long timeMillis) {
        List<MetricPoint> points = new ArrayList<>(SegmentTally.CELLS);
        for (int cell = 0; cell < SegmentTally.CELLS; cell++) {
            points.add(
                    MetricPoint.of(Measurements.SEGMENTS)
                            .tag("area", area)
                            .tag("grade", SegmentTally.gradeOf(cell).name())
                            .tag("segment", SegmentTally.segmentOf(cell).name())
                            .field("customers", counts.customers[cell])
                            .field("revenue", counts.revenueFen[cell] / 100.0)
                            .at(timeMillis));
        }
        return points;
    }

    /**
     * The 80/20 check and Gini of an area: on revenue always, and on margin too ({@code margin} not
     * null) where the model values customers on margin ({@link
     * org.gridwatch.core.value.ValueBasis}).
     */
    static MetricPoint concentration(
            String area, Concentration revenue, Concentration margin, long timeMillis) {
        MetricPoint.Builder point =
                MetricPoint.of(Measurements.REVENUE_CONCENTRATION)
                        .tag("area", area)
                        .field("customers", (long) revenue.customers())
                        .field("revenue", revenue.revenueFen() / 100.0)
                        .field("top20_share", revenue.topShare())
                        .field("gini", revenue.gini());
        if (margin != null) {
            point.field("margin", margin.revenueFen() / 100.0)
                    .field("margin_top20_share", margin.topShare())
                    .field("margin_gini", margin.gini());
        }
        return point.at(timeMillis);
    }
}
