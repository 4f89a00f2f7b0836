package org.gridwatch.core.meter;

/**
 * Which interval ends a meter has already delivered, over a sliding horizon behind its newest one:
 * a ring of one bit per 15-minute slot (7 days = 672 bits = 84 bytes per meter, so ten million
 * meters fit in under a gigabyte of state). Anything older than the horizon can no longer be told
 * from a duplicate and is too late to change the dashboards.
 *
 * <p>Mutable, with a public no-argument constructor and public fields, so that Flink keeps it as a
 * POJO in keyed state.
 */
public final class SeenIntervals {

    public enum Verdict {
        NEW,
        DUPLICATE,
        TOO_LATE
    }

    static final long SLOT_MILLIS = 15 * 60_000L;

    /** The slot of the newest interval end seen, or Long.MIN_VALUE before the first. */
    public long newestSlot = Long.MIN_VALUE;

    /** How many 15-minute slots behind the newest are remembered. */
    public int horizon;

    /** One bit per slot in the horizon, indexed by slot modulo the horizon. */
    public long[] bits;

    public SeenIntervals() {}

    public SeenIntervals(int horizonSlots) {
        if (horizonSlots < 1) {
            throw new IllegalArgumentException("horizon must be at least one slot");
        }
        this.horizon = horizonSlots;
        this.bits = new long[(horizonSlots + 63) / 64];
    }

    /** A horizon of whole 15-minute slots covering {@code millis}. */
    public static SeenIntervals covering(long millis) {
        return new SeenIntervals((int) Math.max(1, millis / SLOT_MILLIS));
    }

    public int horizonSlots() {
        return horizon;
    }

    /** Records the interval ending at {@code endMillis} and says whether it was new. */
    public Verdict admit(long endMillis) {
        long slot = Math.floorDiv(endMillis, SLOT_MILLIS);
        if (newestSlot == Long.MIN_VALUE) {
            newestSlot = slot;
            set(slot);
            return Verdict.NEW;
        }
        if (slot > newestSlot) {
            advanceTo(slot);
            set(slot);
            return Verdict.NEW;
        }
        if (newestSlot - slot >= horizon) {
            return Verdict.TOO_LATE;
        }
        if (isSet(slot)) {
            return Verdict.DUPLICATE;
        }
        set(slot);
        return Verdict.NEW;
    }

    /** Clears the slots that fall out of the horizon as the newest slot moves forward. */
    private void advanceTo(long slot) {
        long gap = slot - newestSlot;
        if (gap >= horizon) {
            java.util.Arrays.fill(bits, 0L);
        } else {
            for (long s = newestSlot + 1; s <= slot; s++) {
                clear(s);
            }
        }
        newestSlot = slot;
    }

    private int index(long slot) {
        return (int) Math.floorMod(slot, (long) horizon);
    }

    private boolean isSet(long slot) {
        int i = index(slot);
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(long slot) {
        int i = index(slot);
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long slot) {
        int i = index(slot);
        bits[i >>> 6] &= ~(1L << (i & 63));
    }
}
