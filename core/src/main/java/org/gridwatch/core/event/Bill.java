package org.gridwatch.core.event;

import java.util.Map;

/**
 * A monthly bill (topic {@code bills}).
 *
 * @param period the billing month, {@code yyyy-MM}
 * @param kwhByPeriod kWh per tariff period name (PEAK, FLAT, VALLEY, ...)
 * @param amountFen the billed amount in fen
 */
public record Bill(
        String customerId,
        String period,
        String tariffId,
        Map<String, Double> kwhByPeriod,
        long amountFen,
        long issuedMillis,
        long dueMillis) {}
