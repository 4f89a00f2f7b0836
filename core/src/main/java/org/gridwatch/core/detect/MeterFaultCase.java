package org.gridwatch.core.detect;

/**
 * The meter-fault case as releases before 0.2 kept it (a Flink POJO in its own state): read only
 * from such a savepoint and turned into the customer's {@link DataQualityCase} ({@link
 * DataQualityCase#of}), which holds the inspectors' METER_FAULT findings since.
 */
public final class MeterFaultCase {

    /** The open DATA_QUALITY alert's id, or null. */
    public String alertId;

    /** METER_FAULT outcomes found on the customer. */
    public int faultsFound;

    public MeterFaultCase() {}
}
