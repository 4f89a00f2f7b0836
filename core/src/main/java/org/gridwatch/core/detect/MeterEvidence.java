package org.gridwatch.core.detect;

import org.gridwatch.core.event.MeterEvent;

/**
 * What a meter itself said about a day: tamper events, its register running backwards, reverse
 * energy from a customer without generation, a lost phase or unbalanced currents.
 */
public record MeterEvidence(
        boolean tamper,
        boolean registerRollback,
        boolean reverseWithoutGeneration,
        boolean phaseFault) {

    public static final MeterEvidence NONE = new MeterEvidence(false, false, false, false);

    /** Reverse energy below this in a day is a meter's creep, not a finding, kWh. */
    static final double REVERSE_KWH = 0.1;

    /** A register this far below the previous day's end has been rolled back, kWh. */
    static final double ROLLBACK_KWH = 0.5;

    /**
     * The evidence of a day.
     *
     * @param previousRegisterKwh the register at the end of the customer's previous day, or NaN
     * @param generates whether the customer may export (declared generation): reverse energy is
     *     then expected
     */
    public static MeterEvidence of(DayLoad day, double previousRegisterKwh, boolean generates) {
        boolean tamper =
                MeterEvent.isSet(day.events, MeterEvent.COVER_OPEN)
                        || MeterEvent.isSet(day.events, MeterEvent.MAGNETIC_TAMPER);
        boolean rollback =
                !Double.isNaN(previousRegisterKwh)
                        && !Double.isNaN(day.registerStartKwh)
                        && day.registerStartKwh < previousRegisterKwh - ROLLBACK_KWH;
        boolean reverse =
                !generates
                        && (day.exportKwh > REVERSE_KWH
                                || MeterEvent.isSet(day.events, MeterEvent.REVERSE_FLOW));
        boolean phase =
                MeterEvent.isSet(day.events, MeterEvent.PHASE_LOSS)
                        || MeterEvent.isSet(day.events, MeterEvent.CURRENT_IMBALANCE);
        return new MeterEvidence(tamper, rollback, reverse, phase);
    }

    public boolean any() {
        return tamper || registerRollback || reverseWithoutGeneration || phaseFault;
    }
}
