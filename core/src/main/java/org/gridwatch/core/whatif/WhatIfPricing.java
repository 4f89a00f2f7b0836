package org.gridwatch.core.whatif;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffMoney;

/**
 * Prices one customer's signature under every scenario: today's bills, who takes the scenario, the
 * response, the bills after and the shift incentive (docs/whatif.md, "How a scenario is priced").
 * Stateless apart from price tables it caches; one instance per task.
 */
public final class WhatIfPricing {

    private final LoadedTariffs today;
    private final List<WhatIfScenario> scenarios;
    private final SignatureBills bills;
    private final Map<String, double[]> priceTables = new HashMap<>();

    public WhatIfPricing(
            LoadedTariffs today, List<WhatIfScenario> scenarios, BillingCalendar calendar) {
        this.today = today;
        this.scenarios = List.copyOf(scenarios);
        this.bills = new SignatureBills(calendar);
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
        long peakBefore = 0;
        for (MonthLoad m : signature.months) {
            peakBefore += SignatureBills.peakMicroKwh(m, proposed.schedule());
        }
        boolean inScenario = scenario.appliesTo(customerClass);
        boolean optedIn = inScenario && takes(signature, scenario, beforeFen);
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
        MonthLoad[] after =
                response.isNone()
                        ? signature.months
                        : respond(signature.months, current, scenario, response);
        long afterFen = bills.totalFen(signature.customerId, proposed, after, signature.contractKw);
        long peakAfter = 0;
        long moved = 0;
        long incentive = 0;
        for (int i = 0; i < after.length; i++) {
            long monthBefore =
                    SignatureBills.peakMicroKwh(signature.months[i], proposed.schedule());
            long monthAfter = SignatureBills.peakMicroKwh(after[i], proposed.schedule());
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

    private boolean takes(LoadSignature signature, WhatIfScenario scenario, long beforeFen) {
        return switch (scenario.optIn().kind()) {
            case ALL -> true;
            case SHARE -> scenario.optIn().drawn(scenario.name(), signature.customerId);
            case WINNERS ->
                    bills.totalFen(
                                    signature.customerId,
                                    scenario.tariff(),
                                    signature.months,
                                    signature.contractKw)
                            < beforeFen;
        };
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

    /** Energy prices of a month's slots, the incentive added to the peak half hours. */
    private double[] priceTable(Tariff tariff, int monthOfYear, double peakIncentive) {
        return priceTables.computeIfAbsent(
                tariff.id()
                        + '\u0000'
                        + System.identityHashCode(tariff)
                        + '\u0000'
                        + monthOfYear
                        + '\u0000'
                        + peakIncentive,
                key -> {
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
                    return prices;
                });
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
