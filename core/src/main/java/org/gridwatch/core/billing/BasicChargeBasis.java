package org.gridwatch.core.billing;

/**
 * What the basic charge of a two-part tariff (大工业 基本电费) is computed on; large-industry customers
 * choose one.
 */
public enum BasicChargeBasis {
    /** Contract capacity in kVA × the capacity price (容量电价). */
    CAPACITY,
    /** The month's maximum 15-minute demand in kW × the demand price (需量电价). */
    DEMAND;

    /**
     * Capacity when the contract capacity is known, otherwise demand, which the meter always gives.
     * The customer master does not record the customer's choice yet.
     */
    public static BasicChargeBasis defaultFor(double contractKva) {
        return Double.isNaN(contractKva) ? DEMAND : CAPACITY;
    }
}
