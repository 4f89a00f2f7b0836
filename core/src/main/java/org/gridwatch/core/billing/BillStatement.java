package org.gridwatch.core.billing;

import java.math.BigDecimal;
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
        long dueMillis) {

    public BillStatement {
        Objects.requireNonNull(customerId);
        Objects.requireNonNull(period);
        Objects.requireNonNull(tariffId);
        kwhByPeriod = kwhByPeriod.clone();
        periodsShown = Set.copyOf(periodsShown);
        lines = List.copyOf(lines);
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
                && dueMillis == b.dueMillis;
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
     * The contract's record: kWh keyed by period name (PEAK, FLAT, …) for {@link #periodsShown}.
     */
    public Bill toBill() {
        Map<String, Double> kwh = new LinkedHashMap<>();
        for (TariffPeriod p : TariffPeriod.values()) {
            if (periodsShown.contains(p)) {
                kwh.put(p.name(), kwhByPeriod[p.ordinal()]);
            }
        }
        return Bill.of(customerId, period, tariffId, kwh, amountFen, issuedMillis, dueMillis);
    }

    /** The month of the bill as {@code yyyy * 100 + MM}. */
    int yearMonth() {
        return Integer.parseInt(period.substring(0, 4)) * 100
                + Integer.parseInt(period.substring(5, 7));
    }
}
