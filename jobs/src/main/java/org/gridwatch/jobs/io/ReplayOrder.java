package org.gridwatch.jobs.io;

import java.util.Locale;

/**
 * The order in which a file replay reads a time-stamped input (readings, area readings, payments,
 * inspections; the customer master is always read as written, a later record replacing an earlier
 * one).
 *
 * <p>A replay's file is meant to be what a live stream would have delivered, in the order it
 * arrived: then a reading written a week after its time is as late as it would have been live, and
 * a file replay and a Kafka run give the same results. Exports are often not that: a head-end or a
 * data portal writes one meter's history after the other, or one customer's payments after the
 * other. Read as written, every meter after the first would come more than the allowed lateness
 * after the first one's last reading, and be rejected {@code TOO_LATE}.
 */
public enum ReplayOrder {
    /**
     * As written, unless the file's first records show it is not an arrival log: {@link #TIME} when
     * at least {@link InputOrder#NOT_ARRIVAL_SHARE} of its first timed records would be more than
     * the allowed lateness behind the newest before them, {@link #FILE} otherwise. The default.
     */
    AUTO,
    /** As written: the file is the order the records arrived in. */
    FILE,
    /**
     * In event-time order, the records of one instant in the order written: a sorted copy of the
     * file is replayed (nothing is late, but what the file itself has twice or wrong).
     */
    TIME;

    /** The option's value, case-insensitive: {@code auto}, {@code file} or {@code time}. */
    public static ReplayOrder parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (ReplayOrder o : values()) {
            if (o.name().equals(t)) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "--replay-order " + text + " is not one of auto, file, time");
    }

    /** The option's value as typed. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
