package org.gridwatch.core.detect;

import org.gridwatch.core.event.MeterReading;

/** Test days: a {@link DayLoad} built from hourly readings. */
final class Days {
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;

    private Days() {}

    /** A day made of 24 one-hour readings of the given kWh, no register, no events. */
    static DayLoad hourly(long epochDay, double... kwh) {
        DayLoad day = new DayLoad(epochDay, epochDay * DAY);
        for (int h = 0; h < kwh.length; h++) {
            day.add(reading(epochDay * DAY + (h + 1) * HOUR, 60, kwh[h]));
        }
        return day;
    }

    /**
     * A day of 24 one-hour readings of the given import and reverse energy (a net meter's), kWh.
     */
    static DayLoad hourlyWithExport(long epochDay, double[] kwh, double[] exportKwh) {
        DayLoad day = new DayLoad(epochDay, epochDay * DAY);
        for (int h = 0; h < kwh.length; h++) {
            day.add(
                    new MeterReading(
                            "M",
                            epochDay * DAY + (h + 1) * HOUR,
                            60,
                            kwh[h],
                            Double.NaN,
                            exportKwh[h],
                            0));
        }
        return day;
    }

    /** 24 hours of the same kWh. */
    static double[] flat(double kwh) {
        double[] x = new double[DayLoad.HOURS];
        java.util.Arrays.fill(x, kwh);
        return x;
    }

    static MeterReading reading(long endMillis, int minutes, double kwh) {
        return new MeterReading("M", endMillis, minutes, kwh, Double.NaN, Double.NaN, 0);
    }
}
