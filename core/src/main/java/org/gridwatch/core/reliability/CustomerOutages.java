package org.gridwatch.core.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A customer's supply across all its meters (docs/supply-reliability.md). Each meter's flags are
 * read by an {@link OutageTracker}; the customer is interrupted while any of its meters is, and
 * meter interruptions that overlap (or touch) are <b>one</b> customer interruption, from the first
 * meter going dark to the last one coming back. IEEE 1366 counts customers interrupted, not meters:
 * a customer whose two meters both go dark in an area outage had one interruption.
 *
 * <p>A meter's interruption is known when its {@code POWER_ON} reading arrives, and another meter
 * of the customer may still report one overlapping it; so the merged interruption is held until
 * {@link #HOLD_MILLIS} of event time after its end and no meter that went dark before its end is
 * still dark ({@link #close}). A meter interruption disjoint from the held one and later than it
 * closes the held one at once; one earlier than it (another meter's late readings) is a customer
 * interruption of its own.
 *
 * <p>Flink state, one per customer: public no-arg constructor, public fields; only the meters that
 * are dark now are kept (the master gives a customer one meter at a time; a replaced meter's late
 * readings can still come).
 */
public final class CustomerOutages {

    /**
     * How long a customer interruption is held after its end for another meter's interruption
     * overlapping it: the watermark's out-of-orderness (15 min) plus an hourly reading's interval
     * (a meter read hourly reports its POWER_ON up to an hour after another read every 15 min).
     */
    public static final long HOLD_MILLIS = 75 * 60_000L;

    public static final long NONE = OutageTracker.NONE;

    /** The meters dark now, and since when (parallel arrays). */
    public String[] darkMeters = new String[0];

    public long[] darkSince = new long[0];

    /** The customer interruption held, or {@link #NONE}. */
    public long heldStart = NONE;

    public long heldEnd = NONE;

    public CustomerOutages() {}

    /**
     * Takes one admitted reading's events.
     *
     * @return customer interruptions that are whole now without waiting (rare: see the class
     *     comment); the held one comes from {@link #close}
     */
    public List<Interruption> onReading(
            String meterId, long startMillis, long endMillis, int events) {
        int i = indexOf(meterId);
        OutageTracker tracker = new OutageTracker();
        if (i >= 0) {
            tracker.offSinceMillis = darkSince[i];
        }
        Optional<Interruption> ended = tracker.onReading(startMillis, endMillis, events);
        setDark(meterId, i, tracker.offSinceMillis);
        return ended.map(this::merge).orElse(List.of());
    }

    /** When the held interruption may close, if no other meter holds it open; or {@link #NONE}. */
    public long closesAt() {
        return heldStart == NONE ? NONE : heldEnd + HOLD_MILLIS;
    }

    /**
     * The held interruption, if event time {@code nowMillis} has passed its hold and none of the
     * customer's meters that went dark before its end is still dark; it is then no longer held.
     */
    public Optional<Interruption> close(long nowMillis) {
        if (heldStart == NONE || nowMillis < heldEnd + HOLD_MILLIS) {
            return Optional.empty();
        }
        for (long since : darkSince) {
            if (since <= heldEnd) {
                return Optional.empty(); // its POWER_ON will extend the held interruption
            }
        }
        Interruption closed = new Interruption(heldStart, heldEnd);
        heldStart = heldEnd = NONE;
        return Optional.of(closed);
    }

    /** Whether nothing is kept (the state can be cleared). */
    public boolean isEmpty() {
        return heldStart == NONE && darkMeters.length == 0;
    }

    private List<Interruption> merge(Interruption meter) {
        if (heldStart == NONE) {
            hold(meter.startMillis(), meter.endMillis());
            return List.of();
        }
        if (meter.startMillis() <= heldEnd && meter.endMillis() >= heldStart) {
            hold(Math.min(heldStart, meter.startMillis()), Math.max(heldEnd, meter.endMillis()));
            return List.of();
        }
        if (meter.startMillis() > heldEnd) {
            List<Interruption> whole = new ArrayList<>(1);
            whole.add(new Interruption(heldStart, heldEnd));
            hold(meter.startMillis(), meter.endMillis());
            return whole;
        }
        return List.of(meter);
    }

    private void hold(long start, long end) {
        heldStart = start;
        heldEnd = end;
    }

    private int indexOf(String meterId) {
        for (int i = 0; i < darkMeters.length; i++) {
            if (darkMeters[i].equals(meterId)) {
                return i;
            }
        }
        return -1;
    }

    private void setDark(String meterId, int i, long since) {
        if (since != NONE) {
            if (i >= 0) {
                darkSince[i] = since;
                return;
            }
            darkMeters = Arrays.copyOf(darkMeters, darkMeters.length + 1);
            darkSince = Arrays.copyOf(darkSince, darkSince.length + 1);
            darkMeters[darkMeters.length - 1] = meterId;
            darkSince[darkSince.length - 1] = since;
        } else if (i >= 0) {
            int last = darkMeters.length - 1;
            darkMeters[i] = darkMeters[last];
            darkSince[i] = darkSince[last];
            darkMeters = Arrays.copyOf(darkMeters, last);
            darkSince = Arrays.copyOf(darkSince, last);
        }
    }
}
