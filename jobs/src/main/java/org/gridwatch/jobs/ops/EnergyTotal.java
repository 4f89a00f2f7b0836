package org.gridwatch.jobs.ops;

/** Energy in one bucket and how many readings it came from. A Flink POJO. */
public final class EnergyTotal {
    public double kwh;
    public long readings;

    public EnergyTotal() {}

    void add(double kwh) {
        this.kwh += kwh;
        this.readings++;
    }
}
