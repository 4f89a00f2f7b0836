package org.gridwatch.core.whatif;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffMoney;
import org.gridwatch.core.tariff.TariffPeriod;

/**
 * Prices one customer's signature under every scenario: today's bills, who takes the scenario, the
 * response, the bills after and the shift incentive (docs/whatif.md, "How a scenario is priced").
 * Stateless apart from price tables it caches; one instance per task.
 */
public final class WhatIfPricing {

    private final LoadedTariffs today;
    private final List<WhatIfScenario> scenarios;
    private final SignatureBills bills;
    private final HolidayCalendar calendar;

    /** Prices by tariff (identity), incentive and month (1–12), worked out once per task. */
    private final Map<Tariff, Map<Double, double[][]>> priceTables = new IdentityHashMap<>();

    /**
     * @param holidays the calendar the signatures were built with (which days are workdays)
     */
    public WhatIfPricing(
            LoadedTariffs today,
            List<WhatIfScenario> scenarios,
            BillingCalendar calendar,
            HolidayCalendar holidays) {
        this.today = today;
        this.scenarios = List.copyOf(scenarios);
        this.bills = new SignatureBills(calendar);
        this.calendar = holidays;
    }

    public List<WhatIfScenario> scenarios() {
        return scenarios;
    }

    /**
     * @throws IllegalArgumentException if the customer's class or tariff is unknown
     */
    public List<CustomerOutcome> price(LoadSignature signature) {
        CustomerClass customerClass = classOf(signature);
        Tariff current =
                today.find(signature.tariffId)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "customer "
                                                        + signature.customerId
                                                        + ": tariff '"
                                                        + signature.tariffId
                                                        + "' is not in "
                                                        + today.fileName()));
        MonthLoad[] months = signature.months;
        long beforeFen =
                bills.totalFen(signature.customerId, current, months, signature.contractKw);
        long kwh = signature.totalMicroKwh();
        List<CustomerOutcome> outcomes = new ArrayList<>(scenarios.size());
        for (WhatIfScenario scenario : scenarios) {
            outcomes.add(price(signature, customerClass, current, beforeFen, kwh, scenario));
        }
        return outcomes;
    }

    private CustomerOutcome price(
            LoadSignature signature,
            CustomerClass customerClass,
            Tariff current,
            long beforeFen,
            long kwh,
            WhatIfScenario scenario) {
        Tariff proposed = scenario.tariff();
        CriticalPeakDays events = scenario.criticalPeakDays();
        // Today's load laid over the scenario's days: event days apart when it calls any.
        MonthLoad[] split = events.any() ? split(signature.months, events) : signature.months;
        long peakBefore = 0;
        for (MonthLoad m : split) {
            peakBefore += bills.peakMicroKwh(m, proposed.schedule(), events);
        }
        boolean inScenario = scenario.appliesTo(customerClass);
        boolean optedIn = inScenario && takes(signature, scenario, split, beforeFen);
        if (!optedIn) {
            return new CustomerOutcome(
                    scenario.name(),
                    signature.customerId,
                    customerClass,
                    signature.segment,
                    inScenario,
                    false,
                    beforeFen,
                    beforeFen,
                    0,
                    kwh,
                    kwh,
                    peakBefore,
                    peakBefore,
                    0,
                    signature.months);
        }
        ResponseModel response = scenario.responseOf(customerClass);
        MonthLoad[] after = response.isNone() ? split : respond(split, current, scenario, response);
        long afterFen =
                bills.totalFen(signature.customerId, proposed, after, signature.contractKw, events);
        long peakAfter = 0;
        long moved = 0;
        long incentive = 0;
        for (int i = 0; i < after.length; i++) {
            long monthBefore = bills.peakMicroKwh(split[i], proposed.schedule(), events);
            long monthAfter = bills.peakMicroKwh(after[i], proposed.schedule(), events);
            peakAfter += monthAfter;
            long monthMoved = Math.max(0, monthBefore - monthAfter);
            moved += monthMoved;
            if (scenario.hasShiftIncentive() && monthMoved > 0) {
                incentive +=
                        TariffMoney.amountFen(
                                BigDecimal.valueOf(monthMoved, 6),
                                scenario.shiftIncentiveCnyPerKwh());
            }
        }
        long kwhAfter = 0;
        for (MonthLoad m : after) {
            kwhAfter += m.totalMicroKwh();
        }
        return new CustomerOutcome(
                scenario.name(),
                signature.customerId,
                customerClass,
                signature.segment,
                true,
                true,
                beforeFen,
                afterFen,
                incentive,
                kwh,
                kwhAfter,
                peakBefore,
                peakAfter,
                moved,
                after);
    }

    private boolean takes(
            LoadSignature signature, WhatIfScenario scenario, MonthLoad[] split, long beforeFen) {
        return switch (scenario.optIn().kind()) {
            case ALL -> true;
            case SHARE -> scenario.optIn().drawn(scenario.name(), signature.customerId);
            case WINNERS ->
                    bills.totalFen(
                                    signature.customerId,
                                    scenario.tariff(),
                                    split,
                                    signature.contractKw,
                                    scenario.criticalPeakDays())
                            < beforeFen;
        };
    }

    /**
     * The months with their event days apart: in a month events may be called in, the event share
     * ({@link CriticalPeakDays#eventShare}) of every workday half hour moves to {@link
     * MonthLoad#eventMicroKwh}, rounded to the micro-kWh, the rest staying a workday's.
     */
    MonthLoad[] split(MonthLoad[] months, CriticalPeakDays events) {
        MonthLoad[] split = new MonthLoad[months.length];
        for (int i = 0; i < months.length; i++) {
            MonthLoad month = months[i];
            double share = events.eventShare(month.yearMonth % 100, workdays(month));
            if (share == 0) {
                split[i] = month;
                continue;
            }
            MonthLoad apart = new MonthLoad();
            apart.yearMonth = month.yearMonth;
            apart.dayBits = month.dayBits;
            apart.maxQuarterMicroKwh = month.maxQuarterMicroKwh;
            System.arraycopy(month.microKwh, 0, apart.microKwh, 0, MonthLoad.SLOTS);
            apart.eventMicroKwh = new long[MonthLoad.HALF_HOURS];
            for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
                int slot = MonthLoad.slot(DayType.WORKDAY, h);
                long event = Math.round(month.microKwh[slot] * share);
                apart.eventMicroKwh[h] = event;
                apart.microKwh[slot] -= event;
            }
            split[i] = apart;
        }
        return split;
    }

    /** The month's days read that are workdays by the calendar. */
    private int workdays(MonthLoad month) {
        LocalDate first = LocalDate.of(month.yearMonth / 100, month.yearMonth % 100, 1);
        int workdays = 0;
        for (int d = 0; d < 31; d++) {
            if ((month.dayBits & (1 << d)) != 0
                    && calendar.dayType(first.plusDays(d)) == DayType.WORKDAY) {
                workdays++;
            }
        }
        return workdays;
    }

    /**
     * The months after the response: each month's blocks of one day type respond to the change from
     * today's prices to the scenario's, the shift incentive counting as a higher price of the peak
     * half hours (a kWh left in the peak forgoes it). The month's maximum demand moves with the
     * half hour of its highest energy.
     */
    private MonthLoad[] respond(
            MonthLoad[] months, Tariff current, WhatIfScenario scenario, ResponseModel response) {
        MonthLoad[] after = new MonthLoad[months.length];
        double incentive = scenario.shiftIncentiveCnyPerKwh().doubleValue();
        for (int i = 0; i < months.length; i++) {
            MonthLoad month = months[i];
            int monthOfYear = month.yearMonth % 100;
            double[] before = priceTable(current, monthOfYear, 0);
            double[] proposed = priceTable(scenario.tariff(), monthOfYear, incentive);
            MonthLoad responded = new MonthLoad();
            responded.yearMonth = month.yearMonth;
            responded.dayBits = month.dayBits;
            for (DayType type : DayType.values()) {
                response.respond(
                        month.microKwh,
                        MonthLoad.slot(type, 0),
                        MonthLoad.HALF_HOURS,
                        before,
                        proposed,
                        responded.microKwh);
            }
            if (month.eventMicroKwh != null) {
                // Event days, announced the day before: today's workday prices against the event
                // day's, the critical-peak half hours at the critical-peak price.
                responded.eventMicroKwh = new long[MonthLoad.HALF_HOURS];
                response.respond(
                        month.eventMicroKwh,
                        0,
                        MonthLoad.HALF_HOURS,
                        before,
                        eventPrices(scenario, monthOfYear, incentive),
                        responded.eventMicroKwh);
            }
            int busiest = 0;
            for (int s = 1; s < MonthLoad.SLOTS; s++) {
                if (month.microKwh[s] > month.microKwh[busiest]) {
                    busiest = s;
                }
            }
            responded.maxQuarterMicroKwh =
                    month.microKwh[busiest] == 0
                            ? month.maxQuarterMicroKwh
                            : Math.round(
                                    month.maxQuarterMicroKwh
                                            * ((double) responded.microKwh[busiest]
                                                    / month.microKwh[busiest]));
            after[i] = responded;
        }
        return after;
    }

    /** An event day's prices by half hour, the incentive added to its peak half hours. */
    private double[] eventPrices(WhatIfScenario scenario, int monthOfYear, double incentive) {
        Tariff tariff = scenario.tariff();
        double[] prices = new double[MonthLoad.HALF_HOURS];
        for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
            TariffPeriod period =
                    scenario.criticalPeakDays().eventPeriod(tariff.schedule(), monthOfYear, h);
            prices[h] = tariff.priceOf(period).doubleValue() + (period.isPeak() ? incentive : 0);
        }
        return prices;
    }

    /** Energy prices of a month's slots, the incentive added to the peak half hours. */
    private double[] priceTable(Tariff tariff, int monthOfYear, double peakIncentive) {
        double[][] byMonth =
                priceTables
                        .computeIfAbsent(tariff, t -> new HashMap<>())
                        .computeIfAbsent(peakIncentive, incentive -> new double[13][]);
        if (byMonth[monthOfYear] == null) {
            double[] prices = SignatureBills.prices(tariff, monthOfYear);
            if (peakIncentive > 0) {
                for (DayType type : DayType.values()) {
                    for (int h = 0; h < MonthLoad.HALF_HOURS; h++) {
                        if (tariff.schedule().period(monthOfYear, type, h * 30).isPeak()) {
                            prices[MonthLoad.slot(type, h)] += peakIncentive;
                        }
                    }
                }
            }
            byMonth[monthOfYear] = prices;
        }
        return byMonth[monthOfYear];
    }

    private static CustomerClass classOf(LoadSignature signature) {
        try {
            return CustomerClass.valueOf(signature.customerClass);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "customer "
                            + signature.customerId
                            + ": unknown class "
                            + signature.customerClass,
                    e);
        }
    }
}
