package org.gridwatch.core.event;

/**
 * Energy delivered into a transformer area (台区) during an interval, measured at the transformer
 * (topic {@code area-readings}). Supplied minus billed is the area's line loss.
 */
public record AreaReading(String areaId, long endMillis, int intervalMinutes, double kwh) {

    public long startMillis() {
        return endMillis - intervalMinutes * 60_000L;
    }
}
