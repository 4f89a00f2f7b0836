package org.gridwatch.core.event;

/**
 * One interval reading of a meter (topic {@code meter-readings}).
 *
 * @param endMillis the END of the interval, epoch milliseconds
 * @param intervalMinutes 15, 30 or 60
 * @param kwh active import energy used during the interval
 * @param registerKwh the cumulative import register after the interval, or {@link Double#NaN}
 * @param exportKwh reverse energy during the interval, or {@link Double#NaN}
 * @param events meter event flags as a bit set of {@link MeterEvent}
 */
public record MeterReading(
        String meterId,
        long endMillis,
        int intervalMinutes,
        double kwh,
        double registerKwh,
        double exportKwh,
        int events) {

    public long startMillis() {
        return endMillis - intervalMinutes * 60_000L;
    }

    public boolean hasRegister() {
        return !Double.isNaN(registerKwh);
    }

    public boolean hasExport() {
        return !Double.isNaN(exportKwh);
    }
}
