package org.gridwatch.jobs.ops;

import java.util.Arrays;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.whatif.ShadowDay;

/**
 * One local day of an area's and a class's metered load, quarter hour by quarter hour: {@link
 * LoadBuckets}' state, one entry per series and open day. Per quarter hour it keeps the energy, the
 * readings, the energy last emitted, and the energy with its revenue by tariff slot; in columns of
 * 96, not an object per quarter hour (about 3 kB a day where 96 quarter-hour entries, each with its
 * map entry, boxed key, two arrays and a timer, took about 29 kB on the heap).
 *
 * <p>A quarter hour's energy lies in one tariff slot for each tariff, so in one slot when the
 * class's customers in the area share a tariff: that first slot is kept in the columns, and any
 * further slot of the same quarter hour (customers on other tariffs) in {@link #more}. Integer
 * micro-units throughout, so sums do not depend on arrival order. A Flink POJO.
 */
public final class LoadDay {

    public static final int QUARTERS = ShadowDay.QUARTERS;

    public int[] readings = new int[QUARTERS];

    /** The energy of each quarter hour's last emission, so a re-emission can say what changed. */
    public long[] emittedMicroKwh = new long[QUARTERS];

    /** The first {@link TariffBook} slot each quarter hour's energy fell in, plus one; 0: none. */
    public byte[] firstSlot = new byte[QUARTERS];

    public long[] firstSlotMicroKwh = new long[QUARTERS];
    public long[] firstSlotMicroCny = new long[QUARTERS];

    /**
     * Further slots of a quarter hour, in order of arrival: triples of (quarter hour × {@link
     * TariffBook#SLOTS} + slot, micro-kWh, micro-CNY).
     */
    public long[] more = new long[0];

    public LoadDay() {}

    /** Whether the quarter hour has had readings. */
    boolean has(int quarter) {
        return readings[quarter] > 0;
    }

    /** Adds part of a quarter hour's load (its emission record is not part of it). */
    void add(int quarter, LoadTotal part) {
        readings[quarter] = Math.addExact(readings[quarter], Math.toIntExact(part.readings));
        for (int slot = 0; slot < TariffBook.SLOTS; slot++) {
            if (part.microKwhBySlot[slot] != 0) {
                addToSlot(quarter, slot, part.microKwhBySlot[slot], part.microCnyBySlot[slot]);
            }
        }
    }

    private void addToSlot(int quarter, int slot, long kwh, long cny) {
        if (firstSlot[quarter] == 0) {
            firstSlot[quarter] = (byte) (slot + 1);
        }
        if (firstSlot[quarter] == slot + 1) {
            firstSlotMicroKwh[quarter] += kwh;
            firstSlotMicroCny[quarter] += cny;
            return;
        }
        long at = (long) quarter * TariffBook.SLOTS + slot;
        for (int i = 0; i < more.length; i += 3) {
            if (more[i] == at) {
                more[i + 1] += kwh;
                more[i + 2] += cny;
                return;
            }
        }
        more = Arrays.copyOf(more, more.length + 3);
        more[more.length - 3] = at;
        more[more.length - 2] = kwh;
        more[more.length - 1] = cny;
    }

    /** A quarter hour's energy, micro-kWh: its slots' (every part's energy lies in one slot). */
    long microKwh(int quarter) {
        long sum = firstSlotMicroKwh[quarter];
        for (int i = 0; i < more.length; i += 3) {
            if (more[i] / TariffBook.SLOTS == quarter) {
                sum += more[i + 1];
            }
        }
        return sum;
    }

    /** A quarter hour's energy and revenue by slot, into arrays of {@link TariffBook#SLOTS}. */
    void slots(int quarter, long[] kwhBySlot, long[] cnyBySlot) {
        Arrays.fill(kwhBySlot, 0);
        Arrays.fill(cnyBySlot, 0);
        if (firstSlot[quarter] != 0) {
            kwhBySlot[firstSlot[quarter] - 1] = firstSlotMicroKwh[quarter];
            cnyBySlot[firstSlot[quarter] - 1] = firstSlotMicroCny[quarter];
        }
        for (int i = 0; i < more.length; i += 3) {
            if (more[i] / TariffBook.SLOTS == quarter) {
                int slot = (int) (more[i] % TariffBook.SLOTS);
                kwhBySlot[slot] = more[i + 1];
                cnyBySlot[slot] = more[i + 2];
            }
        }
    }

    /** The whole day, energy and revenue per quarter hour, for the live shadow scenarios. */
    ShadowDay shadow(long startMillis) {
        long[] kwh = firstSlotMicroKwh.clone();
        long[] cny = firstSlotMicroCny.clone();
        for (int i = 0; i < more.length; i += 3) {
            kwh[(int) (more[i] / TariffBook.SLOTS)] += more[i + 1];
            cny[(int) (more[i] / TariffBook.SLOTS)] += more[i + 2];
        }
        return ShadowDay.of(startMillis, kwh, cny);
    }
}
