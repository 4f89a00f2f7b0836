package org.gridwatch.core.whatif;

import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.tariff.PeriodLookup;

/**
 * A live shadow price: one quarter hour of an area's and a class's metered energy in one of today's
 * periods (a {@link Measurements#TOU} bucket), priced as a live scenario would price it. A quarter
 * hour lies in one period of any tariff whose periods change on half hours, so the bucket's energy
 * is priced at one scenario price: the scenario tariff's for the classes it applies to, today's
 * revenue for the others. Today's load, no response (the batch what-if models the response).
 *
 * @param scenario the live scenario
 * @param lookup where its tariff's periods fall, in the utility's zone and calendar
 */
public record ShadowPrice(WhatIfScenario scenario, PeriodLookup lookup) {

    /**
     * The {@link Measurements#SHADOW} point of one bucket.
     *
     * @param revenueToday the bucket's energy revenue at each customer's own tariff, CNY
     */
    public MetricPoint point(
            String area,
            String customerClass,
            String period,
            double kwh,
            double revenueToday,
            long bucketStart) {
        boolean applies;
        try {
            applies = scenario.appliesTo(CustomerClass.valueOf(customerClass));
        } catch (IllegalArgumentException e) {
            applies = false;
        }
        var scenarioPeriod = lookup.periodAt(bucketStart);
        double revenue =
                applies
                        ? kwh * scenario.tariff().prices().approximateCnyPerKwh(scenarioPeriod)
                        : revenueToday;
        return MetricPoint.of(Measurements.SHADOW)
                .tag("area", area)
                .tag("class", customerClass)
                .tag("period", period)
                .tag("scenario", scenario.name())
                .field("kwh", kwh)
                .field("revenue_today", revenueToday)
                .field("revenue_scenario", revenue)
                .field("peak_kwh", scenarioPeriod.isPeak() ? kwh : 0.0)
                .at(bucketStart);
    }
}
