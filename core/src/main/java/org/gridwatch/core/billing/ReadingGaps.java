package org.gridwatch.core.billing;

import java.util.Arrays;

/**
 * Which quarter hours of a month have a reading, kept as the stretch from the first reading to the
 * last with the gaps inside it, and the meter's register at both edges of every gap. A reading
 * closes or shortens a gap whenever it arrives, so readings in any order give the same gaps. The
 * register on both sides of a gap says exactly how much energy went through the meter while no
 * reading came: {@link MonthSettlement} gives that energy to the gap's quarter hours.
 *
 * <p>Quarter hours are counted from the month's first instant (0 to 2975 in a 31-day month).
 * Register values are micro-kWh: at the start of a reading its register less its kWh, at its end
 * its register. {@link #UNKNOWN} where a reading carries no register.
 *
 * <p>Flink state inside {@link MonthlyUsage}: public fields, arrays grown only as gaps come, 20
 * bytes a gap; a month whose meter misses a reading now and then holds a handful.
 */
public final class ReadingGaps {

    /** A register value nobody read. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /**
     * Gaps listed at most, which caps a month at 1.3 kB. A meter with more separate gaps than this
     * in one month misses a reading twice a day or more, ten times the worst collection rate
     * reported for Chinese AMI (99.5% a day); its gaps inside the stretch are then no longer told
     * apart ({@link #overflow}) and their energy is shared as a whole.
     */
    public static final int MAX_GAPS = 64;

    /** The first quarter hour with a reading, -1 while there is none. */
    public int first = -1;

    /** One past the last quarter hour with a reading. */
    public int end;

    /** The register at the start of the first reading. */
    public long firstRegister = UNKNOWN;

    /** The register at the end of the last reading. */
    public long lastRegister = UNKNOWN;

    public int count;

    /**
     * The arrays of a month without gaps, the usual month: one of each for all months (an empty
     * array never changes; the first gap grows a new one), where each month's own four took 64
     * bytes, about 64 MB at a million customers (docs/benchmarks.md, session 12).
     */
    public static final short[] NO_QUARTERS = new short[0];

    public static final long[] NO_REGISTERS = new long[0];

    /** Gap {@code i} is the quarter hours [from[i], to[i]), in time order. */
    public short[] from = NO_QUARTERS;

    public short[] to = NO_QUARTERS;

    /** The register at the start and at the end of each gap. */
    public long[] registerBefore = NO_REGISTERS;

    public long[] registerAfter = NO_REGISTERS;

    /**
     * Two readings that meet without a gap and whose registers run backwards: the register was
     * reset or the meter exchanged between them (a gap whose register runs backwards is seen from
     * its own two values).
     */
    public boolean backwards;

    /** More gaps came than {@link #MAX_GAPS}: the list no longer holds every gap. */
    public boolean overflow;

    /** For Flink's POJO serializer. */
    public ReadingGaps() {}

    public boolean isEmpty() {
        return first < 0;
    }

    /**
     * Notes the reading covering quarter hours [start, stop) with its register at both ends.
     *
     * @return false, changing nothing, if it overlaps a reading already noted
     */
    boolean add(int start, int stop, long registerAtStart, long registerAtStop) {
        if (isEmpty()) {
            first = start;
            end = stop;
            firstRegister = registerAtStart;
            lastRegister = registerAtStop;
            return true;
        }
        if (start >= end) {
            if (start > end) {
                insert(count, end, start, lastRegister, registerAtStart);
            } else {
                noteOrder(lastRegister, registerAtStart);
            }
            end = stop;
            lastRegister = registerAtStop;
            return true;
        }
        if (stop <= first) {
            if (stop < first) {
                insert(0, stop, first, registerAtStop, firstRegister);
            } else {
                noteOrder(registerAtStop, firstRegister);
            }
            first = start;
            firstRegister = registerAtStart;
            return true;
        }
        for (int i = 0; i < count; i++) {
            if (from[i] <= start && stop <= to[i]) {
                fill(i, start, stop, registerAtStart, registerAtStop);
                return true;
            }
        }
        // Inside the stretch but not inside a listed gap: an overlap, or a gap the overflow lost.
        return overflow;
    }

