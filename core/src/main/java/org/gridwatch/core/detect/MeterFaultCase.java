package org.gridwatch.core.detect;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.Severity;

/**
 * An inspector found the meter faulty (METER_FAULT): not theft, but its readings, the bills made
 * from them and the detectors' judgement of them are wrong until it is replaced. That becomes a
 * DATA_QUALITY alert for the metering team, with the inspection as evidence: id {@code
 * data-quality:<customer>:<yyyyMMdd of the inspection>}, score 1 (an inspector saw it), severity
 * MEDIUM. A further fault found on the same customer updates it. Nothing in the data says when a
 * meter was replaced, so the alert stays open for the metering team's own system to close. A Flink
 * POJO, kept by the customer operator.
 */
public final class MeterFaultCase {

    public String alertId;
    public int faultsFound;

    public MeterFaultCase() {}

    /** The alert to emit for {@code inspection}, or null if it found no meter fault. */
    public Alert onInspection(Inspection inspection, Customer customer, ZoneId zone) {
        if (inspection.outcome() != InspectionOutcome.METER_FAULT) {
            return null;
        }
        faultsFound++;
        AlertStatus status = alertId == null ? AlertStatus.OPEN : AlertStatus.UPDATED;
        if (alertId == null) {
            alertId =
                    "data-quality:"
                            + customer.customerId()
                            + ":"
                            + Instant.ofEpochMilli(inspection.tsMillis())
                                    .atZone(zone)
                                    .toLocalDate()
                                    .toString()
                                    .replace("-", "");
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("inspection", InspectionOutcome.METER_FAULT.name());
        e.put("inspectedAt", Instant.ofEpochMilli(inspection.tsMillis()).atZone(zone).toString());
        if (inspection.alertId() != null) {
            e.put("inspectedForAlert", inspection.alertId());
        }
        e.put("meterFaultsFound", faultsFound);
        return new Alert(
                alertId,
                customer.customerId(),
                customer.meterId(),
                customer.areaId(),
                AlertType.DATA_QUALITY,
                "meter-fault-found",
                1.0,
                Severity.MEDIUM,
                inspection.tsMillis(),
                e,
                status,
                Double.NaN,
                Double.NaN,
                java.util.List.of(),
                Alert.NONE);
    }
}
