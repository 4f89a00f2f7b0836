package org.gridwatch.core.event;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An alert for inspectors (topic {@code alerts}). {@code alertId} derives from event data so a
 * replay emits the same ids; {@code evidence} holds numbers a person can check. One alert is open
 * per customer (or area) and type: new evidence emits it again with the same id and {@link
 * AlertStatus#UPDATED}.
 *
 * @param score in [0, 1], higher is more suspicious (for THEFT: the theft probability)
 * @param valueAtRiskCny expected CNY lost a month if the suspicion is right, or NaN
 * @param amountOwedCny ARREARS: the overdue amount with its late-payment penalty, or NaN
 * @param openBills ARREARS: the periods (yyyy-MM) of the unpaid bills, else empty
 * @param nextInspectionMillis when the customer is next to be inspected, or {@link #NONE}
 */
public record Alert(
        String alertId,
        String customerId,
        String meterId,
        String areaId,
        AlertType type,
        String rule,
        double score,
        Severity severity,
        long tsMillis,
        Map<String, Object> evidence,
        AlertStatus status,
        double valueAtRiskCny,
        double amountOwedCny,
        List<String> openBills,
        long nextInspectionMillis) {

    public static final long NONE = Long.MIN_VALUE;

    /**
     * An alert's id: {@code <kind>:<key>:<yyyyMMdd>}, the key the customer or area it is about and
     * the local day it opened, so that a replay makes the same ids and a later alert of the same
     * kind and key has a later day.
     */
    public static String idOf(String kind, String key, LocalDate opened) {
        return kind + ":" + key + ":" + opened.toString().replace("-", "");
    }

    /** An open alert with no type-specific fields. */
    public Alert(
            String alertId,
            String customerId,
            String meterId,
            String areaId,
            AlertType type,
            String rule,
            double score,
            Severity severity,
            long tsMillis,
            Map<String, Object> evidence) {
        this(
                alertId,
                customerId,
                meterId,
                areaId,
                type,
                rule,
                score,
                severity,
                tsMillis,
                evidence,
                AlertStatus.OPEN,
                Double.NaN,
                Double.NaN,
                List.of(),
                NONE);
    }

    /**
     * The inspectors' ranking key: probability × value at risk (expected CNY a month), or the score
     * alone when no value is at risk.
     */
    public double priority() {
        return Double.isNaN(valueAtRiskCny) ? score : score * valueAtRiskCny;
    }
}
