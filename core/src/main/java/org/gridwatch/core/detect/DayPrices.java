package org.gridwatch.core.detect;

import java.time.LocalDate;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.tariff.TariffPeriod;

/** What the tariffs say about a customer's day, hour by hour, for {@link DayJudge}. */
public final class DayPrices {
    private static final long HOUR = 3_600_000L;

    private DayPrices() {}

    /** A weekend or holiday by the lookup's calendar. */
    public static boolean restDay(PeriodLookup lookup, LocalDate date) {
        return lookup.calendar().dayType(date) != DayType.WORKDAY;
    }

    /** Which hours of the day starting at {@code dayStartMillis} are peak or critical peak. */
    public static boolean[] peakHours(PeriodLookup lookup, long dayStartMillis) {
        boolean[] peak = new boolean[DayLoad.HOURS];
        for (int h = 0; h < DayLoad.HOURS; h++) {
            TariffPeriod p = lookup.periodAt(dayStartMillis + h * HOUR + HOUR / 2);
            peak[h] = p == TariffPeriod.PEAK || p == TariffPeriod.CRITICAL_PEAK;
        }
        return peak;
    }

    /** The energy price of each hour under the tariff, CNY/kWh; null for an unknown tariff. */
    public static double[] hourPrices(TariffBook tariffs, String tariffId, long dayStartMillis) {
        if (!tariffs.knows(tariffId)) {
            return null;
        }
        double[] prices = new double[DayLoad.HOURS];
        for (int h = 0; h < DayLoad.HOURS; h++) {
            int slot = tariffs.slotAt(tariffId, dayStartMillis + h * HOUR + HOUR / 2);
            prices[h] = tariffs.cnyPerKwh(tariffId, slot);
        }
        return prices;
    }
}
