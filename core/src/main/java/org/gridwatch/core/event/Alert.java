package org.gridwatch.core.event;

import java.util.Map;

/**
 * An alert for inspectors (topic {@code alerts}). {@code alertId} derives from event data so a
 * replay emits the same ids; {@code evidence} holds numbers a person can check.
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
        Map<String, Object> evidence) {}
