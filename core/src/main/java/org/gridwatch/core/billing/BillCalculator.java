package org.gridwatch.core.billing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gridwatch.core.tariff.Charges;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffMoney;
import org.gridwatch.core.tariff.TariffPeriod;
import org.gridwatch.core.tariff.TierScheme;
import org.gridwatch.core.tariff.TouSchedule;

/**
 * Turns a month of usage into a bill under a tariff: the usage's energy per period, metered and
 * (once {@link MonthSettlement} has settled it) estimated alike, each kWh priced in its period. The
 * lines, in this order:
 *
 * <ol>
 *   <li>energy: one line per period with kWh, kWh × the period's price;
 *   <li>tier increments: one line per upper tier the month reaches, the tier's kWh × its increment
 *       (the tier is decided on the total, the TOU price on the split: 发改价格〔2011〕2617号);
 *   <li>the fixed monthly charge, if the tariff has one;
 *   <li>the basic charge of a two-part tariff, on capacity or on maximum demand;
 *   <li>a top-up to the minimum monthly charge, if the lines so far come to less.
 * </ol>
 *
 * Every line is rounded once, to the fen, half up ({@link TariffMoney}); the total is the sum of
 * the rounded lines. Stateless and thread-safe.
 */
public final class BillCalculator {

    private static final BigDecimal ONE = BigDecimal.ONE;

    private final BillingCalendar calendar;

    public BillCalculator(BillingCalendar calendar) {
        this.calendar = calendar;
    }

    /** The bill with the basic charge on {@link BasicChargeBasis#defaultFor(double)}. */
    public BillStatement bill(
            String customerId,
            Tariff tariff,
            MonthlyUsage usage,
            double contractKva,
            BigDecimal kwhEarlierThisYear) {
        return bill(
                customerId,
                tariff,
                usage,
                BasicChargeBasis.defaultFor(contractKva),
                contractKva,
                kwhEarlierThisYear);
    }

    /**
     * @param usage the month, accumulated with the lookup of this tariff
     * @param basis what a two-part tariff's basic charge is computed on; {@code CAPACITY} with an
     *     unknown contract capacity falls back to demand (the meter always gives the demand)
     * @param contractKva contract capacity in kVA, {@link Double#NaN} when unknown (the contract's
     *     {@code contractKw} is used as kVA: the master data gives no power factor)
     * @param kwhEarlierThisYear kWh billed earlier in the same calendar year, for annual tiers
     *     (ignored by monthly tiers and untiered tariffs)
     * @throws IllegalArgumentException if the usage has kWh in a period the tariff does not price
     */
    public BillStatement bill(
            String customerId,
            Tariff tariff,
            MonthlyUsage usage,
            BasicChargeBasis basis,
            double contractKva,
            BigDecimal kwhEarlierThisYear) {
        List<BillLine> lines = new ArrayList<>(TariffPeriod.values().length + 4);
        double[] kwhShown = new double[TariffPeriod.values().length];
        Set<TariffPeriod> shown = periodsOfMonth(tariff.schedule(), usage.month().getMonthValue());

        for (TariffPeriod period : TariffPeriod.values()) {
            long micro = usage.microKwh[period.ordinal()];
            // Rounded to the Wh the readings carry, for the bill as printed; lines use exact kWh.
            kwhShown[period.ordinal()] = Math.round(micro / 1000.0) / 1000.0;
            if (micro == 0) {
                continue;
            }
            if (tariff.prices().price(period).isEmpty()) {
                throw new IllegalArgumentException(
                        "usage of "
                                + usage.month()
                                + " has kWh in "
                                + period.fileName()
                                + ", which tariff "
                                + tariff.id()
                                + " does not price");
            }
            shown.add(period);
            BigDecimal kwh = usage.kwh(period);
            BigDecimal price = tariff.priceOf(period);
            lines.add(
                    new BillLine(
                            BillLine.Kind.ENERGY,
                            period.fileName(),
                            kwh,
                            price,
                            TariffMoney.amountFen(kwh, price)));
        }

        addTierLines(tariff.tiers(), usage.totalKwh(), kwhEarlierThisYear, lines);
        addChargeLines(tariff.charges(), usage, basis, contractKva, lines);

        long total = 0;
        for (BillLine line : lines) {
            total += line.amountFen();
        }
        long topUp = tariff.charges().minimumTopUpFen(total);
        if (topUp > 0) {
            lines.add(
                    new BillLine(
                            BillLine.Kind.MINIMUM_TOP_UP,
                            "minimum charge top-up",
                            ONE,
                            BigDecimal.valueOf(topUp, 2),
                            topUp));
            total += topUp;
        }

        YearMonth month = usage.month();
        return new BillStatement(
                customerId,
                month.toString(),
                tariff.id(),
                kwhShown,
                shown,
                usage.totalKwh(),
                lines,
                total,
                calendar.issuedMillis(month),
                calendar.dueMillis(month),
                BigDecimal.valueOf(usage.estimatedMicroKwh, 6));
    }

