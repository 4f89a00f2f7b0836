package org.gridwatch.core.metric;

/**
 * The InfluxDB measurements GridWatch writes. Dashboards query these names: add, never rename.
 * Every point is stamped with the start of its 15-minute event-time bucket.
 */
public final class Measurements {
    /** Metered load. Tags: area, class. Fields: kwh, kw (average), readings (count). */
    public static final String LOAD = "load";

    /**
     * Metered energy by time-of-use period, with its energy revenue at each customer's tariff (CNY,
     * before tiers and fixed charges). Tags: area, class, period (PEAK, FLAT, VALLEY,
     * CRITICAL_PEAK, DEEP_VALLEY, or UNPRICED for a tariff the job does not know). Fields: kwh,
     * revenue.
     */
    public static final String TOU = "tou";

    /**
     * The system's daily peak and valley (15-minute average kW over all metered load) and the
     * peak-valley difference rate. No tags. Fields: peak_kw, valley_kw, rate (0..1), quarters (how
     * many quarter hours had data). Stamped at local midnight.
     */
    public static final String PEAK_VALLEY = "peak_valley";

    /** Energy delivered into an area at the transformer. Tags: area. Fields: kwh, kw. */
    public static final String AREA_SUPPLY = "area_supply";

    /** Records per input stream. Tags: source. Fields: records, accepted, rejected, late. */
    public static final String INGEST = "ingest";

    /** Rejected records. Tags: reason, source. Fields: count. */
    public static final String REJECTED = "rejected";

    private Measurements() {}
}
