package org.gridwatch.core.whatif;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffBook;

/**
 * One local day of an area's and a class's metered load, quarter hour by quarter hour, with its
 * revenue at today's tariffs: what the live shadow needs to apply a scenario's response model once
 * the day is whole (the model moves energy within a day, so it needs the day). The day's
 * today-price of a quarter hour is its revenue over its energy (the class's customers' mix of
 * tariffs), the scenario's the scenario tariff's price then.
 *
 * <p>The load operator hands it over once the day can no longer change (its end plus the allowed
 * lateness); a Flink POJO (public no-arg constructor, public fields), 2 × 96 integer micro-units.
 */
public final class ShadowDay {

    public static final int QUARTERS = Bucket.QUARTERS_A_DAY;

    /** The day's first instant. */
    public long startMillis;

    /** Energy by quarter hour, micro-kWh. */
    public long[] microKwh = new long[QUARTERS];

    /** Revenue at today's tariffs by quarter hour, micro-CNY. */
    public long[] microCnyToday = new long[QUARTERS];

    /**
     * Release 0.2's layout, set only in a day restored from a savepoint of then (the live shadow
     * kept its own copy of each open day): energy by quarter hour × {@link TariffBook#SLOTS}, kWh.
     */
    public double[] kwh;

    /** Release 0.2's layout, as {@link #kwh}: revenue at today's tariffs, CNY. */
    public double[] revenueToday;

    public ShadowDay() {}

    /**
     * @param microKwh energy by quarter hour, micro-kWh ({@link #QUARTERS} of them)
     * @param microCnyToday revenue at today's tariffs by quarter hour, micro-CNY
     */
    public static ShadowDay of(long startMillis, long[] microKwh, long[] microCnyToday) {
        if (microKwh.length != QUARTERS || microCnyToday.length != QUARTERS) {
            throw new IllegalArgumentException(
                    "a day has " + QUARTERS + " quarter hours, not " + microKwh.length);
        }
        ShadowDay day = new ShadowDay();
        day.startMillis = startMillis;
        day.microKwh = microKwh;
        day.microCnyToday = microCnyToday;
        return day;
    }

    /**
     * Completes the day with a savepoint's copy of it in release 0.2's layout: the quarter hours
     * that closed before the savepoint are only there (the load operator's state had dropped them).
     * A quarter hour this day has energy for is newer here, energy only growing.
     */
    public void complete(ShadowDay earlier) {
        if (earlier.kwh == null || earlier.revenueToday == null) {
            return;
        }
        int slots = earlier.kwh.length / QUARTERS;
        for (int q = 0; q < QUARTERS; q++) {
            if (microKwh[q] != 0) {
                continue;
            }
            double energy = 0;
            double revenue = 0;
            for (int p = 0; p < slots; p++) {
                energy += earlier.kwh[q * slots + p];
                revenue += earlier.revenueToday[q * slots + p];
            }
            microKwh[q] = Math.round(energy * 1e6);
            microCnyToday[q] = Math.round(revenue * 1e6);
        }
    }

    /**
     * The day under a scenario with its response: one {@link Measurements#SHADOW_RESPONSE} point
     * per quarter hour that had energy. A class the scenario does not apply to keeps its load and
     * its revenue.
     */
    public List<MetricPoint> respond(ShadowPrice price, String area, String customerClass) {
        WhatIfScenario scenario = price.scenario();
        PeriodLookup lookup = price.lookup();
        java.util.Optional<ResponseModel> response = price.response(customerClass);
        boolean applies = response.isPresent();
        long[] micro = new long[QUARTERS];
        double[] before = new double[QUARTERS];
        double[] after = new double[QUARTERS];
        for (int q = 0; q < QUARTERS; q++) {
            micro[q] = microKwh[q];
            before[q] = microKwh[q] > 0 ? (double) microCnyToday[q] / microKwh[q] : 0;
            after[q] = applies ? price.cnyPerKwh(startMillis + q * Bucket.MILLIS) : before[q];
        }
        long[] responded = new long[QUARTERS];
        response.orElse(ResponseModel.NONE).respond(micro, 0, QUARTERS, before, after, responded);
        List<MetricPoint> points = new ArrayList<>();
        for (int q = 0; q < QUARTERS; q++) {
            if (micro[q] == 0 && responded[q] == 0) {
                continue;
            }
            long at = startMillis + q * Bucket.MILLIS;
            double kwhAfter = responded[q] / 1e6;
            points.add(
                    MetricPoint.of(Measurements.SHADOW_RESPONSE)
                            .tag("area", area)
                            .tag("class", customerClass)
                            .tag("scenario", scenario.name())
                            .field("kwh", kwhAfter)
                            .field("revenue", kwhAfter * after[q])
                            .field("peak_kwh", lookup.periodAt(at).isPeak() ? kwhAfter : 0.0)
                            .at(at));
        }
        return points;
    }
}
