package org.gridwatch.core.event;

/**
 * One record of the customer master (topic {@code customers}). A later record for the same
 * customerId replaces the earlier one.
 *
 * @param contractKw contract capacity in kW, or {@link Double#NaN} when the master does not say
 * @param sinceEpochDay the day the customer was connected (days since 1970-01-01), or {@link
 *     #UNKNOWN_SINCE} when the master does not say
 */
public record Customer(
        String customerId,
        String meterId,
        CustomerClass customerClass,
        String areaId,
        String tariffId,
        boolean prepaid,
        double contractKw,
        long sinceEpochDay) {

    public static final long UNKNOWN_SINCE = Long.MIN_VALUE;

    public boolean hasContractKw() {
        return !Double.isNaN(contractKw);
    }

    public boolean hasSince() {
        return sinceEpochDay != UNKNOWN_SINCE;
    }
}
