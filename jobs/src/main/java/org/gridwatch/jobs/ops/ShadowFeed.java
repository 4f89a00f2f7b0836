package org.gridwatch.jobs.ops;

import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.whatif.ShadowDay;

/**
 * What {@link LoadBuckets} hands the live {@link ShadowScenarios}, keyed by its series (area and
 * class): a {@code tou} point as it was written (priced at once), or a whole local day once it can
 * no longer change (priced after each scenario's response). A Flink POJO; exactly one of {@link
 * #tou} and {@link #day} is set.
 */
public final class ShadowFeed {
    /** The series, as {@link LoadBuckets#key}. */
    public String key;

    public MetricPoint tou;
    public ShadowDay day;

    public ShadowFeed() {}

    static ShadowFeed tou(String key, MetricPoint tou) {
        ShadowFeed f = new ShadowFeed();
        f.key = key;
        f.tou = tou;
        return f;
    }

    static ShadowFeed day(String key, ShadowDay day) {
        ShadowFeed f = new ShadowFeed();
        f.key = key;
        f.day = day;
        return f;
    }

    public String key() {
        return key;
    }
}
