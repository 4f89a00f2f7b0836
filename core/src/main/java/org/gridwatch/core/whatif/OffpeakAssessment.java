package org.gridwatch.core.whatif;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.LoadProfile;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.core.tariff.Tariff;

/**
 * Prices one customer's usual year under its tariff and under the tariff's off-peak variant, with
 * the what-if's own engine ({@link WhatIfPricing}): the year is the customer's billing {@link
 * LoadProfile} (its average quarter hour at each hour of workdays and of other days) laid over the
 * days of the year by the holiday calendar, one month at a time. Priced twice under the variant: at
 * that load, and after the class's default response. Plain arithmetic, no state; the monitor calls
 * it when it values a customer.
 */
public final class OffpeakAssessment {

    private static final String AT_TODAYS_LOAD = "offpeak-at-todays-load";
    private static final String AFTER_SHIFT = "offpeak-after-shift";

    private final HolidayCalendar calendar;
    private final BillingCalendar billing;

    /** The pricing of each tariff, variant and class met, with its tables (not thread-safe). */
    private final Map<String, WhatIfPricing> pricing = new java.util.HashMap<>();

    public OffpeakAssessment(HolidayCalendar calendar, BillingCalendar billing) {
        this.calendar = calendar;
        this.billing = billing;
    }

    /**
     * @param profileWh the customer's load profile ({@link LoadProfile#slot} order, Wh per quarter
     *     hour, {@link LoadProfile#UNKNOWN} where never read)
     * @param year the calendar year laid out (its holidays and weekends)
     * @return {@link OffpeakOffer#NONE} when the tariff has no variant or nothing was read yet
     */
    public OffpeakOffer assess(
            String customerId,
            CustomerClass customerClass,
            int[] profileWh,
            Tariff current,
            Tariff variant,
            double contractKva,
            int year) {
        if (variant == null || !known(profileWh)) {
            return OffpeakOffer.NONE;
        }
        LoadSignature usualYear = usualYear(profileWh, year);
        usualYear.customerId = customerId;
        usualYear.customerClass = customerClass.name();
        usualYear.tariffId = current.id();
        usualYear.contractKw = contractKva;
        List<CustomerOutcome> outcomes =
                pricing.computeIfAbsent(
                                current.id() + '\u0000' + variant.id() + '\u0000' + customerClass,
                                key -> pricing(customerClass, current, variant))
                        .price(usualYear.seal());
        return new OffpeakOffer(
                variant.id(),
                -outcomes.get(0).billChangeFen() / 100.0,
                -outcomes.get(1).billChangeFen() / 100.0);
    }

    /** The two scenarios (at today's load, after shifting) for one tariff, variant and class. */
    private WhatIfPricing pricing(CustomerClass customerClass, Tariff current, Tariff variant) {
        Map<String, Tariff> today = new LinkedHashMap<>();
        today.put(current.id(), current);
        LoadedTariffs todays =
                new LoadedTariffs("the customer's tariff", Double.NaN, today, List.of());
        Map<CustomerClass, ResponseModel> shift = new EnumMap<>(CustomerClass.class);
        // Shifting only: the class's substitution elasticity with the day's energy kept. An
        // own-price response to a cheaper tariff would raise the bill by using more, which is no
        // saving.
        ResponseModel defaults = ResponseDefaults.of(customerClass);
        shift.put(
                customerClass,
                new ResponseModel(defaults.substitution(), 0, "shift only: " + defaults.source()));
        List<WhatIfScenario> scenarios =
                List.of(
                        new WhatIfScenario(
                                AT_TODAYS_LOAD,
                                Set.of(customerClass),
                                variant,
                                Map.of(),
                                WhatIfScenario.OptIn.ALL,
                                BigDecimal.ZERO,
                                CriticalPeakDays.NONE),
                        new WhatIfScenario(
                                AFTER_SHIFT,
                                Set.of(customerClass),
                                variant,
                                shift,
                                WhatIfScenario.OptIn.ALL,
                                BigDecimal.ZERO,
                                CriticalPeakDays.NONE));
        return new WhatIfPricing(todays, scenarios, billing, calendar);
    }

    /** The profile as a year of months: each day's hours at the level of its kind of day. */
    LoadSignature usualYear(int[] profileWh, int year) {
        LoadSignature signature = new LoadSignature();
        signature.months = new MonthLoad[12];
        for (int m = 1; m <= 12; m++) {
            MonthLoad month = new MonthLoad();
            month.yearMonth = year * 100 + m;
            YearMonth ym = YearMonth.of(year, m);
            long firstDay = ym.atDay(1).toEpochDay();
            for (int d = 1; d <= ym.lengthOfMonth(); d++) {
                DayType type = calendar.dayTypeOfEpochDay(firstDay + d - 1);
                month.dayBits |= 1 << (d - 1);
                for (int hour = 0; hour < LoadProfile.HOURS; hour++) {
                    long quarterMicro = level(profileWh, type, hour) * 1_000L;
                    // Two quarter hours in each half hour of the hour.
                    month.microKwh[MonthLoad.slot(type, 2 * hour)] += 2 * quarterMicro;
                    month.microKwh[MonthLoad.slot(type, 2 * hour + 1)] += 2 * quarterMicro;
                    month.maxQuarterMicroKwh = Math.max(month.maxQuarterMicroKwh, quarterMicro);
                }
            }
            signature.months[m - 1] = month;
        }
        return signature;
    }

    /** The level of an hour on a kind of day; the other kind's where this one was never read. */
    private static long level(int[] profileWh, DayType type, int hour) {
        int own = profileWh[LoadProfile.slot(type, hour * 4)];
        if (own != LoadProfile.UNKNOWN) {
            return own;
        }
        DayType other = type == DayType.WORKDAY ? DayType.WEEKEND : DayType.WORKDAY;
        int theirs = profileWh[LoadProfile.slot(other, hour * 4)];
        return theirs == LoadProfile.UNKNOWN ? 0 : theirs;
    }

    private static boolean known(int[] profileWh) {
        for (int level : profileWh) {
            if (level != LoadProfile.UNKNOWN) {
                return true;
            }
        }
        return false;
    }
}
