package org.gridwatch.jobs.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.gridwatch.core.arrears.ArrearsCase;
import org.gridwatch.core.arrears.PaymentHabit;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.ReadingGaps;
import org.gridwatch.core.billing.ReadingHistory;
import org.gridwatch.core.detect.DataQualityCase;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Severity;
import org.gridwatch.core.meter.CoveredQuarters;
import org.gridwatch.core.value.CreditRecord;
import org.gridwatch.core.value.CustomerAccount;
import org.gridwatch.core.value.ValueHistory;
import org.gridwatch.jobs.types.SharedCustomers;

/**
 * The compact form of the objects the customer operators keep in state, written field by field:
 * counts and amounts as variable-length integers (a household's month of energy in micro-kWh takes
 * 5 bytes, not 8), arrays of mostly zeros as a bit mask of the non-zero entries and those entries,
 * the value history's months only where billed, ids that tariffs and areas share interned when
 * read. Every public field of every class is written: the codec test lists them, so that a field
 * added to a class and forgotten here fails it.
 *
 * <p>Values read back are equal, field by field and bit for bit, to those written (floats and
 * doubles as their raw bits): a restored operator computes exactly what the running one would have.
 */
public final class StateCodec {

    private StateCodec() {}

    // ---- primitives ----

    public static void writeVarLong(DataOutput out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    public static long readVarLong(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("malformed variable-length integer");
    }

    /** A signed value, small in either direction, in few bytes (zig-zag). */
    public static void writeSigned(DataOutput out, long v) throws IOException {
        writeVarLong(out, (v << 1) ^ (v >> 63));
    }

    public static long readSigned(DataInput in) throws IOException {
        long z = readVarLong(in);
        return (z >>> 1) ^ -(z & 1);
    }

    static void writeInt(DataOutput out, int v) throws IOException {
        writeSigned(out, v);
    }

    static int readInt(DataInput in) throws IOException {
        return (int) readSigned(in);
    }

    /**
     * A day, or none ({@link Long#MIN_VALUE}), as 0 for none and the day's zig-zag plus one: an
     * epoch day of this century in 3 bytes, none in one (not 10).
     */
    public static void writeEpochDay(DataOutput out, long day) throws IOException {
        writeVarLong(out, day == Long.MIN_VALUE ? 0 : ((day << 1) ^ (day >> 63)) + 1);
    }

    public static long readEpochDay(DataInput in) throws IOException {
        long z = readVarLong(in);
        if (z == 0) {
            return Long.MIN_VALUE;
        }
        z -= 1;
        return (z >>> 1) ^ -(z & 1);
    }

    /** A string or null. */
    public static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeUTF(s);
        }
    }

    public static String readString(DataInput in) throws IOException {
        return in.readUnsignedByte() == 0 ? null : in.readUTF();
    }

    /** An id many records share (a tariff, an area): one copy on the heap for all of them. */
    static String readShared(DataInput in) throws IOException {
        String s = readString(in);
        return s == null ? null : s.intern();
    }

    static void writeEnum(DataOutput out, Enum<?> e) throws IOException {
        out.writeByte(e == null ? 0 : e.ordinal() + 1);
    }

    static <E extends Enum<E>> E readEnum(DataInput in, E[] values) throws IOException {
        int b = in.readUnsignedByte();
        return b == 0 ? null : values[b - 1];
    }

    /** An array of longs: its length, then each value as a signed varint (small ones in a byte). */
    public static void writeLongs(DataOutput out, long[] a) throws IOException {
        writeVarLong(out, a.length);
        for (long v : a) {
            writeSigned(out, v);
        }
    }

    public static long[] readLongs(DataInput in) throws IOException {
        long[] a = new long[(int) readVarLong(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = readSigned(in);
        }
        return a;
    }

    /** Times and hashes: 8 bytes whatever their value (Long.MIN_VALUE and friends included). */
    private static void writeRawLongs(DataOutput out, long[] a) throws IOException {
        writeVarLong(out, a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    private static long[] readRawLongs(DataInput in) throws IOException {
        int n = (int) readVarLong(in);
        if (n == 0) {
            return ReadingGaps.NO_REGISTERS; // an empty array is never written to: one for all
        }
        long[] a = new long[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    private static void writeInts(DataOutput out, int[] a) throws IOException {
        writeVarLong(out, a.length);
        for (int v : a) {
            writeInt(out, v);
        }
    }

    private static int[] readInts(DataInput in) throws IOException {
        int[] a = new int[(int) readVarLong(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = readInt(in);
        }
        return a;
    }

    private static void writeShorts(DataOutput out, short[] a) throws IOException {
        writeVarLong(out, a.length);
        for (short v : a) {
            writeInt(out, v);
        }
    }

    private static short[] readShorts(DataInput in) throws IOException {
        int n = (int) readVarLong(in);
        if (n == 0) {
            return ReadingGaps.NO_QUARTERS; // the usual month's gaps: none
        }
        short[] a = new short[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (short) readInt(in);
        }
        return a;
    }

    /** Floats, mostly zero: a mask of the entries whose bits are not all zero, then those. */
    private static void writeSparseFloats(DataOutput out, float[] a) throws IOException {
        writeVarLong(out, a.length);
        for (int base = 0; base < a.length; base += 64) {
            long mask = 0;
            int n = Math.min(64, a.length - base);
            for (int i = 0; i < n; i++) {
                if (Float.floatToRawIntBits(a[base + i]) != 0) {
                    mask |= 1L << i;
                }
            }
            writeVarLong(out, mask);
            for (int i = 0; i < n; i++) {
                if ((mask & (1L << i)) != 0) {
                    out.writeInt(Float.floatToRawIntBits(a[base + i]));
                }
            }
        }
    }

    private static float[] readSparseFloats(DataInput in) throws IOException {
        float[] a = new float[(int) readVarLong(in)];
        for (int base = 0; base < a.length; base += 64) {
            long mask = readVarLong(in);
            int n = Math.min(64, a.length - base);
            for (int i = 0; i < n; i++) {
                if ((mask & (1L << i)) != 0) {
                    a[base + i] = Float.intBitsToFloat(in.readInt());
                }
            }
        }
        return a;
    }

    private static void writeFloats(DataOutput out, float[] a) throws IOException {
        writeVarLong(out, a.length);
        for (float v : a) {
            out.writeInt(Float.floatToRawIntBits(v));
        }
    }

    private static float[] readFloats(DataInput in) throws IOException {
        float[] a = new float[(int) readVarLong(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.intBitsToFloat(in.readInt());
        }
        return a;
    }

    static void writeDouble(DataOutput out, double v) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(v));
    }

    static double readDouble(DataInput in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }

    // ---- the customer master ----

    /** The customer's record, or null; its area and tariff are read back interned. */
    public static void writeCustomer(DataOutput out, Customer c) throws IOException {
        out.writeBoolean(c != null);
        if (c == null) {
            return;
        }
        writeString(out, c.customerId());
        writeString(out, c.meterId());
        writeEnum(out, c.customerClass());
        writeString(out, c.areaId());
        writeString(out, c.tariffId());
        out.writeBoolean(c.prepaid());
        writeDouble(out, c.contractKw());
        out.writeLong(c.sinceEpochDay());
    }

    public static Customer readCustomer(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return SharedCustomers.shared(
                new Customer(
                        readString(in),
                        readString(in),
                        readEnum(in, CustomerClass.values()),
                        readShared(in),
                        readShared(in),
                        in.readBoolean(),
                        readDouble(in),
                        in.readLong()));
    }

    // ---- billing ----

    public static void writeUsage(DataOutput out, MonthlyUsage u) throws IOException {
        writeInt(out, u.yearMonth);
        out.writeLong(u.startMillis);
        out.writeLong(u.endMillis);
        writeSigned(out, u.firstEpochDay);
        out.writeLong(u.latestEndMillis);
        writeLongs(out, u.microKwh);
        writeSigned(out, u.estimatedMicroKwh);
        writeGaps(out, u.readings);
        writeSlots(out, u);
        writeSigned(out, u.maxQuarterMicroKwh);
        writeInt(out, u.readingCount);
        writeInt(out, u.quarterCount);
        writeSigned(out, u.peakHoursMicroKwh);
    }

    /** A month's usage as {@link #writeUsage} writes it: the form an ended month waits in. */
    public static byte[] packUsage(MonthlyUsage u) {
        return written(u, StateCodec::writeUsage).getCopyOfBuffer();
    }

    /** The month's usage {@link #packUsage} packed, as a new object. */
    public static MonthlyUsage unpackUsage(byte[] packed) {
        return fromBytes(packed, packed.length, StateCodec::readUsage);
    }

    /** The {@link MonthlyUsage#yearMonth} of a packed month: its first field. */
    public static int packedMonthKey(byte[] packed) {
        return fromBytes(packed, packed.length, StateCodec::readInt);
    }

    /** A deep copy of a month's usage, through its written form (every field, by construction). */
    public static MonthlyUsage copyUsage(MonthlyUsage u) {
        return throughBytes(u, StateCodec::writeUsage, StateCodec::readUsage);
    }

    /** How a value is written, for {@link #throughBytes}. */
    interface Write<T> {
        void to(DataOutputView out, T value) throws IOException;
    }

    /** How a value is read, for {@link #throughBytes}. */
    interface Read<T> {
        T from(DataInputView in) throws IOException;
    }

    /** A value written and read back: a deep copy, by construction. */
    static <T> T throughBytes(T value, Write<T> write, Read<T> read) {
        DataOutputSerializer out = written(value, write);
        return fromBytes(out.getSharedBuffer(), out.length(), read);
    }

    /** A value as {@code write} writes it, in a buffer. */
    private static <T> DataOutputSerializer written(T value, Write<T> write) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(512);
            write.to(out, value);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value {@code read} reads from the first {@code length} bytes of {@code bytes}. */
    private static <T> T fromBytes(byte[] bytes, int length, Read<T> read) {
        try {
            return read.from(new DataInputDeserializer(bytes, 0, length));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MonthlyUsage readUsage(DataInput in) throws IOException {
        MonthlyUsage u = new MonthlyUsage();
        u.yearMonth = readInt(in);
        u.startMillis = in.readLong();
        u.endMillis = in.readLong();
        u.firstEpochDay = readSigned(in);
        u.latestEndMillis = in.readLong();
        u.microKwh = readLongs(in);
        u.estimatedMicroKwh = readSigned(in);
        u.readings = readGaps(in);
        readSlots(in, u);
        u.maxQuarterMicroKwh = readSigned(in);
        u.readingCount = readInt(in);
        u.quarterCount = readInt(in);
        u.peakHoursMicroKwh = readSigned(in);
        return u;
    }

    /**
     * A month's load profile slots as two arrays, the energies (as {@link #writeLongs}) and the
     * quarter hours (as {@link #writeShorts}): the layout of the releases that kept them so, which
     * checkpoints and packed ended months keep.
     */
    private static void writeSlots(DataOutput out, MonthlyUsage u) throws IOException {
        int n = u.slotCount();
        writeVarLong(out, n);
        for (int s = 0; s < n; s++) {
            writeSigned(out, u.slotMicroKwh(s));
        }
        writeVarLong(out, n);
        for (int s = 0; s < n; s++) {
            writeInt(out, u.slotQuarters(s));
        }
    }

    private static void readSlots(DataInput in, MonthlyUsage u) throws IOException {
        long[] energy = readLongs(in);
        short[] quarters = readShorts(in);
        if (quarters.length != energy.length) {
            throw new IOException(
                    "a month's profile of "
                            + energy.length
                            + " energies and "
                            + quarters.length
                            + " counts");
        }
        u.slots = new long[energy.length];
        for (int s = 0; s < energy.length; s++) {
            u.setSlot(s, energy[s], quarters[s]);
        }
    }

    private static void writeGaps(DataOutput out, ReadingGaps g) throws IOException {
        writeInt(out, g.first);
        writeInt(out, g.end);
        out.writeLong(g.firstRegister);
        out.writeLong(g.lastRegister);
        writeInt(out, g.count);
        writeShorts(out, g.from);
        writeShorts(out, g.to);
        writeRawLongs(out, g.registerBefore);
        writeRawLongs(out, g.registerAfter);
        out.writeBoolean(g.backwards);
        out.writeBoolean(g.overflow);
    }

    private static ReadingGaps readGaps(DataInput in) throws IOException {
        ReadingGaps g = new ReadingGaps();
        g.first = readInt(in);
        g.end = readInt(in);
        g.firstRegister = in.readLong();
        g.lastRegister = in.readLong();
        g.count = readInt(in);
        g.from = readShorts(in);
        g.to = readShorts(in);
        g.registerBefore = readRawLongs(in);
        g.registerAfter = readRawLongs(in);
        g.backwards = in.readBoolean();
        g.overflow = in.readBoolean();
        return g;
    }

    public static void writeHistory(DataOutput out, ReadingHistory h) throws IOException {
        writeInt(out, h.billedMonth);
        out.writeBoolean(h.started);
        out.writeLong(h.openingMicroKwh);
        out.writeBoolean(h.openingEstimated);
        out.writeLong(h.lastActualMicroKwh);
        out.writeLong(h.latestReadingEndMillis);
        writeInts(out, h.profileWh);
    }

    public static ReadingHistory readHistory(DataInput in) throws IOException {
        ReadingHistory h = new ReadingHistory();
        h.billedMonth = readInt(in);
        h.started = in.readBoolean();
        h.openingMicroKwh = in.readLong();
        h.openingEstimated = in.readBoolean();
        h.lastActualMicroKwh = in.readLong();
        h.latestReadingEndMillis = in.readLong();
        h.profileWh = readInts(in);
        return h;
    }

    // ---- the account: ledger, credit, value history, paying habit ----

    public static void writeAccount(DataOutput out, CustomerAccount a) throws IOException {
        writeLedger(out, a.ledger);
        writeCredit(out, a.credit);
        writeValueHistory(out, a.history);
        writeDouble(out, a.habit.overdueBillsCleared);
        writeDouble(out, a.habit.overdueDays);
        out.writeLong(a.habit.observedToMillis);
        out.writeLong(a.habit.oldestOpenDueMillis);
    }

    public static CustomerAccount readAccount(DataInput in) throws IOException {
        CustomerAccount a = new CustomerAccount();
        a.ledger = readLedger(in);
        a.credit = readCredit(in);
        a.history = readValueHistory(in);
        PaymentHabit habit = new PaymentHabit();
        habit.overdueBillsCleared = readDouble(in);
        habit.overdueDays = readDouble(in);
        habit.observedToMillis = in.readLong();
        habit.oldestOpenDueMillis = in.readLong();
        a.habit = habit;
        return a;
    }

    private static void writeLedger(DataOutput out, CustomerLedger l) throws IOException {
        writeSigned(out, l.balanceFen);
        writeInt(out, l.billCount);
        writeInts(out, l.billYearMonths);
        writeRawLongs(out, l.billDueMillis);
        writeLongs(out, l.billAmountFen);
        out.writeLong(l.forgottenDueMillis);
        writeRawLongs(out, l.paymentKeys);
        writeInt(out, l.paymentKeyCount);
        writeInt(out, l.paymentKeyNext);
        writeInt(out, l.reversalCount);
        writeSigned(out, l.reversedFen);
        writeSigned(out, l.paidFen);
        out.writeLong(l.lastPaymentMillis);
        writeInt(out, l.tierYear);
        writeSigned(out, l.yearMicroKwh);
    }

    private static CustomerLedger readLedger(DataInput in) throws IOException {
        CustomerLedger l = new CustomerLedger();
        l.balanceFen = readSigned(in);
        l.billCount = readInt(in);
        l.billYearMonths = readInts(in);
        l.billDueMillis = readRawLongs(in);
        l.billAmountFen = readLongs(in);
        l.forgottenDueMillis = in.readLong();
        l.paymentKeys = readRawLongs(in);
        l.paymentKeyCount = readInt(in);
        l.paymentKeyNext = readInt(in);
        l.reversalCount = readInt(in);
        l.reversedFen = readSigned(in);
        l.paidFen = readSigned(in);
        l.lastPaymentMillis = in.readLong();
        l.tierYear = readInt(in);
        l.yearMicroKwh = readSigned(in);
        return l;
    }

    private static void writeCredit(DataOutput out, CreditRecord c) throws IOException {
        writeInt(out, c.demeritCount);
        writeVarLong(out, c.demeritKinds.length);
        out.write(c.demeritKinds);
        writeInts(out, c.demeritPoints);
        writeRawLongs(out, c.demeritExpiryMillis);
        writeInt(out, c.onTimeStreak);
        out.writeLong(c.theftUntilMillis);
        out.writeLong(c.lastInspectionMillis);
        writeInt(out, c.theftCount);
        out.writeLong(c.oldestOpenDueMillis);
    }

    private static CreditRecord readCredit(DataInput in) throws IOException {
        CreditRecord c = new CreditRecord();
        c.demeritCount = readInt(in);
        c.demeritKinds = new byte[(int) readVarLong(in)];
        in.readFully(c.demeritKinds);
        c.demeritPoints = readInts(in);
        c.demeritExpiryMillis = readRawLongs(in);
        c.onTimeStreak = readInt(in);
        c.theftUntilMillis = in.readLong();
        c.lastInspectionMillis = in.readLong();
        c.theftCount = readInt(in);
        c.oldestOpenDueMillis = in.readLong();
        return c;
    }

    /**
     * The billed months only: a slot never billed holds −1 and zeros, and a slot once billed is
     * only ever overwritten by a later month, so the months written are all the history holds.
     */
    private static void writeValueHistory(DataOutput out, ValueHistory h) throws IOException {
        writeVarLong(out, h.monthIndex.length);
        int billed = 0;
        for (int m : h.monthIndex) {
            billed += m >= 0 ? 1 : 0;
        }
        writeVarLong(out, billed);
        for (int i = 0; i < h.monthIndex.length; i++) {
            if (h.monthIndex[i] < 0) {
                continue;
            }
            writeVarLong(out, i);
            writeInt(out, h.monthIndex[i]);
            writeSigned(out, h.revenueFen[i]);
            writeSigned(out, h.microKwh[i]);
            writeSigned(out, h.peakMicroKwh[i]);
            writeSigned(out, h.maxQuarterMicroKwh[i]);
            writeInt(out, h.quarters[i]);
        }
        writeInt(out, h.firstMonthIndex);
        writeInt(out, h.latestMonthIndex);
    }

    private static ValueHistory readValueHistory(DataInput in) throws IOException {
        ValueHistory h = new ValueHistory();
        int slots = (int) readVarLong(in);
        if (slots != h.monthIndex.length) {
            throw new IOException(
                    "value history of " + slots + " months, expected " + h.monthIndex.length);
        }
        int billed = (int) readVarLong(in);
        for (int n = 0; n < billed; n++) {
            int i = (int) readVarLong(in);
            h.monthIndex[i] = readInt(in);
            h.revenueFen[i] = readSigned(in);
            h.microKwh[i] = readSigned(in);
            h.peakMicroKwh[i] = readSigned(in);
            h.maxQuarterMicroKwh[i] = readSigned(in);
            h.quarters[i] = readInt(in);
        }
        h.firstMonthIndex = readInt(in);
        h.latestMonthIndex = readInt(in);
        return h;
    }

    // ---- detection and arrears ----

    /** The open months, then the open days. */
    public static void writeOpenUsage(DataOutput out, OpenUsage open) throws IOException {
        writeVarLong(out, open.months.length);
        for (MonthlyUsage m : open.months) {
            writeUsage(out, m);
        }
        writeVarLong(out, open.days.length);
        for (DayLoad d : open.days) {
            writeDay(out, d);
        }
    }

    /** Reads what {@link #writeOpenUsage} wrote into {@code open}. */
    public static void readOpenUsage(DataInput in, OpenUsage open) throws IOException {
        int months = (int) readVarLong(in);
        for (int i = 0; i < months; i++) {
            open.putMonth(readUsage(in));
        }
        int days = (int) readVarLong(in);
        for (int i = 0; i < days; i++) {
            open.putDay(readDay(in));
        }
    }

    /**
     * The open days' quarter hours ({@link DayLoad#quartersLow}), in the order of {@code
     * open.days}: what the layouts that keep them add after {@link #writeOpenUsage}.
     */
    public static void writeDayQuarters(DataOutput out, OpenUsage open) throws IOException {
        for (DayLoad d : open.days) {
            out.writeLong(d.quartersLow);
            out.writeLong(d.quartersHigh);
        }
    }

    /**
     * The open days {@link #readOpenUsage} read from a layout without their quarter hours: taken as
     * read whole ({@link DayLoad#quartersNotKept}).
     */
    public static void dayQuartersNotKept(OpenUsage open) {
        for (DayLoad d : open.days) {
            d.quartersNotKept();
        }
    }

    /** Reads what {@link #writeDayQuarters} wrote into the days {@link #readOpenUsage} read. */
    public static void readDayQuarters(DataInput in, OpenUsage open) throws IOException {
        for (DayLoad d : open.days) {
            d.quartersLow = in.readLong();
            d.quartersHigh = in.readLong();
        }
    }

    /**
     * The open days' hours their meters ran backwards ({@link DayLoad#exportHours}), in the order
     * of {@code open.days}: what the layouts that keep them add after {@link #writeDayQuarters}. A
     * day of a layout before them has none (0): not known, so not evidence.
     */
    public static void writeDayExportHours(DataOutput out, OpenUsage open) throws IOException {
        for (DayLoad d : open.days) {
            writeInt(out, d.exportHours);
        }
    }

    /** Reads what {@link #writeDayExportHours} wrote into the days {@link #readOpenUsage} read. */
    public static void readDayExportHours(DataInput in, OpenUsage open) throws IOException {
        for (DayLoad d : open.days) {
            d.exportHours = readInt(in);
        }
    }

    /**
     * A day's fields, in the same places in every layout. The four bytes after the events held the
     * day's reverse energy (a float) until {@link DayLoad#exportHours} took its place (session 37,
     * appended by {@link #writeDayExportHours}); they are written as 0 and skipped on read, so that
     * every layout's days read alike.
     */
    public static void writeDay(DataOutput out, DayLoad d) throws IOException {
        writeSigned(out, d.epochDay);
        out.writeLong(d.dayStartMillis);
        writeSparseFloats(out, d.hourly);
        writeInt(out, d.readings);
        writeInt(out, d.zeroReadings);
        writeInt(out, d.minutes);
        writeSparseFloats(out, d.rates);
        writeInt(out, d.intervalMinutes);
        writeInt(out, d.events);
        out.writeInt(0); // the day's reverse energy, kept before the hours it was sent in: a slot
        writeDouble(out, d.registerStartKwh);
        out.writeLong(d.registerStartMillis);
        writeDouble(out, d.registerEndKwh);
        out.writeLong(d.registerEndMillis);
    }

    public static DayLoad readDay(DataInput in) throws IOException {
        DayLoad d = new DayLoad();
        d.epochDay = readSigned(in);
        d.dayStartMillis = in.readLong();
        d.hourly = readSparseFloats(in);
        d.readings = readInt(in);
        d.zeroReadings = readInt(in);
        d.minutes = readInt(in);
        d.rates = readSparseFloats(in);
        d.intervalMinutes = readInt(in);
        d.events = readInt(in);
        in.readInt(); // the day's reverse energy of the layouts before: no longer kept
        d.registerStartKwh = readDouble(in);
        d.registerStartMillis = in.readLong();
        d.registerEndKwh = readDouble(in);
        d.registerEndMillis = in.readLong();
        return d;
    }

    public static void writeBaseline(DataOutput out, UsageBaseline b) throws IOException {
        writeFloats(out, b.profile);
        writeInts(out, b.typeDays);
        writeFloats(out, b.usual);
        writeFloats(out, b.drift);
        writeFloats(out, b.spread);
        writeInt(out, b.featureDays);
        writeDouble(out, b.lastRegisterKwh);
        out.writeLong(b.lastRegisterDay);
    }

    public static UsageBaseline readBaseline(DataInput in) throws IOException {
        UsageBaseline b = new UsageBaseline();
        b.profile = readFloats(in);
        b.typeDays = readInts(in);
        b.usual = readFloats(in);
        b.drift = readFloats(in);
        b.spread = readFloats(in);
        b.featureDays = readInt(in);
        b.lastRegisterKwh = readDouble(in);
        b.lastRegisterDay = in.readLong();
        return b;
    }

    public static void writeArrears(DataOutput out, ArrearsCase a) throws IOException {
        writeString(out, a.alertId);
        writeDouble(out, a.emittedChance);
        writeEnum(out, a.emittedSeverity);
        writeInt(out, a.emittedOpenBills);
    }

    public static ArrearsCase readArrears(DataInput in) throws IOException {
        ArrearsCase a = new ArrearsCase();
        a.alertId = readString(in);
        a.emittedChance = readDouble(in);
        a.emittedSeverity = readEnum(in, Severity.values());
        a.emittedOpenBills = readInt(in);
        return a;
    }

    public static void writeQuality(DataOutput out, DataQualityCase q) throws IOException {
        writeString(out, q.alertId);
        writeInt(out, q.faultsFound);
        writeEpochDay(out, q.lastReadDay);
        writeInt(out, q.silentDays);
        writeEpochDay(out, q.mismatchDay);
        if (q.mismatchDay != DataQualityCase.NONE) {
            writeEpochDay(out, q.previousMismatchDay);
            out.writeDouble(q.mismatchRegisterKwh);
            out.writeDouble(q.mismatchIntervalKwh);
        }
        writeInt(out, q.emittedFindings);
        writeEnum(out, q.emittedSeverity);
    }

    /**
     * The case as {@link #writeQuality} wrote it; an account book of version 1 held only the
     * meter-fault part (its alert and the faults found).
     */
    public static DataQualityCase readQuality(DataInput in, int bookVersion) throws IOException {
        String alertId = readString(in);
        int faultsFound = readInt(in);
        DataQualityCase q = DataQualityCase.ofFaultsFound(alertId, faultsFound);
        if (bookVersion == 1) {
            return q;
        }
        q.lastReadDay = readEpochDay(in);
        q.silentDays = readInt(in);
        q.mismatchDay = readEpochDay(in);
        if (q.mismatchDay != DataQualityCase.NONE) {
            q.previousMismatchDay = readEpochDay(in);
            q.mismatchRegisterKwh = in.readDouble();
            q.mismatchIntervalKwh = in.readDouble();
        }
        q.emittedFindings = readInt(in);
        q.emittedSeverity = readEnum(in, Severity.values());
        return q;
    }

    // ---- the meter join ----

    /**
     * Which quarter hours a meter covered: the words of its ring as runs of equal words (a meter
     * that reads every quarter hour fills its ring with one word repeated).
     */
    public static void writeCovered(DataOutput out, CoveredQuarters c) throws IOException {
        out.writeLong(c.newestQuarter);
        writeInt(out, c.horizon);
        out.writeBoolean(c.bits != null);
        if (c.bits == null) {
            return;
        }
        writeVarLong(out, c.bits.length);
        int i = 0;
        while (i < c.bits.length) {
            int run = 1;
            while (i + run < c.bits.length && c.bits[i + run] == c.bits[i]) {
                run++;
            }
            writeVarLong(out, run);
            out.writeLong(c.bits[i]);
            i += run;
        }
    }

    public static CoveredQuarters readCovered(DataInput in) throws IOException {
        CoveredQuarters c = new CoveredQuarters();
        c.newestQuarter = in.readLong();
        c.horizon = readInt(in);
        if (!in.readBoolean()) {
            return c;
        }
        c.bits = new long[(int) readVarLong(in)];
        int i = 0;
        while (i < c.bits.length) {
            int run = (int) readVarLong(in);
            long word = in.readLong();
            for (int k = 0; k < run; k++) {
                c.bits[i++] = word;
            }
        }
        return c;
    }
}
