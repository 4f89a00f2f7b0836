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
 * <p>Flink state, one per key and open day: public no-arg constructor, public fields; 96 quarter
 * hours × 6 of today's periods × 2 doubles (9 kB) while the day is open, per area and class, not
 * per customer.
 */
public final class ShadowDay {

    public static final int QUARTERS = 96;

    /** The day's first instant. */
    public long startMillis;

    /** By quarter hour × {@link TariffBook#SLOTS} (today's period, or unpriced). */
    public double[] kwh = new double[QUARTERS * TariffBook.SLOTS];

    public double[] revenueToday = new double[QUARTERS * TariffBook.SLOTS];

    public ShadowDay() {}

    public static ShadowDay of(long startMillis) {
        ShadowDay day = new ShadowDay();
        day.startMillis = startMillis;
        return day;
    }

    /**
     * Sets one quarter hour's energy and revenue in one of today's periods: a {@code tou} point,
     * which a later version (late readings) replaces.
     *
     * @param periodSlot today's period's {@link TariffBook} slot
     */
    public void set(long bucketStart, int periodSlot, double kwh, double revenue) {
        int q = (int) ((bucketStart - startMillis) / Bucket.MILLIS);
        this.kwh[q * TariffBook.SLOTS + periodSlot] = kwh;
        this.revenueToday[q * TariffBook.SLOTS + periodSlot] = revenue;
    }

    private double kwhOf(int q) {
        double sum = 0;
        for (int p = 0; p < TariffBook.SLOTS; p++) {
            sum += kwh[q * TariffBook.SLOTS + p];
        }
        return sum;
    }

    private double revenueOf(int q) {
        double sum = 0;
        for (int p = 0; p < TariffBook.SLOTS; p++) {
            sum += revenueToday[q * TariffBook.SLOTS + p];
        }
        return sum;
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
            double energy = kwhOf(q);
            micro[q] = Math.round(energy * 1e6);
            before[q] = energy > 0 ? revenueOf(q) / energy : 0;
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
