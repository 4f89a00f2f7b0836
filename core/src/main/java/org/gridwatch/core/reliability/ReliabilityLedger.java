package org.gridwatch.core.reliability;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import org.gridwatch.core.event.Segment;

/**
 * The sums behind an area's (or the fleet's) reliability indices, per segment and local calendar
 * month: customers served now, and each month's sustained customer interruptions, their minutes and
 * the momentary ones, for the current month and the eleven before it (docs/supply-reliability.md).
 * From it come the two windows the monitor writes: the month to date and the rolling 12 months (the
 * current month and the eleven before it, whole).
 *
 * <p>An interruption counts in the month it began (IEEE 1366 attributes an event to the day it
 * starts), with all its minutes. Customers served are those of the area now, by their segment now:
 * IEEE 1366 asks for the customers served at the end of the period, and the live figure's period
 * ends now.
 *
 * <p>Segments are slots {@code 0..3} ({@link Segment} order) and {@link #NONE_SLOT} for customers
 * not valued yet (their first bill is a month and a week away).
 *
 * <p>Flink state: public no-arg constructor, public fields (arrays), a few hundred bytes.
 */
public final class ReliabilityLedger {

    /** The segment tag of customers not valued yet. */
    public static final String NO_SEGMENT = "NONE";

    /** The segment tag of all customers together. */
    public static final String ALL_SEGMENTS = "ALL";

    public static final int NONE_SLOT = Segment.values().length;
    public static final int SLOTS = NONE_SLOT + 1;

    /** Months kept: the rolling window's twelve. */
    public static final int MONTHS = 12;

    /** Customers served now, per slot. */
    public long[] served = new long[SLOTS];

    /** The months kept, as {@code year * 12 + month - 1}, ascending. */
    public int[] months = new int[0];

    /** Per kept month and slot ({@code month * SLOTS + slot}): sustained interruptions. */
    public long[] interruptions = new long[0];

    /** Their customer-minutes. */
    public double[] minutes = new double[0];

    /** Momentary interruptions. */
    public long[] momentary = new long[0];

    public ReliabilityLedger() {}

    /** The slot of a segment tag ({@link Segment} name or {@link #NO_SEGMENT}). */
    public static int slot(String segment) {
        return segment == null || NO_SEGMENT.equals(segment)
                ? NONE_SLOT
                : Segment.valueOf(segment).ordinal();
    }

    /** The segment tag of a slot. */
    public static String segment(int slot) {
        return slot == NONE_SLOT ? NO_SEGMENT : Segment.values()[slot].name();
    }

    /** The month index of an instant in the utility's zone. */
    public static int monthOf(long millis, ZoneId zone) {
        YearMonth m = YearMonth.from(Instant.ofEpochMilli(millis).atZone(zone));
        return m.getYear() * 12 + m.getMonthValue() - 1;
    }

    /** The first instant of the month after {@code month}. */
    public static long startOfNextMonth(int month, ZoneId zone) {
        return YearMonth.of(month / 12, month % 12 + 1)
                .plusMonths(1)
                .atDay(1)
                .atStartOfDay(zone)
                .toInstant()
                .toEpochMilli();
    }

    public void addServed(int slot, long delta) {
        served[slot] += delta;
    }

    /** Adds an interruption of a customer of {@code slot} to the month it began in. */
    public void add(Interruption interruption, int slot, ZoneId zone) {
        int m = monthOf(interruption.startMillis(), zone);
        if (interruption.sustained()) {
            addSums(m, slot, 1, interruption.minutes(), 0);
        } else {
            addSums(m, slot, 0, 0, 1);
        }
    }

    /**
     * Adds sums to a month (another ledger's, {@link #monthSums}); a month older than the twelve
     * kept is ignored.
     */
    public void addSums(int month, int slot, long sustained, double customerMinutes, long blinks) {
        int k = keep(month);
        if (k < 0) {
            return;
        }
        interruptions[k * SLOTS + slot] += sustained;
        minutes[k * SLOTS + slot] += customerMinutes;
        momentary[k * SLOTS + slot] += blinks;
    }

