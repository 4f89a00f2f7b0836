package org.gridwatch.core.tariff;

/**
 * A policy concern about a tariff that loads fine: the tariff may be deliberate (an old notice, a
 * what-if), so a warning is reported to the planner, not thrown.
 */
public record TariffWarning(String fileName, String tariffId, String message) {
    @Override
    public String toString() {
        return fileName + ": tariff '" + tariffId + "': " + message;
    }
}