    private static void addTierLines(
            TierScheme tiers,
            BigDecimal kwhNow,
            BigDecimal kwhEarlierThisYear,
            List<BillLine> out) {
        if (!tiers.isTiered()) {
            return;
        }
        BigDecimal before =
                tiers.basis() == TierScheme.Basis.ANNUAL ? kwhEarlierThisYear : BigDecimal.ZERO;
        BigDecimal[] inTier = tiers.split(before, kwhNow);
        for (int i = 0; i < inTier.length; i++) {
            BigDecimal increment = tiers.tiers().get(i).incrementCnyPerKwh();
            if (increment.signum() != 0 && inTier[i].signum() != 0) {
                out.add(
                        new BillLine(
                                BillLine.Kind.TIER_INCREMENT,
                                "tier " + (i + 1),
                                inTier[i],
                                increment,
                                TariffMoney.amountFen(inTier[i], increment)));
            }
        }
    }

    private static void addChargeLines(
            Charges charges,
            MonthlyUsage usage,
            BasicChargeBasis basis,
            double contractKva,
            List<BillLine> out) {
        long fixed = charges.fixedMonthlyFen();
        if (fixed > 0) {
            out.add(
                    new BillLine(
                            BillLine.Kind.FIXED_MONTHLY,
                            "fixed monthly",
                            ONE,
                            charges.fixedMonthlyCny(),
                            fixed));
        }
        boolean capacityPossible =
                charges.capacityCnyPerKvaMonth().signum() > 0 && !Double.isNaN(contractKva);
        if (basis == BasicChargeBasis.CAPACITY && capacityPossible) {
            BigDecimal kva = BigDecimal.valueOf(contractKva);
            out.add(
                    new BillLine(
                            BillLine.Kind.CAPACITY,
                            "capacity",
                            kva,
                            charges.capacityCnyPerKvaMonth(),
                            charges.capacityChargeFen(kva)));
        } else if (charges.demandCnyPerKwMonth().signum() > 0) {
            BigDecimal kw = usage.maxDemandKw();
            out.add(
                    new BillLine(
                            BillLine.Kind.DEMAND,
                            "maximum demand",
                            kw,
                            charges.demandCnyPerKwMonth(),
                            charges.demandChargeFen(kw)));
        }
    }

    /** The periods the schedule can put a reading in during {@code month}, any day type. */
    private static Set<TariffPeriod> periodsOfMonth(TouSchedule schedule, int month) {
        Set<TariffPeriod> periods = EnumSet.noneOf(TariffPeriod.class);
        for (DayType type : DayType.values()) {
            for (int minute = 0; minute < 1440; minute += schedule.slotMinutes()) {
                periods.add(schedule.period(month, type, minute));
            }
        }
        return periods;
    }
}