    /** Adds another ledger's customers and sums (a quarter hour's changes) to this one. */
    public void addAll(ReliabilityLedger other) {
        for (int s = 0; s < SLOTS; s++) {
            served[s] += other.served[s];
        }
        for (int k = 0; k < other.months.length; k++) {
            for (int s = 0; s < SLOTS; s++) {
                int at = k * SLOTS + s;
                if (other.interruptions[at] != 0
                        || other.minutes[at] != 0
                        || other.momentary[at] != 0) {
                    addSums(
                            other.months[k],
                            s,
                            other.interruptions[at],
                            other.minutes[at],
                            other.momentary[at]);
                }
            }
        }
    }

    /** The indices of one month for a slot, or all slots with {@code slot < 0}. */
    public ReliabilityIndices month(int month, int slot) {
        return window(month, month, slot);
    }

    /** The indices of the twelve months ending with {@code month}, for a slot or all (< 0). */
    public ReliabilityIndices twelveMonths(int month, int slot) {
        return window(month - MONTHS + 1, month, slot);
    }

    /** Customers served now in a slot, or in all with {@code slot < 0}. */
    public long served(int slot) {
        return slot < 0 ? Arrays.stream(served).sum() : served[slot];
    }

    private ReliabilityIndices window(int from, int to, int slot) {
        ReliabilityIndices r = ReliabilityIndices.serving(served(slot));
        for (int k = 0; k < months.length; k++) {
            if (months[k] < from || months[k] > to) {
                continue;
            }
            for (int s = 0; s < SLOTS; s++) {
                if (slot < 0 || s == slot) {
                    r.customerInterruptions += interruptions[k * SLOTS + s];
                    r.customerMinutes += minutes[k * SLOTS + s];
                    r.momentaryInterruptions += momentary[k * SLOTS + s];
                }
            }
        }
        return r;
    }

    /**
     * The index of {@code month} among those kept, adding it (and dropping months more than eleven
     * before the newest); -1 when it is older than the window.
     */
    private int keep(int month) {
        int newest = months.length == 0 ? month : Math.max(month, months[months.length - 1]);
        if (month <= newest - MONTHS) {
            return -1;
        }
        int at = Arrays.binarySearch(months, month);
        if (at < 0) {
            int insert = -at - 1;
            months = ArrayInsert.insert(months, insert, month);
            interruptions = insertSlots(interruptions, insert);
            minutes = insertSlots(minutes, insert);
            momentary = insertSlots(momentary, insert);
            at = insert;
        }
        int drop = 0;
        while (drop < months.length && months[drop] <= newest - MONTHS) {
            drop++;
        }
        if (drop > 0) {
            months = Arrays.copyOfRange(months, drop, months.length);
            interruptions = Arrays.copyOfRange(interruptions, drop * SLOTS, interruptions.length);
            minutes = Arrays.copyOfRange(minutes, drop * SLOTS, minutes.length);
            momentary = Arrays.copyOfRange(momentary, drop * SLOTS, momentary.length);
            at -= drop;
        }
        return at;
    }

    private static long[] insertSlots(long[] a, int month) {
        long[] b = new long[a.length + SLOTS];
        System.arraycopy(a, 0, b, 0, month * SLOTS);
        System.arraycopy(a, month * SLOTS, b, (month + 1) * SLOTS, a.length - month * SLOTS);
        return b;
    }

    private static double[] insertSlots(double[] a, int month) {
        double[] b = new double[a.length + SLOTS];
        System.arraycopy(a, 0, b, 0, month * SLOTS);
        System.arraycopy(a, month * SLOTS, b, (month + 1) * SLOTS, a.length - month * SLOTS);
        return b;
    }
}
