package org.gridwatch.core.whatif;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.gridwatch.core.billing.BillCalculator;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffPeriod;
import org.gridwatch.core.tariff.TouSchedule;

/**
 * Bills from a load signature, by the billing engine itself: each month's half hours are put in the
 * tariff's periods as a {@link MonthlyUsage}, and {@link BillCalculator} makes the bill (its lines,
 * tiers, charges and rounding). For a tariff whose periods change on half hours this is the bill of
 * the readings the signature was built from, to the fen. Annual tiers count the kWh of the
 * signature's earlier months of the same year, as the ledger counts the bills issued earlier.
 */
public final class SignatureBills {

    private final BillCalculator calculator;
    private final BillingCalendar calendar;

    /** Each schedule's period ordinal of every month (1–12) and slot, worked out once. */
    private final Map<TouSchedule, byte[][]> periodTables = new IdentityHashMap<>();

    /** Each month's empty usage (its bounds), worked out once and copied. */
    private final Map<Integer, MonthlyUsage> emptyMonths = new HashMap<>();

    /** Not thread-safe (its tables fill as it meets tariffs and months): one per task. */
    public SignatureBills(BillingCalendar calendar) {
        this.calendar = calendar;
        this.calculator = new BillCalculator(calendar);
    }

    /** The period ordinal of each slot of month {@code monthOfYear} under {@code schedule}. */
    byte[] periods(TouSchedule schedule, int monthOfYear) {
        return periodTables.computeIfAbsent(schedule, SignatureBills::periodTable)[monthOfYear];
    }

    private static byte[][] periodTable(TouSchedule schedule) {
        byte[][] table = new byte[13][MonthLoad.SLOTS];
        for (int month = 1; month <= 12; month++) {
            for (DayType type : DayType.values()) {
                for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
                    table[month][MonthLoad.slot(type, h)] =
                            (byte) schedule.period(month, type, h * 30).ordinal();
                }
            }
        }
        return table;
    }

    /** The total of the months' bills in fen. */
    public long totalFen(String customerId, Tariff tariff, MonthLoad[] months, double contractKva) {
        return totalFen(customerId, tariff, months, contractKva, CriticalPeakDays.NONE);
    }

    /** The total in fen, event-day energy priced as {@code events} says. */
    public long totalFen(
            String customerId,
            Tariff tariff,
            MonthLoad[] months,
            double contractKva,
            CriticalPeakDays events) {
        long total = 0;
        for (BillStatement bill : bills(customerId, tariff, months, contractKva, events)) {
            total += bill.amountFen();
        }
        return total;
    }

    /** One bill per month, in order. */
    public BillStatement[] bills(
            String customerId, Tariff tariff, MonthLoad[] months, double contractKva) {
        return bills(customerId, tariff, months, contractKva, CriticalPeakDays.NONE);
    }

    /** One bill per month, in order; event-day energy in the periods {@code events} gives it. */
    public BillStatement[] bills(
            String customerId,
            Tariff tariff,
            MonthLoad[] months,
            double contractKva,
            CriticalPeakDays events) {
        BillStatement[] bills = new BillStatement[months.length];
        BigDecimal earlierThisYear = BigDecimal.ZERO;
        int year = Integer.MIN_VALUE;
        for (int i = 0; i < months.length; i++) {
            MonthLoad month = months[i];
            if (month.yearMonth / 100 != year) {
                year = month.yearMonth / 100;
                earlierThisYear = BigDecimal.ZERO;
            }
            MonthlyUsage usage = usage(month, tariff.schedule(), events);
            bills[i] = calculator.bill(customerId, tariff, usage, contractKva, earlierThisYear);
            earlierThisYear = earlierThisYear.add(usage.totalKwh());
        }
        return bills;
    }

    /** The month as billing would hold it under {@code schedule}. */
    MonthlyUsage usage(MonthLoad month, TouSchedule schedule, CriticalPeakDays events) {
        MonthlyUsage usage =
                MonthlyUsage.of(
                        YearMonth.of(month.yearMonth / 100, month.yearMonth % 100), calendar);
        int monthOfYear = month.yearMonth % 100;
        for (DayType type : DayType.values()) {
            for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
                long micro = month.microKwh[MonthLoad.slot(type, h)];
                if (micro != 0) {
                    TariffPeriod period = schedule.period(monthOfYear, type, h * 30);
                    usage.microKwh[period.ordinal()] += micro;
                }
            }
        }
        if (month.eventMicroKwh != null) {
            for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
                long micro = month.eventMicroKwh[h];
                if (micro != 0) {
                    usage.microKwh[events.eventPeriod(schedule, monthOfYear, h).ordinal()] += micro;
                }
            }
        }
        usage.maxQuarterMicroKwh = month.maxQuarterMicroKwh;
        return usage;
    }

    /** The energy of a month in the schedule's peak and critical-peak periods, micro-kWh. */
    long peakMicroKwh(MonthLoad month, TouSchedule schedule, CriticalPeakDays events) {
        long peak = 0;
        int monthOfYear = month.yearMonth % 100;
        byte[] periods = periods(schedule, monthOfYear);
        if (month.eventMicroKwh != null) {
            for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
                if (events.eventPeriod(schedule, monthOfYear, h).isPeak()) {
                    peak += month.eventMicroKwh[h];
                }
            }
        }
        for (int slot = 0; slot < MonthLoad.SLOTS; slot++) {
            if (TariffPeriod.ofOrdinal(periods[slot]).isPeak()) {
                peak += month.microKwh[slot];
            }
        }
        return peak;
    }

    /** The energy price of each slot of a month under a tariff, CNY/kWh (tiers left out). */
    static double[] prices(Tariff tariff, int monthOfYear) {
        double[] prices = new double[MonthLoad.SLOTS];
        for (DayType type : DayType.values()) {
            for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
                TariffPeriod period = tariff.schedule().period(monthOfYear, type, h * 30);
                prices[MonthLoad.slot(type, h)] = tariff.priceOf(period).doubleValue();
            }
        }
        return prices;
    }
}
