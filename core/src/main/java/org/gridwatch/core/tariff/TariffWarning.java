package org.gridwatch.core.tariff;

/**
 * A policy concern about a tariff that loads fine: the tariff may be deliberate (an old notice, a
 * what-if), so a warning is reported to the planner, not thrown.
 *
 * @param tariffId the tariff concerned; null for a concern about the file as a whole (a missing
 *     {@code system-peak-valley-gap})
 */
public record TariffWarning(String fileName, String tariffId, String message) {
    @Override
    public String toString() {
        return tariffId == null
                ? fileName + ": " + message
                : fileName + ": tariff '" + tariffId + "': " + message;
    }
}
