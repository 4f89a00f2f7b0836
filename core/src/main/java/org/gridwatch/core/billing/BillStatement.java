package org.gridwatch.core.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.tariff.TariffPeriod;

/**
 * A month's bill as the calculator makes it: the kWh, every line and the total. An output value,
 * not state.
 *
 * @param period the billing month, {@code yyyy-MM}
 * @param kwhByPeriod kWh per period indexed by {@link TariffPeriod#ordinal()}, rounded to the Wh
 * @param periodsShown the periods a {@link Bill} lists: those the tariff can charge in this month
 *     (by its schedule), plus any other with kWh
 * @param totalKwh the exact kWh of the month (what annual tiers count)
 * @param amountFen the sum of the lines' amounts
 * @param estimatedKwh of {@code totalKwh}, the exact kWh no interval reading of the month measured
 *     (see {@link MonthSettlement}); negative when the register trues up an earlier estimate
 */
public record BillStatement(
        String customerId,
        String period,
        String tariffId,
        double[] kwhByPeriod,
        Set<TariffPeriod> periodsShown,
        BigDecimal totalKwh,
        List<BillLine> lines,
        long amountFen,
        long issuedMillis,
        long dueMillis,
        BigDecimal estimatedKwh) {

    public BillStatement {
        Objects.requireNonNull(customerId);
        Objects.requireNonNull(period);
        Objects.requireNonNull(tariffId);
        kwhByPeriod = kwhByPeriod.clone();
        periodsShown = Set.copyOf(periodsShown);
        lines = List.copyOf(lines);
        Objects.requireNonNull(estimatedKwh);
    }

    @Override
    public double[] kwhByPeriod() {
        return kwhByPeriod.clone();
    }

    // A record compares arrays by reference; a bill is a value, so compare the kWh themselves.
    @Override
    public boolean equals(Object o) {
        return o instanceof BillStatement b
                && customerId.equals(b.customerId)
                && period.equals(b.period)
                && tariffId.equals(b.tariffId)
                && Arrays.equals(kwhByPeriod, b.kwhByPeriod)
                && periodsShown.equals(b.periodsShown)
                && totalKwh.equals(b.totalKwh)
                && lines.equals(b.lines)
                && amountFen == b.amountFen
                && issuedMillis == b.issuedMillis
                && dueMillis == b.dueMillis
                && estimatedKwh.equals(b.estimatedKwh);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, period, tariffId, Arrays.hashCode(kwhByPeriod), amountFen);
    }

    @Override
    public String toString() {
        return "BillStatement[customerId=%s, period=%s, tariffId=%s, kwhByPeriod=%s, amountFen=%d, lines=%s]"
                .formatted(
                        customerId,
                        period,
                        tariffId,
                        Arrays.toString(kwhByPeriod),
                        amountFen,
                        lines);
    }

    public double kwh(TariffPeriod period) {
        return kwhByPeriod[period.ordinal()];
    }

    /**
     * The contract's record: kWh keyed by period name (PEAK, FLAT, …) for {@link #periodsShown},
     * and the estimated kWh rounded to the Wh.
     */
    public Bill toBill() {
        Map<String, Double> kwh = new LinkedHashMap<>();
        for (TariffPeriod p : TariffPeriod.values()) {
            if (periodsShown.contains(p)) {
                kwh.put(p.name(), kwhByPeriod[p.ordinal()]);
            }
        }
        return Bill.of(
                customerId,
                period,
                tariffId,
                kwh,
                amountFen,
                issuedMillis,
                dueMillis,
                estimatedKwh.setScale(3, RoundingMode.HALF_UP).doubleValue());
    }

    /** The month of the bill as {@code yyyy * 100 + MM}. */
    int yearMonth() {
        return Integer.parseInt(period.substring(0, 4)) * 100
                + Integer.parseInt(period.substring(5, 7));
    }
}
