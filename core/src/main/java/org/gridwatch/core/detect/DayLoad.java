package org.gridwatch.core.detect;

import org.gridwatch.core.event.MeterReading;

/**
 * One customer's energy over one local day, gathered from its readings in any order: the energy per
 * hour, and what the readings themselves say (zeros, a flat top, meter events, reverse energy, the
 * register at both ends of the day). A Flink POJO: public fields, no-argument constructor.
 */
public final class DayLoad {
    /** Hours in a day; a day of a daylight-saving change is out of scope (China has none). */
    public static final int HOURS = 24;

    /** Energy below this, kWh per hour, counts as a zero reading (a meter's last digit). */
    static final double ZERO_KWH_PER_HOUR = 0.001;

    /** Readings within this share of the day's highest rate are tied with it (a flat top). */
    static final double TIE = 0.005;

    /** A reading's resolution with some room: meters report whole Wh, kWh. */
    static final double RESOLUTION_KWH = 0.0015;

    public long epochDay;
    public long dayStartMillis;
    public float[] hourly = new float[HOURS];
    public int readings;
    public int zeroReadings;
    public int minutes;

    /** The day's highest reading as a rate, kW, and how many readings lie within {@link #TIE}. */
    public float maxKw;

    public int tiedAtMax;

    /** Meter event flags seen in the day, OR-ed ({@link org.gridwatch.core.event.MeterEvent}). */
    public int events;

    public float exportKwh;

    /** The register at the start of the day's earliest reading (its register less its energy). */
    public double registerStartKwh = Double.NaN;

    public long registerStartMillis = Long.MAX_VALUE;
    public double registerEndKwh = Double.NaN;
    public long registerEndMillis = Long.MIN_VALUE;

    public DayLoad() {}

    public DayLoad(long epochDay, long dayStartMillis) {
        this.epochDay = epochDay;
        this.dayStartMillis = dayStartMillis;
    }

    /** Adds a reading that starts within this day (a reading past midnight is cut at it). */
    public void add(MeterReading r) {
        readings++;
        minutes += r.intervalMinutes();
        double perHour = r.kwh() * 60.0 / r.intervalMinutes();
        if (perHour < ZERO_KWH_PER_HOUR) {
            zeroReadings++;
        }
        spread(r.startMillis(), r.endMillis(), r.kwh());
        // Tied: within TIE of the maximum, or within the meter's last digit (1 Wh a reading).
        double tie = Math.max(TIE * maxKw, RESOLUTION_KWH * 60.0 / r.intervalMinutes());
        if (perHour > maxKw + tie) {
            tiedAtMax = 1;
            maxKw = (float) perHour;
        } else if (perHour >= maxKw - tie && perHour > ZERO_KWH_PER_HOUR) {
            tiedAtMax++;
        }
        events |= r.events();
        if (r.hasExport()) {
            exportKwh += (float) r.exportKwh();
        }
        if (r.hasRegister()) {
            if (r.startMillis() < registerStartMillis) {
                registerStartMillis = r.startMillis();
                registerStartKwh = r.registerKwh() - r.kwh();
            }
            if (r.endMillis() > registerEndMillis) {
                registerEndMillis = r.endMillis();
                registerEndKwh = r.registerKwh();
            }
        }
    }

    /** Splits energy over the hours it spans, in proportion to time. */
    private void spread(long start, long end, double kwh) {
        long span = end - start;
        long t = start;
        while (t < end) {
            int hour = (int) Math.floorDiv(t - dayStartMillis, 3_600_000L);
            long hourEnd = dayStartMillis + (hour + 1) * 3_600_000L;
            long until = Math.min(end, hourEnd);
            if (hour >= 0 && hour < HOURS) {
                hourly[hour] += (float) (kwh * (until - t) / span);
            }
            t = until;
        }
    }

    public double total() {
        double sum = 0;
        for (float v : hourly) {
            sum += v;
        }
        return sum;
    }

    /** The share of the day its readings cover, 0..1. */
    public double coverage() {
        return Math.min(1.0, minutes / (24.0 * 60));
    }

    /**
     * Register advance over the covered span less the interval energy: positive when the register
     * counted energy the intervals did not report. NaN without registers at both ends.
     */
    public double registerGapKwh() {
        if (Double.isNaN(registerStartKwh) || Double.isNaN(registerEndKwh)) {
            return Double.NaN;
        }
        return registerEndKwh - registerStartKwh - total();
    }
}
