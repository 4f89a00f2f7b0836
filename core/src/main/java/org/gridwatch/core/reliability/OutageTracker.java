package org.gridwatch.core.reliability;

import java.util.Optional;
import org.gridwatch.core.event.MeterEvent;

/**
 * A customer's supply as its meter tells it: a reading flagged {@code POWER_OFF} starts an
 * interruption, a later one flagged {@code POWER_ON} ends it. A reading says only that the event
 * happened within its interval, so each end is placed at the middle of its interval (half an
 * interval off at most, and as often early as late). A reading flagged with both, while supply is
 * on, is an interruption within its interval: from its start to its middle, half the interval (so
 * sustained for the contract's 15-, 30- and 60-minute readings). While supply is off, a reading
 * flagged with both ends the interruption at its middle and starts the next one there. Readings are
 * taken in event-time order; a {@code POWER_ON} earlier than the open interruption's start is
 * ignored.
 *
 * <p>Flink state, one per customer: public no-arg constructor, public fields (16 bytes).
 */
public final class OutageTracker {

    public static final long NONE = Long.MIN_VALUE;

    /** When the open interruption started, or {@link #NONE}. */
    public long offSinceMillis = NONE;

    public OutageTracker() {}

    public boolean isOff() {
        return offSinceMillis != NONE;
    }

    /**
     * Takes one reading's events.
     *
     * @return the interruption this reading ends, if it ends one
     */
    public Optional<Interruption> onReading(long startMillis, long endMillis, int events) {
        boolean off = MeterEvent.isSet(events, MeterEvent.POWER_OFF);
        boolean on = MeterEvent.isSet(events, MeterEvent.POWER_ON);
        long middle = startMillis + (endMillis - startMillis) / 2;
        if (off && on && !isOff()) {
            return Optional.of(new Interruption(startMillis, middle));
        }
        if (on && isOff()) {
            if (middle < offSinceMillis) {
                return Optional.empty();
            }
            Interruption ended = new Interruption(offSinceMillis, middle);
            offSinceMillis = off ? middle : NONE;
            return Optional.of(ended);
        }
        if (off && !isOff()) {
            offSinceMillis = middle;
        }
        return Optional.empty();
    }
}
