package org.gridwatch.core.metric;

/**
 * The InfluxDB measurements GridWatch writes. Dashboards query these names: add, never rename.
 * Every point is stamped in event time: the live measurements with the start of their 15-minute
 * bucket, the daily and monthly ones as their javadoc says.
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

    /**
     * The fleet by segment and credit grade, as the customer-value operator last assessed it. Tags:
     * area (an area id, or {@link #ALL_AREAS} for the whole fleet), segment (HIGH, MEDIUM,
     * LOW_RISKY, LOW_BASIC), grade (A, B, C). Fields: customers (count), revenue (their 12-month
     * revenue from bills, CNY). All twelve combinations of an area are written each time one of its
     * customers moves (and of ALL with them), zeros included, stamped at the end of the quarter
     * hour (event time) in which something changed (a month's bills, a payment, an inspection, a
     * demerit expiring); nothing is written while nothing changes, so dashboards read the last
     * value.
     */
    public static final String SEGMENTS = "segments";

    /**
     * How concentrated revenue is: the paper's 80/20 check and the Gini coefficient, over the
     * customers' 12-month revenue from bills. Tags: area (an area id, or {@link #ALL_AREAS} for the
     * whole fleet). Fields: customers, revenue (CNY), top20_share (0..1, the revenue share of the
     * top 20% of customers), gini (0..1). Written at each month's billing, stamped when the job
     * issues the bills: the month's end plus the allowed lateness (7 days by default), when no
     * reading can change them any more, at the end of that quarter hour.
     */
    public static final String REVENUE_CONCENTRATION = "revenue_concentration";

    /**
     * Alerts for inspectors per 15 minutes of the event time they were emitted at. Tags: area (or
     * NONE), severity (LOW, MEDIUM, HIGH), type (THEFT, ARREARS, AREA_LOSS, DATA_QUALITY,
     * SUPPLY_RELIABILITY). Fields: raised (new alerts, status OPEN), updated (re-emitted with new
     * evidence), closed (counts). Stamped at the start of the bucket, written when the watermark
     * passes its end.
     */
    public static final String ALERTS = "alerts";

    /**
     * The inspectors' worklist: one point per alert, rewritten by each of its versions. Tags: area
     * (or NONE), type. Fields: alert_id, customer, meter, severity, status, rule, evidence
     * (strings; customer and meter only when the alert has them), score, priority, value_at_risk,
     * amount_owed (floats; the last two only when known), since, updated (integers, epoch ms of the
     * first and of this version). The point's timestamp is the alert's own: the minute of its first
     * version plus a millisecond slot unique among the alerts of its area and type, so a new
     * version overwrites the alert's point and two alerts never share one.
     */
    public static final String ALERT_WORKLIST = "alert_worklist";

    /**
     * The theft watch's customers per area and day by theft score ({@link
     * org.gridwatch.core.detect.AreaTheftScores}). Tag: area. Fields: customers (whose day closed
     * there), watch (score from 0.25 to under 0.5), suspected (0.5 or more) (integers), max_score
     * (float). Stamped at the local day's start, written at its close.
     */
    public static final String THEFT_SCORES = "theft_scores";

    /**
     * The worklists per service strategy (account managers, collectors): one point per customer and
     * strategy it is or was listed under, rewritten by each of its segment records. Tags: strategy
     * (a ServiceStrategy name), area (or NONE), segment. Fields: customer, grade, strategies (all
     * the customer's, comma-separated), status (LISTED, or LEFT once the customer's latest record
     * no longer puts it under this strategy, area and segment) (strings), score, current_value,
     * potential_value, offpeak_saving, offpeak_saving_with_shift (floats; the last two only with an
     * off-peak offer), next_inspection (when planned), since (when the customer joined this list),
     * updated (its latest record) (integers, epoch ms). The point's timestamp is the minute the
     * customer joined the list plus a millisecond slot unique within the tag set, as in {@link
     * #ALERT_WORKLIST}.
     */
    public static final String WORKLIST = "worklist";

    /**
     * A tariff what-if run ({@code bin/gridwatch whatif --influx}): one point per scenario and
     * group, all stamped with the run's start (wall clock), so the latest run is the last value.
     * Tags: scenario, group_kind (ALL, class, segment), group (ALL, a class or a segment). Fields:
     * the columns of scenarios.csv (docs/whatif.md) without the scenario and class: customers,
     * opted_in, kwh_before, kwh_after, peak_kwh_before, peak_kwh_after, revenue_before,
     * revenue_after (CNY), revenue_change_pct, bill_change_p10, bill_change_p50, bill_change_p90
     * (CNY), share_paying_more, incentive_paid (CNY), kwh_moved_out_of_peak, system_peak_kw_before,
     * system_peak_kw_after, system_valley_kw_before, system_valley_kw_after,
     * peak_valley_rate_before, peak_valley_rate_after, load_factor_before, load_factor_after.
     */
    public static final String WHATIF = "whatif";

    /**
     * Live shadow scenarios (topic {@code tariff-scenarios}): each {@link #TOU} bucket priced as
     * each live scenario would price it, today's load (no response). Tags: scenario, area, class,
     * period (today's, as in {@link #TOU}). Fields: kwh, revenue_today (CNY at each customer's
     * tariff), revenue_scenario (CNY under the scenario's tariff for the classes it applies to,
     * today's for the others), peak_kwh (the energy in the scenario tariff's peak and critical-peak
     * hours). Stamped and rewritten as the {@link #TOU} bucket it comes from; a scenario applies
     * from the buckets written after it arrives, and a removed one stops.
     */
    public static final String SHADOW = "shadow";

    /**
     * The live shadow after the scenario's response model, once a day is whole: each quarter hour
     * of an area's and a class's day priced under each live scenario, its energy moved within the
     * day as the scenario's response model says (docs/whatif.md). Tags: area, class, scenario.
     * Fields: kwh, revenue (CNY at the scenario's price for the classes it applies to, today's for
     * the others), peak_kwh. Stamped at the quarter hour's start, written when the day's last
     * quarter hour can no longer change (its end plus the allowed lateness).
     */
    public static final String SHADOW_RESPONSE = "shadow_response";

    /**
     * Supply reliability, IEEE 1366 (docs/supply-reliability.md): SAIDI, SAIFI, CAIDI and MAIFI of
     * the customers' interruptions as their meters report them. Tags: area (an area id, or {@link
     * #ALL_AREAS}), segment (HIGH, MEDIUM, LOW_RISKY, LOW_BASIC, NONE for customers not valued yet,
     * or ALL), window (MONTH: the local calendar month to date; ROLLING_12_MONTHS: that month and
     * the eleven before it). Fields: customers (served now), interruptions (sustained customer
     * interruptions), customer_minutes, momentary, saidi (minutes), saifi, caidi (minutes), maifi.
     * Written at the end of each quarter hour (event time) in which one of the area's customer
     * interruptions ended or its customers changed, and at the start of each month; an interruption
     * of an earlier month also rewrites that month's figures, stamped at its last millisecond.
     */
    public static final String SUPPLY_RELIABILITY = "supply_reliability";

    /**
     * The {@code area} tag value of the whole fleet in {@link #SEGMENTS} and {@link
     * #REVENUE_CONCENTRATION}.
     */
    public static final String ALL_AREAS = "ALL";

    private Measurements() {}
}
