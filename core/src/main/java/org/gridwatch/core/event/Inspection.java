package org.gridwatch.core.event;

/**
 * What an inspector found on site (topic {@code inspections}).
 *
 * @param alertId the alert that sent the inspector, or null for a routine inspection
 */
public record Inspection(
        String customerId, String alertId, long tsMillis, InspectionOutcome outcome) {}
