package org.gridwatch.core.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a bill: a quantity at a unit price, rounded once to the fen (see {@link
 * org.gridwatch.core.tariff.TariffMoney}). Lines of a fixed amount carry quantity 1.
 *
 * @param item what a customer reads: {@code peak}, {@code tier 2}, {@code fixed monthly}, …
 * @param quantity kWh, kVA, kW or 1
 * @param unitPriceCny CNY per unit of {@code quantity}
 */
public record BillLine(
        Kind kind, String item, BigDecimal quantity, BigDecimal unitPriceCny, long amountFen) {

    public enum Kind {
        /** kWh of one period at its time-of-use price. */
        ENERGY,
        /** kWh in an upper residential tier at the tier's increment. */
        TIER_INCREMENT,
        FIXED_MONTHLY,
        /** Basic charge of the two-part tariff on contract capacity (容量电价), per kVA. */
        CAPACITY,
        /** Basic charge of the two-part tariff on the month's maximum demand (需量电价), per kW. */
        DEMAND,
        /** What lifts a bill to the tariff's minimum monthly charge. */
        MINIMUM_TOP_UP
    }

    public BillLine {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(item);
        Objects.requireNonNull(quantity);
        Objects.requireNonNull(unitPriceCny);
    }
}
