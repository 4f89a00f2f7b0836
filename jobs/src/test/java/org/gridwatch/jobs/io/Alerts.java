package org.gridwatch.jobs.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Severity;

/** Synthetic alerts for the output tests. */
final class Alerts {
    static final long T0 = Instant.parse("2026-01-20T00:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000L;

    private Alerts() {}

    static Alert theft(
            String id,
            String customer,
            String area,
            double score,
            Severity severity,
            long ts,
            AlertStatus status,
            double valueAtRisk) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("nightShare", 0.0312);
        evidence.put("days", 14);
        return new Alert(
                id,
                customer,
                customer == null ? null : "M" + customer.substring(1),
                area,
                AlertType.THEFT,
                "h3-daily-fraction",
                score,
                severity,
                ts,
                evidence,
                status,
                valueAtRisk,
                Double.NaN,
                new ArrayList<>(),
                Alert.NONE);
    }

    static Alert areaLoss(String id, String area, double score, long ts, AlertStatus status) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("lossRate", 0.184);
        evidence.put("suppliedKwh", 1200.5);
        return new Alert(
                id,
                null,
                null,
                area,
                AlertType.AREA_LOSS,
                "area-loss",
                score,
                Severity.HIGH,
                ts,
                evidence,
                status,
                Double.NaN,
                Double.NaN,
                List.of(),
                Alert.NONE);
    }
}
