package org.gridwatch.jobs.io;

import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.metric.Measurements;

/**
 * A customer joining, staying on or leaving the worklist of one strategy, area and segment (one tag
 * set of {@link Measurements#WORKLIST}). A Flink POJO.
 */
public final class WorklistEntry {
    /** {@link #shape} bit: the fields hold {@code next_inspection}. */
    static final int NEXT_INSPECTION = 1;

    /** {@link #shape} bit: the fields hold the off-peak savings. */
    static final int OFFPEAK = 2;

    /** The tag set, escaped and in key order: {@code area=…,segment=…,strategy=…}. */
    public String series;

    public String customerId;
    public long tsMillis;

    /** Listed under this tag set by the customer's latest record; false: it left. */
    public boolean listed;

    /**
     * The point's fields except {@code status}, {@code since} and {@code updated}, in line
     * protocol; empty when the customer left.
     */
    public String fields;

    /** Which optional fields {@link #fields} holds ({@link #NEXT_INSPECTION}, {@link #OFFPEAK}). */
    public int shape;

    public WorklistEntry() {}

    static WorklistEntry listed(String series, SegmentChange s, String fields, int shape) {
        WorklistEntry e = new WorklistEntry();
        e.series = series;
        e.customerId = s.customerId();
        e.tsMillis = s.tsMillis();
        e.listed = true;
        e.fields = fields;
        e.shape = shape;
        return e;
    }

    static WorklistEntry left(String series, String customerId, long tsMillis) {
        WorklistEntry e = new WorklistEntry();
        e.series = series;
        e.customerId = customerId;
        e.tsMillis = tsMillis;
        e.listed = false;
        e.fields = "";
        e.shape = 0;
        return e;
    }

    /** The tag set of a strategy's worklist in an area and segment. */
    static String series(String area, String segment, String strategy) {
        return "area="
                + AlertVersion.escapeTag(area)
                + ",segment="
                + AlertVersion.escapeTag(segment)
                + ",strategy="
                + AlertVersion.escapeTag(strategy);
    }
}
