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

    static final int SLOTS = 96;

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

    /**
     * Each reading's rate, kW, at the quarter hour it starts in (96 a day): the flat top is counted
     * from them when asked ({@link #tiedAtMax}), whatever order the readings came in.
     */
    public float[] rates = new float[SLOTS];

    /** The interval of the day's readings, minutes (the last one's: a meter has one). */
    public int intervalMinutes = 15;

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
        int slot = (int) Math.floorDiv(r.startMillis() - dayStartMillis, 900_000L);
        if (slot >= 0 && slot < SLOTS) {
            rates[slot] = (float) perHour;
        }
        intervalMinutes = r.intervalMinutes();
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

    /** The day's highest reading as a rate, kW. */
    public double maxKw() {
        float max = 0;
        for (float v : rates) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * How many readings are tied at the day's maximum: within {@link #TIE} of it, or within the
     * meter's last digit (1 Wh a reading, {@link #RESOLUTION_KWH}). Zero readings are never tied.
     */
    public int tiedAtMax() {
        double max = maxKw();
        if (max <= ZERO_KWH_PER_HOUR) {
            return 0;
        }
        double tie = Math.max(TIE * max, RESOLUTION_KWH * 60.0 / intervalMinutes);
        int tied = 0;
        for (float v : rates) {
            if (v >= max - tie && v > ZERO_KWH_PER_HOUR) {
                tied++;
            }
        }
        return tied;
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
