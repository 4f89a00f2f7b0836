package org.gridwatch.jobs.ops;

import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.tariff.TariffBook;

/**
 * Metered energy in one bucket of one area and class: in all, and split by tariff period with its
 * energy revenue. Integer micro-units, so sums do not depend on arrival order. A Flink POJO.
 */
public final class LoadTotal {
    public long microKwh;
    public long readings;

    /** By {@link TariffBook} slot: the periods, then UNPRICED. */
    public long[] microKwhBySlot = new long[TariffBook.SLOTS];

    /** Energy revenue by slot, micro-CNY. */
    public long[] microCnyBySlot = new long[TariffBook.SLOTS];

    /** The energy of the last emission, so that a re-emission can say what changed. */
    public long emittedMicroKwh;

    public LoadTotal() {}

    void add(long microKwh, int slot, double cnyPerKwh) {
        this.microKwh += microKwh;
        this.readings++;
        microKwhBySlot[slot] += microKwh;
        microCnyBySlot[slot] += Math.round(microKwh * cnyPerKwh);
    }

    /** Adds another part of the same quarter hour (what it emitted is this one's own). */
    void merge(LoadTotal other) {
        microKwh += other.microKwh;
        readings += other.readings;
        for (int slot = 0; slot < microKwhBySlot.length; slot++) {
            microKwhBySlot[slot] += other.microKwhBySlot[slot];
            microCnyBySlot[slot] += other.microCnyBySlot[slot];
        }
    }

    double kwh() {
        return Bucket.kwhOf(microKwh);
    }
}