    /**
     * Adds the readings {@code other} noted, which cover none of the quarter hours noted here: the
     * same month's readings of the customer's other meter (a meter exchanged within the month),
     * gathered apart. Each stretch {@code other} covers without a gap is noted as one reading with
     * the registers at its two ends, so the gaps and the registers at their edges come out as if
     * every reading had been noted here; what either side found before ({@link #backwards}, {@link
     * #overflow}) stays found.
     *
     * @return false, changing nothing, if {@code other} covers a quarter hour noted here
     */
    public boolean merge(ReadingGaps other) {
        if (other.isEmpty()) {
            return true;
        }
        ReadingGaps merged = copy();
        int start = other.first;
        long registerAtStart = other.firstRegister;
        for (int i = 0; i <= other.count; i++) {
            boolean last = i == other.count;
            int stop = last ? other.end : other.from[i];
            long registerAtStop = last ? other.lastRegister : other.registerBefore[i];
            if (!merged.add(start, stop, registerAtStart, registerAtStop)) {
                return false;
            }
            if (!last) {
                start = other.to[i];
                registerAtStart = other.registerAfter[i];
            }
        }
        merged.backwards |= other.backwards;
        merged.overflow |= other.overflow;
        takeFrom(merged);
        return true;
    }

    /** A copy sharing nothing with this one. */
    public ReadingGaps copy() {
        ReadingGaps c = new ReadingGaps();
        c.takeFrom(this);
        if (from.length > 0) {
            c.from = from.clone();
            c.to = to.clone();
            c.registerBefore = registerBefore.clone();
            c.registerAfter = registerAfter.clone();
        }
        return c;
    }

    /** Every field of {@code o}, its arrays shared. */
    private void takeFrom(ReadingGaps o) {
        first = o.first;
        end = o.end;
        firstRegister = o.firstRegister;
        lastRegister = o.lastRegister;
        count = o.count;
        from = o.from;
        to = o.to;
        registerBefore = o.registerBefore;
        registerAfter = o.registerAfter;
        backwards = o.backwards;
        overflow = o.overflow;
    }

    /** Closes the part [start, stop) of gap i. */
    private void fill(int i, int start, int stop, long registerAtStart, long registerAtStop) {
        boolean left = from[i] < start;
        boolean right = stop < to[i];
        if (!left) {
            noteOrder(registerBefore[i], registerAtStart);
        }
        if (!right) {
            noteOrder(registerAtStop, registerAfter[i]);
        }
        if (left && right) {
            insert(i + 1, stop, to[i], registerAtStop, registerAfter[i]);
            to[i] = (short) start;
            registerAfter[i] = registerAtStart;
        } else if (left) {
            to[i] = (short) start;
            registerAfter[i] = registerAtStart;
        } else if (right) {
            from[i] = (short) stop;
            registerBefore[i] = registerAtStop;
        } else {
            remove(i);
        }
    }

    private void noteOrder(long earlier, long later) {
        if (earlier != UNKNOWN && later != UNKNOWN && later < earlier) {
            backwards = true;
        }
    }

    private void insert(int at, int gapFrom, int gapTo, long before, long after) {
        if (count == MAX_GAPS) {
            overflow = true;
            return;
        }
        if (count == from.length) {
            int size = Math.max(4, count * 2);
            from = Arrays.copyOf(from, size);
            to = Arrays.copyOf(to, size);
            registerBefore = Arrays.copyOf(registerBefore, size);
            registerAfter = Arrays.copyOf(registerAfter, size);
        }
        int tail = count - at;
        System.arraycopy(from, at, from, at + 1, tail);
        System.arraycopy(to, at, to, at + 1, tail);
        System.arraycopy(registerBefore, at, registerBefore, at + 1, tail);
        System.arraycopy(registerAfter, at, registerAfter, at + 1, tail);
        from[at] = (short) gapFrom;
        to[at] = (short) gapTo;
        registerBefore[at] = before;
        registerAfter[at] = after;
        count++;
    }

    private void remove(int at) {
        int tail = count - at - 1;
        System.arraycopy(from, at + 1, from, at, tail);
        System.arraycopy(to, at + 1, to, at, tail);
        System.arraycopy(registerBefore, at + 1, registerBefore, at, tail);
        System.arraycopy(registerAfter, at + 1, registerAfter, at, tail);
        count--;
    }
}
