package org.gridwatch.core.tariff;

import java.math.BigDecimal;

/**
 * How a tariff file states the price of one period: in CNY per kWh, or as a multiple of another.
 */
public sealed interface PriceRule {

    /** A price in CNY per kWh, such as 0.6500. */
    record Absolute(BigDecimal cnyPerKwh) implements PriceRule {}

    /** A multiple of another period's price, such as {@code flat × 1.6}. */
    record Multiple(TariffPeriod of, BigDecimal factor) implements PriceRule {}
}
