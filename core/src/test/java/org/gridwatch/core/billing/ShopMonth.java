package org.gridwatch.core.billing;

/** The shop of docs/tariffs.md: the same workday of hourly readings every day of March 2026. */
final class ShopMonth {

    /** kWh of the hours starting 00:00 … 23:00 (peak 131.0, flat 61.5, valley 43.5 a day). */
    static final double[] HOURLY_KWH = {
        2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 5.5,
        12.0, 14.5, 15.0, 15.5, 14.0, 13.0, 13.5, 14.0,
        12.5, 16.0, 18.5, 19.0, 17.5, 12.0, 6.5, 3.0
    };

    private ShopMonth() {}

    static MonthOfReadings march() {
        MonthOfReadings month = MonthOfReadings.of("commercial-tou", "2026-03");
        for (int hour = 0; hour < 24; hour++) {
            month.daily(String.format("%02d:00", hour), 60, HOURLY_KWH[hour]);
        }
        return month;
    }
}
