package org.gridwatch.core.event;

/**
 * Event flags a smart meter reports with an interval reading. A reading carries them as a bit set
 * (see {@link MeterReading#events()}), one bit per constant in declaration order: new flags are
 * appended, never reordered.
 */
public enum MeterEvent {
    COVER_OPEN,
    MAGNETIC_TAMPER,
    PHASE_LOSS,
    CURRENT_IMBALANCE,
    POWER_OFF,
    POWER_ON,
    CLOCK_RESET,
    REVERSE_FLOW;

    private static final MeterEvent[] ALL = values();

    public int bit() {
        return 1 << ordinal();
    }

    public static boolean isSet(int events, MeterEvent event) {
        return (events & event.bit()) != 0;
    }

    /** The flags in a bit set, in declaration order. */
    public static MeterEvent[] decode(int events) {
        int n = Integer.bitCount(events);
        MeterEvent[] out = new MeterEvent[n];
        int i = 0;
        for (MeterEvent e : ALL) {
            if (isSet(events, e)) {
                out[i++] = e;
            }
        }
        return out;
    }
}
