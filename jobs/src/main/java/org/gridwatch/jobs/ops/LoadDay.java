package org.gridwatch.jobs.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.whatif.ShadowDay;
import org.gridwatch.jobs.state.StateCodec;

/**
 * One local day of an area's and a class's metered load, quarter hour by quarter hour: {@link
 * LoadBuckets}' state, one entry per series and open day. Per quarter hour it keeps the readings
 * and the energy with its revenue by tariff slot, in columns of 96, and the energy not emitted yet
 * where there is some: about 2.2 kB a day on the heap, where 96 quarter-hour entries, each with its
 * map entry, boxed key, two arrays and a timer, took about 29 kB (release 0.2).
 *
 * <p>A quarter hour's energy lies in one tariff slot for each tariff, so in one slot when the
 * class's customers in the area share a tariff: that first slot is kept in the columns, and any
 * further slot of the same quarter hour (customers on other tariffs) in {@link #more}. Integer
 * micro-units throughout, so sums do not depend on arrival order. A Flink POJO.
 */
public final class LoadDay {

    public static final int QUARTERS = ShadowDay.QUARTERS;

    public int[] readings = new int[QUARTERS];

    /**
     * The energy added to a quarter hour since its last emission, so that its emission can say what
     * changed: pairs (quarter hour, micro-kWh), only for the quarter hours that have some (the ones
     * filling now, and a late one until its re-emission). Empty for most of a day's life, where a
     * column of 96 energies last emitted (release 0.3, below) took 776 bytes a day.
     */
    public long[] unemitted = new long[0];

    /**
     * The energy of each quarter hour's last emission, as a savepoint of the last release before
     * {@link #unemitted} keeps it (until commit 7b5da90); null in every day made since. A restored
     * day turns it into {@link #unemitted} when first touched. Kept as a field so that Flink's
     * schema evolution of this POJO reads such a day; it can go with that upgrade path.
     */
    public long[] emittedMicroKwh;

    /** The first {@link TariffBook} slot each quarter hour's energy fell in, plus one; 0: none. */
    public byte[] firstSlot = new byte[QUARTERS];

    public long[] firstSlotMicroKwh = new long[QUARTERS];
    public long[] firstSlotMicroCny = new long[QUARTERS];

    /**
     * Further slots of a quarter hour, in order of arrival: triples of (quarter hour × {@link
     * TariffBook#SLOTS} + slot, micro-kWh, micro-CNY).
     */
    public long[] more = new long[0];

    /**
     * A day that has ended, with nothing waiting to be emitted, keeps its four columns (readings,
     * first slot, its energy and revenue) as these bytes instead, and the columns are null: most of
     * the allowed lateness's open days are only waiting for a late reading or their closing. Per
     * quarter hour, its readings and energy and revenue as varints and the slot as a byte: about
     * 0.8 kB a day where the columns take about 2 kB on the heap. Unpacked when touched ({@link
     * #pack}).
     */
    public byte[] packed;

    public LoadDay() {}

    /** Whether the quarter hour has had readings. */
    boolean has(int quarter) {
        unpack();
        return readings[quarter] > 0;
    }

    /** The readings of the quarter hour. */
    int readings(int quarter) {
        unpack();
        return readings[quarter];
    }

    /**
     * Keeps the columns as {@link #packed} bytes, unless some energy is waiting to be emitted (the
     * day is then touched again soon) or the day is in an earlier release's layout.
     */
    void pack() {
        if (packed != null || unemitted.length > 0 || emittedMicroKwh != null) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 * QUARTERS);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (int q = 0; q < QUARTERS; q++) {
                StateCodec.writeVarLong(out, readings[q]);
                out.writeByte(firstSlot[q]);
                StateCodec.writeSigned(out, firstSlotMicroKwh[q]);
                StateCodec.writeSigned(out, firstSlotMicroCny[q]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        packed = bytes.toByteArray();
        readings = null;
        firstSlot = null;
        firstSlotMicroKwh = null;
        firstSlotMicroCny = null;
    }

    /** The columns back from {@link #packed}, if packed. */
    private void unpack() {
        if (packed == null) {
            return;
        }
        int[] n = new int[QUARTERS];
        byte[] slot = new byte[QUARTERS];
        long[] kwh = new long[QUARTERS];
        long[] cny = new long[QUARTERS];
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
            for (int q = 0; q < QUARTERS; q++) {
                n[q] = Math.toIntExact(StateCodec.readVarLong(in));
                slot[q] = in.readByte();
                kwh[q] = StateCodec.readSigned(in);
                cny[q] = StateCodec.readSigned(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        readings = n;
        firstSlot = slot;
        firstSlotMicroKwh = kwh;
        firstSlotMicroCny = cny;
        packed = null;
    }

    /**
     * Adds part of a quarter hour's load, not emitted yet (a savepoint's earlier quarter hour then
     * says what of it was: {@link #emitted}).
     */
    void add(int quarter, LoadTotal part) {
        unpack();
        upgrade();
        readings[quarter] = Math.addExact(readings[quarter], Math.toIntExact(part.readings));
        long energy = 0;
        for (int slot = 0; slot < TariffBook.SLOTS; slot++) {
            if (part.microKwhBySlot[slot] != 0) {
                addToSlot(quarter, slot, part.microKwhBySlot[slot], part.microCnyBySlot[slot]);
                energy += part.microKwhBySlot[slot];
            }
        }
        addUnemitted(quarter, energy);
    }

    /** Of the quarter hour's energy, {@code microKwh} was emitted already. */
    void emitted(int quarter, long microKwh) {
        upgrade();
        addUnemitted(quarter, -microKwh);
    }

    /** The quarter hour's energy added since its last emission, which it now is: what changed. */
    long emit(int quarter) {
        upgrade();
        for (int i = 0; i < unemitted.length; i += 2) {
            if (unemitted[i] == quarter) {
                long change = unemitted[i + 1];
                long[] rest = new long[unemitted.length - 2];
                System.arraycopy(unemitted, 0, rest, 0, i);
                System.arraycopy(unemitted, i + 2, rest, i, rest.length - i);
                unemitted = rest;
                return change;
            }
        }
        return 0;
    }

    private void addUnemitted(int quarter, long microKwh) {
        if (microKwh == 0) {
            return;
        }
        for (int i = 0; i < unemitted.length; i += 2) {
            if (unemitted[i] == quarter) {
                unemitted[i + 1] += microKwh;
                return;
            }
        }
        unemitted = Arrays.copyOf(unemitted, unemitted.length + 2);
        unemitted[unemitted.length - 2] = quarter;
        unemitted[unemitted.length - 1] = microKwh;
    }

    /** A day restored from the layout with {@link #emittedMicroKwh}: its energy not emitted yet. */
    private void upgrade() {
        if (emittedMicroKwh == null) {
            return;
        }
        long[] emitted = emittedMicroKwh;
        emittedMicroKwh = null;
        for (int quarter = 0; quarter < QUARTERS; quarter++) {
            addUnemitted(quarter, microKwh(quarter) - emitted[quarter]);
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
        unpack();
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
        unpack();
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
        unpack();
        long[] kwh = firstSlotMicroKwh.clone();
        long[] cny = firstSlotMicroCny.clone();
        for (int i = 0; i < more.length; i += 3) {
            kwh[(int) (more[i] / TariffBook.SLOTS)] += more[i + 1];
            cny[(int) (more[i] / TariffBook.SLOTS)] += more[i + 2];
        }
        return ShadowDay.of(startMillis, kwh, cny);
    }
}
