package org.gridwatch.jobs.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.gridwatch.core.detect.LossMatch;
import org.gridwatch.core.detect.TheftCase;
import org.gridwatch.core.detect.TheftEvidence;
import org.gridwatch.core.event.Severity;

/**
 * The compact form of a customer's {@link TheftCase} as the area's theft watch keeps it: one byte
 * array per customer instead of a case, its evidence, its match with the area's loss and two float
 * arrays on the heap. Written field by field like {@link StateCodec}, and read back equal bit for
 * bit: floats and doubles as their raw bits, counts as variable-length integers, days as
 * variable-length integers with their "none" ({@link Long#MIN_VALUE}, {@link LossMatch}'s {@code
 * NONE}) as 0, flags and whether a part is there as bits of one byte. The customer's id is the
 * state's key and is not in the case.
 *
 * <p>The layout, after a first byte {@link #VERSION}: the flags; the case's alert id (a string or
 * none), smoothed loss a day, quiet days, emitted score and severity ({@link Severity} by its
 * ordinal plus one, 0 for none: LOW 1, MEDIUM 2, HIGH 3 — a savepoint holds these, so its constants
 * are only ever appended to); then the evidence and its match with the area's loss, in the order of
 * {@link #writeEvidence} and {@link #writeLossMatch}; then the score last published (its raw bits;
 * since layout 2); last, with the evidence, a household's flat days and the day they run to (since
 * layout 3), and the signs an inspector vouched for and the day (since layout 4). Layout 1, which
 * releases before it wrote, is read with no score published, so that a restored case publishes its
 * score at its next day; layouts 1 and 2 with no flat day; layouts 1 to 3 with nothing vouched for
 * (a NO_FINDING before the upgrade ended its case as it did then).
 */
public final class TheftCaseCodec {
    private TheftCaseCodec() {}

    /** The first byte of every case kept: the layout it was written in. */
    static final int VERSION = 4;

    /** The layout before the published score was kept: read, never written. */
    static final int WITHOUT_PUBLISHED_SCORE = 1;

    /** The layout before a household's flat days were kept: read, never written. */
    static final int WITHOUT_FLAT_DAYS = 2;

    /** The layout before the signs an inspector vouched for were kept: read, never written. */
    static final int WITHOUT_VOUCHED_SIGNS = 3;

    private static final int HAS_EVIDENCE = 1;
    private static final int HAS_LOSS_MATCH = 1 << 1;
    private static final int SHORTFALL = 1 << 2;

