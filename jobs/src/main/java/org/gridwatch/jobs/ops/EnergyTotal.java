package org.gridwatch.jobs.ops;

import org.gridwatch.core.metric.Bucket;

/**
 * Energy in one bucket, in whole micro-kWh (see {@link Bucket#microKwh}), and how many readings it
 * came from. A Flink POJO.
 */
public final class EnergyTotal {
    public long microKwh;
    public long readings;

    public EnergyTotal() {}

    void add(long microKwh) {
        this.microKwh += microKwh;
        this.readings++;
    }

    double kwh() {
        return Bucket.kwhOf(microKwh);
    }
}
