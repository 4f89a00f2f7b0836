package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.gridwatch.core.event.MeterReading;
import org.junit.jupiter.api.Test;

/** The worked example of docs/tariffs.md: one workday of hourly readings of a shop. */
class DayOfReadingsPricingTest {

    /** kWh of the hours starting 00:00, 01:00, … 23:00 on Tuesday 2026-03-10. */
    private static final double[] HOURLY_KWH = {
        2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 5.5,
        12.0, 14.5, 15.0, 15.5, 14.0, 13.0, 13.5, 14.0,
        12.5, 16.0, 18.5, 19.0, 17.5, 12.0, 6.5, 3.0
    };

    @Test
    void pricesADayOfShopReadingsAsTheWorkedExampleInTheDocs() {
        Tariff tariff = TariffFile.presets().get("commercial-tou");
        PeriodLookup lookup = PeriodLookup.china(tariff.schedule(), HolidayCalendar.china2026());
        long dayStart =
                LocalDateTime.parse("2026-03-10T00:00")
                        .toInstant(ZoneOffset.ofHours(8))
                        .toEpochMilli();

        Map<TariffPeriod, BigDecimal> kwh = new EnumMap<>(TariffPeriod.class);
        for (int hour = 0; hour < 24; hour++) {
            MeterReading reading =
                    new MeterReading(
                            "M1",
                            dayStart + (hour + 1) * 3_600_000L,
                            60,
                            HOURLY_KWH[hour],
                            Double.NaN,
                            Double.NaN,
                            0);
            // An interval belongs to the period in which it starts.
            TariffPeriod period = lookup.periodAt(reading.startMillis());
            kwh.merge(period, BigDecimal.valueOf(reading.kwh()), BigDecimal::add);
        }

        assertThat(kwh.get(TariffPeriod.PEAK)).isEqualByComparingTo("131.0");
        assertThat(kwh.get(TariffPeriod.FLAT)).isEqualByComparingTo("61.5");
        assertThat(kwh.get(TariffPeriod.VALLEY)).isEqualByComparingTo("43.5");

        long peak =
                TariffMoney.amountFen(
                        kwh.get(TariffPeriod.PEAK), tariff.priceOf(TariffPeriod.PEAK));
        long flat =
                TariffMoney.amountFen(
                        kwh.get(TariffPeriod.FLAT), tariff.priceOf(TariffPeriod.FLAT));
        long valley =
                TariffMoney.amountFen(
                        kwh.get(TariffPeriod.VALLEY), tariff.priceOf(TariffPeriod.VALLEY));
        // 131.0 × 1.04 = 136.24; 61.5 × 0.65 = 39.975 → 39.98; 43.5 × 0.2925 = 12.72375 → 12.72.
        assertThat(peak).isEqualTo(13_624);
        assertThat(flat).isEqualTo(3_998);
        assertThat(valley).isEqualTo(1_272);
        assertThat(peak + flat + valley).isEqualTo(18_894);
    }
}