    /** The bytes the area's theft watch keeps for {@code c}. */
    public static byte[] caseBytes(TheftCase c) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(192);
            out.writeByte(VERSION);
            writeCase(out, c);
            writeFloat(out, c.publishedScore);
            if (c.evidence != null) {
                out.writeLong(c.evidence.flatDayBits);
                StateCodec.writeEpochDay(out, c.evidence.flatLinedTo);
                StateCodec.writeInt(out, c.evidence.vouchedSigns);
                StateCodec.writeEpochDay(out, c.evidence.vouchedOn);
            }
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case kept as {@code bytes}. */
    public static TheftCase caseOf(byte[] bytes) {
        try {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int version = in.readUnsignedByte();
            if (version < WITHOUT_PUBLISHED_SCORE || version > VERSION) {
                throw new IOException("a theft case of layout " + version);
            }
            TheftCase c = readCase(in);
            if (version >= WITHOUT_FLAT_DAYS) {
                c.publishedScore = readFloat(in);
            }
            if (version >= WITHOUT_VOUCHED_SIGNS && c.evidence != null) {
                c.evidence.flatDayBits = in.readLong();
                c.evidence.flatLinedTo = StateCodec.readEpochDay(in);
            }
            if (version >= VERSION && c.evidence != null) {
                c.evidence.vouchedSigns = StateCodec.readInt(in);
                c.evidence.vouchedOn = StateCodec.readEpochDay(in);
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeCase(DataOutput out, TheftCase c) throws IOException {
        TheftEvidence e = c.evidence;
        LossMatch m = e == null ? null : e.areaLoss;
        out.writeByte(
                (e != null ? HAS_EVIDENCE : 0)
                        | (m != null ? HAS_LOSS_MATCH : 0)
                        | (m != null && m.shortfall ? SHORTFALL : 0));
        StateCodec.writeString(out, c.alertId);
        StateCodec.writeDouble(out, c.lossCnyPerDay);
        StateCodec.writeInt(out, c.quietDays);
        StateCodec.writeDouble(out, c.emittedScore);
        StateCodec.writeEnum(out, c.emittedSeverity);
        if (e != null) {
            writeEvidence(out, e);
        }
        if (m != null) {
            writeLossMatch(out, m);
        }
    }

    static TheftCase readCase(DataInput in) throws IOException {
        int flags = in.readUnsignedByte();
        TheftCase c = new TheftCase();
        c.alertId = StateCodec.readString(in);
        c.lossCnyPerDay = StateCodec.readDouble(in);
        c.quietDays = StateCodec.readInt(in);
        c.emittedScore = StateCodec.readDouble(in);
        c.emittedSeverity = StateCodec.readEnum(in, Severity.values());
        c.evidence = (flags & HAS_EVIDENCE) != 0 ? readEvidence(in) : null;
        if ((flags & HAS_LOSS_MATCH) != 0) {
            c.evidence.areaLoss = readLossMatch(in, (flags & SHORTFALL) != 0);
        } else if (c.evidence != null) {
            c.evidence.areaLoss = null;
        }
        return c;
    }

    private static void writeEvidence(DataOutput out, TheftEvidence e) throws IOException {
        writeFloats(out, e.smoothed);
        writeFloats(out, e.netSpread);
        StateCodec.writeInt(out, e.scoredDays);
        StateCodec.writeEpochDay(out, e.lastDay);
        StateCodec.writeEpochDay(out, e.tamperDay);
        StateCodec.writeEpochDay(out, e.rollbackDay);
        StateCodec.writeEpochDay(out, e.reverseDay);
        StateCodec.writeEpochDay(out, e.phaseDay);
        StateCodec.writeEpochDay(out, e.mismatchDay);
        writeFloat(out, e.recentKwh);
        writeFloat(out, e.usualKwh);
        writeFloat(out, e.hourlyStolenKwh);
        writeFloat(out, e.hourlyStolenSe);
        writeFloat(out, e.hourlyBeta);
        writeFloat(out, e.hourlyBetaSe);
        StateCodec.writeInt(out, e.hourlyDays);
        writeFloat(out, e.hourlySpreads);
    }

    private static TheftEvidence readEvidence(DataInput in) throws IOException {
        TheftEvidence e = new TheftEvidence();
        e.smoothed = readFloats(in);
        e.netSpread = readFloats(in);
        e.scoredDays = StateCodec.readInt(in);
        e.lastDay = StateCodec.readEpochDay(in);
        e.tamperDay = StateCodec.readEpochDay(in);
        e.rollbackDay = StateCodec.readEpochDay(in);
        e.reverseDay = StateCodec.readEpochDay(in);
        e.phaseDay = StateCodec.readEpochDay(in);
        e.mismatchDay = StateCodec.readEpochDay(in);
        e.recentKwh = readFloat(in);
        e.usualKwh = readFloat(in);
        e.hourlyStolenKwh = readFloat(in);
        e.hourlyStolenSe = readFloat(in);
        e.hourlyBeta = readFloat(in);
        e.hourlyBetaSe = readFloat(in);
        e.hourlyDays = StateCodec.readInt(in);
        e.hourlySpreads = readFloat(in);
        return e;
    }

    /** The match with the area's loss; its {@code shortfall} is in the case's flags. */
    private static void writeLossMatch(DataOutput out, LossMatch m) throws IOException {
        writeFloat(out, m.drive);
        writeIntDay(out, m.from);
        writeFloat(out, m.beforeLossRate);
        writeFloat(out, m.beforeSpread);
        StateCodec.writeInt(out, m.beforeDays);
        StateCodec.writeInt(out, m.days);
        writeFloat(out, m.dropKwh);
        writeFloat(out, m.dropSquaredKwh);
        writeFloat(out, m.usualKwh);
        writeFloat(out, m.riseKwh);
        writeFloat(out, m.suppliedKwh);
        writeIntDay(out, m.areaFrom);
        writeFloat(out, m.spreads);
    }

    private static LossMatch readLossMatch(DataInput in, boolean shortfall) throws IOException {
        LossMatch m = new LossMatch();
        m.drive = readFloat(in);
        m.from = readIntDay(in);
        m.beforeLossRate = readFloat(in);
        m.beforeSpread = readFloat(in);
        m.beforeDays = StateCodec.readInt(in);
        m.days = StateCodec.readInt(in);
        m.dropKwh = readFloat(in);
        m.dropSquaredKwh = readFloat(in);
        m.usualKwh = readFloat(in);
        m.riseKwh = readFloat(in);
        m.suppliedKwh = readFloat(in);
        m.areaFrom = readIntDay(in);
        m.shortfall = shortfall;
        m.spreads = readFloat(in);
        return m;
    }

    // ---- parts ----

    private static void writeFloat(DataOutput out, float v) throws IOException {
        out.writeInt(Float.floatToRawIntBits(v));
    }

    private static float readFloat(DataInput in) throws IOException {
        return Float.intBitsToFloat(in.readInt());
    }

    /** Floats or null: the count plus one (0 for null), then each one's raw bits. */
    private static void writeFloats(DataOutput out, float[] a) throws IOException {
        StateCodec.writeVarLong(out, a == null ? 0 : a.length + 1L);
        if (a != null) {
            for (float v : a) {
                writeFloat(out, v);
            }
        }
    }

    private static float[] readFloats(DataInput in) throws IOException {
        int n = (int) StateCodec.readVarLong(in);
        if (n == 0) {
            return null;
        }
        float[] a = new float[n - 1];
        for (int i = 0; i < a.length; i++) {
            a[i] = readFloat(in);
        }
        return a;
    }

    /** A day of {@link LossMatch}, whose none is {@code Integer.MIN_VALUE}: written as a day. */
    private static void writeIntDay(DataOutput out, int day) throws IOException {
        StateCodec.writeEpochDay(out, day == Integer.MIN_VALUE ? Long.MIN_VALUE : (long) day);
    }

    private static int readIntDay(DataInput in) throws IOException {
        long day = StateCodec.readEpochDay(in);
        return day == Long.MIN_VALUE ? Integer.MIN_VALUE : (int) day;
    }
}
