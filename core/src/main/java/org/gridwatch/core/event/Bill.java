package org.gridwatch.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A monthly bill (topic {@code bills}).
 *
 * <p>kWh per tariff period is held as two parallel arrays rather than a map, so that Flink keeps a
 * bill as a POJO between operators; {@link #kwhByPeriod()} gives the map.
 *
 * @param period the billing month, {@code yyyy-MM}
 * @param periodNames tariff period names (PEAK, FLAT, VALLEY, ...), in the order they are written
 * @param periodKwh kWh of each named period
 * @param amountFen the billed amount in fen
 * @param estimatedKwh of the bill's kWh, those no interval reading of the month measured (0 when
 *     all were metered; negative when the register trues up an earlier estimate)
 */
public record Bill(
        String customerId,
        String period,
        String tariffId,
        String[] periodNames,
        double[] periodKwh,
        long amountFen,
        long issuedMillis,
        long dueMillis,
        double estimatedKwh) {

    public Bill {
        if (periodNames.length != periodKwh.length) {
            throw new IllegalArgumentException("one kWh value per period name");
        }
    }

    public static Bill of(
            String customerId,
            String period,
            String tariffId,
            Map<String, Double> kwhByPeriod,
            long amountFen,
            long issuedMillis,
            long dueMillis,
            double estimatedKwh) {
        String[] names = new String[kwhByPeriod.size()];
        double[] kwh = new double[names.length];
        int i = 0;
        for (Map.Entry<String, Double> e : kwhByPeriod.entrySet()) {
            names[i] = e.getKey();
            kwh[i++] = e.getValue();
        }
        return new Bill(
                customerId,
                period,
                tariffId,
                names,
                kwh,
                amountFen,
                issuedMillis,
                dueMillis,
                estimatedKwh);
    }

    /** kWh per tariff period name, in the bill's order. */
    public Map<String, Double> kwhByPeriod() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < periodNames.length; i++) {
            m.put(periodNames[i], periodKwh[i]);
        }
        return m;
    }
}
