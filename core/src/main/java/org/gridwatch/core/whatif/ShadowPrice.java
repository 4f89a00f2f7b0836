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
     * The response model of a class the scenario applies to (the class named as in the metrics'
     * {@code class} tag); empty for a class it leaves on today's tariffs.
     */
    public java.util.Optional<ResponseModel> response(String customerClass) {
        for (CustomerClass c : CustomerClass.values()) {
            if (c.name().equals(customerClass) && scenario.appliesTo(c)) {
                return java.util.Optional.of(scenario.responseOf(c));
            }
        }
        return java.util.Optional.empty();
    }

    /** The scenario tariff's energy price of the quarter hour starting {@code at}, CNY/kWh. */
    public double cnyPerKwh(long at) {
        return scenario.tariff().prices().approximateCnyPerKwh(lookup.periodAt(at));
    }

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
        var scenarioPeriod = lookup.periodAt(bucketStart);
        double revenue =
                response(customerClass).isPresent() ? kwh * cnyPerKwh(bucketStart) : revenueToday;
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
