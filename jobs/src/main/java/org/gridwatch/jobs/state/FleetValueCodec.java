package org.gridwatch.jobs.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.gridwatch.core.billing.BasicChargeBasis;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.CustomerValuation;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.SegmentReasons;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.InspectionPlan;

/**
 * The compact form of what the fleet value's steps keyed by customer keep: a customer's {@link
 * CustomerStanding} and its last {@link SegmentChange}. Written field by field like {@link
 * StateCodec}, and read back equal bit for bit, with these savings:
 *
 * <ul>
 *   <li>the customer's id is not written when it is the state's key (it always is in the job), only
 *       a flag;
 *   <li>flags, empty offers and advice ({@link OffpeakOffer#NONE}, {@link BasicChargeAdvice#NONE}),
 *       no inspection, no reasons, and a record's values being its valuation's, as bits of one
 *       byte;
 *   <li>amounts, counts and times as variable-length integers;
 *   <li>the strategy and finding names as their place in {@link #WORDS}, any other name written
 *       out.
 * </ul>
 *
 * <p>A double of few decimals (an amount, a demand, a zero) is written as the integer of its
 * decimals when that gives back its very bits, any other as its raw bits. Ids that many customers
 * share (area, tariff, the value basis) are read back interned.
 */
public final class FleetValueCodec {
    private FleetValueCodec() {}

    /**
     * Names that records repeat: the service strategies and the segment rule's findings. Written as
     * their place here plus one (0: the name follows as text). Only ever appended to: a savepoint
     * holds these places.
     */
    static final List<String> WORDS =
            List.of(
                    "ACCOUNT_MANAGER",
                    "VIP_CHANNEL",
                    "OUTAGE_NOTICE_FIRST",
                    "RETENTION_VISIT",
                    "HOTLINE_95598",
                    "OFFPEAK_DISCOUNT_OFFER",
                    "PREPAID_METER",
                    "COLLECTION_FOLLOWUP",
                    "PERIODIC_INSPECTION",
                    "BASIC_SUPPLY",
                    "TOP_UP_REMINDER",
                    "WARNING",
                    "RESTRICTION",
                    "DISCONNECTION_NOTICE",
                    "HIGH_USE",
                    "MODERATE_USE",
                    "LOW_USE",
                    "GOOD_CREDIT",
                    "B_BELOW_HIGH_MIN",
                    "BAD_CREDIT",
                    "THEFT_LOCK",
                    "PAST_DUE",
                    "UNSTABLE",
                    "LOW_CURRENT_VALUE",
                    "LOW_POTENTIAL",
                    "HIGH_POTENTIAL",
                    "DECLINING",
                    "AUTO_C_ARREARS");

    /** The first byte of every value kept: the layout it was written in. */
    static final int VERSION = 1;

    /** A standing as the bytes {@code CustomerValue} keeps under {@code key}. */
    public static byte[] standingBytes(CustomerStanding s, String key) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(160);
            out.writeByte(VERSION);
            writeStanding(out, s, key);
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standing kept as {@code bytes} under {@code key}. */
    public static CustomerStanding standingOf(byte[] bytes, String key) {
        try {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            checkVersion(in);
            return readStanding(in, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void checkVersion(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("a fleet value state of layout " + version);
        }
    }

    // ---- the standing ----

    private static final int ID_IS_KEY = 1;
    private static final int MONTH_CLOSE = 1 << 1;
    private static final int THEFT_RECENT = 1 << 2;
    private static final int PREPAID = 1 << 3;
    private static final int REMOVED = 1 << 4;
    private static final int NO_OFFER = 1 << 5;
    private static final int NO_ADVICE = 1 << 6;
    private static final int NEVER_INSPECTED = 1 << 7;

    /** A customer's standing; its id as a flag when it is {@code key}. */
    public static void writeStanding(DataOutput out, CustomerStanding s, String key)
            throws IOException {
        boolean idIsKey = s.customerId() != null && s.customerId().equals(key);
        boolean neverInspected = s.lastInspectionMillis() == InspectionPlan.NONE;
        int flags =
                (idIsKey ? ID_IS_KEY : 0)
                        | (s.monthClose() ? MONTH_CLOSE : 0)
                        | (s.theftRecent() ? THEFT_RECENT : 0)
                        | (s.prepaid() ? PREPAID : 0)
                        | (s.removed() ? REMOVED : 0)
                        | (isNone(s.offpeak()) ? NO_OFFER : 0)
                        | (BasicChargeAdvice.NONE.equals(s.basicCharge()) ? NO_ADVICE : 0)
                        | (neverInspected ? NEVER_INSPECTED : 0);
        out.writeByte(flags);
        if (!idIsKey) {
            StateCodec.writeString(out, s.customerId());
        }
        StateCodec.writeString(out, s.areaId());
        StateCodec.writeEnum(out, s.customerClass());
        StateCodec.writeSigned(out, s.tsMillis());
        StateCodec.writeInt(out, s.billedMonth());
        StateCodec.writeSigned(out, s.revenue12Fen());
        StateCodec.writeSigned(out, s.energy12Wh());
        writeNumber(out, s.trend());
        writeNumber(out, s.loadFactor());
        writeNumber(out, s.peakShare());
        writeNumber(out, s.tenureYears());
        StateCodec.writeInt(out, s.creditScore());
        StateCodec.writeEnum(out, s.creditGrade());
        StateCodec.writeInt(out, s.confirmedThefts());
        StateCodec.writeSigned(out, s.daysPastDue());
        if (!neverInspected) {
            StateCodec.writeSigned(out, s.lastInspectionMillis());
        }
        if ((flags & NO_OFFER) == 0) {
            writeOffer(out, s.offpeak());
        }
        writeNumber(out, s.volatility());
        writeNumber(out, s.maxDemandKw());
        writeNumber(out, s.contractKw());
        writeTexts(out, s.demerits());
        if ((flags & NO_ADVICE) == 0) {
            writeAdvice(out, s.basicCharge());
        }
    }

    /** A standing written by {@link #writeStanding} under {@code key}. */
    public static CustomerStanding readStanding(DataInput in, String key) throws IOException {
        int flags = in.readUnsignedByte();
        String customerId = (flags & ID_IS_KEY) != 0 ? key : StateCodec.readString(in);
        String areaId = StateCodec.readShared(in);
        CustomerClass customerClass = StateCodec.readEnum(in, CustomerClass.values());
        long tsMillis = StateCodec.readSigned(in);
        int billedMonth = StateCodec.readInt(in);
        long revenue12Fen = StateCodec.readSigned(in);
        long energy12Wh = StateCodec.readSigned(in);
        double trend = readNumber(in);
        double loadFactor = readNumber(in);
        double peakShare = readNumber(in);
        double tenureYears = readNumber(in);
        int creditScore = StateCodec.readInt(in);
        CreditGrade creditGrade = StateCodec.readEnum(in, CreditGrade.values());
        int confirmedThefts = StateCodec.readInt(in);
        long daysPastDue = StateCodec.readSigned(in);
        long lastInspectionMillis =
                (flags & NEVER_INSPECTED) != 0 ? InspectionPlan.NONE : StateCodec.readSigned(in);
        OffpeakOffer offpeak = (flags & NO_OFFER) != 0 ? OffpeakOffer.NONE : readOffer(in);
        double volatility = readNumber(in);
        double maxDemandKw = readNumber(in);
        double contractKw = readNumber(in);
        String[] demerits = readTexts(in);
        BasicChargeAdvice basicCharge =
                (flags & NO_ADVICE) != 0 ? BasicChargeAdvice.NONE : readAdvice(in);
        return new CustomerStanding(
                customerId,
                areaId,
                customerClass,
                tsMillis,
                (flags & MONTH_CLOSE) != 0,
                billedMonth,
                revenue12Fen,
                energy12Wh,
                trend,
                loadFactor,
                peakShare,
                tenureYears,
                creditScore,
                creditGrade,
                confirmedThefts,
                (flags & THEFT_RECENT) != 0,
                daysPastDue,
                lastInspectionMillis,
                (flags & PREPAID) != 0,
                offpeak,
                volatility,
                maxDemandKw,
                contractKw,
                demerits,
                basicCharge,
                (flags & REMOVED) != 0);
    }

    // ---- the segment record ----

    private static final int NO_INSPECTION = 1 << 1;
    private static final int NO_REASONS = 1 << 2;
    private static final int VALUATIONS_VALUES = 1 << 3;
    private static final int RECORD_NO_OFFER = 1 << 4;
    private static final int RECORD_NO_ADVICE = 1 << 5;

    /** A segment record; its customer's id as a flag when it is {@code key}. */
    public static void writeRecord(DataOutput out, SegmentChange c, String key) throws IOException {
        boolean idIsKey = c.customerId() != null && c.customerId().equals(key);
        SegmentReasons why = c.why();
        boolean valuationsValues =
                why != null
                        && why.valuation() != null
                        && sameBits(c.currentValue(), why.valuation().currentValue())
                        && sameBits(c.potentialValue(), why.valuation().potentialValue());
        int flags =
                (idIsKey ? ID_IS_KEY : 0)
                        | (c.nextInspectionMillis() == SegmentChange.NONE ? NO_INSPECTION : 0)
                        | (why == null ? NO_REASONS : 0)
                        | (valuationsValues ? VALUATIONS_VALUES : 0)
                        | (isNone(c.offpeak()) ? RECORD_NO_OFFER : 0)
                        | (BasicChargeAdvice.NONE.equals(c.basicCharge()) ? RECORD_NO_ADVICE : 0);
        out.writeByte(flags);
        if (!idIsKey) {
            StateCodec.writeString(out, c.customerId());
        }
        StateCodec.writeString(out, c.areaId());
        StateCodec.writeSigned(out, c.tsMillis());
        StateCodec.writeEnum(out, c.segment());
        if (!valuationsValues) {
            writeNumber(out, c.currentValue());
            writeNumber(out, c.potentialValue());
        }
        StateCodec.writeInt(out, c.creditScore());
        StateCodec.writeEnum(out, c.creditGrade());
        writeWords(out, c.strategies());
        if ((flags & NO_INSPECTION) == 0) {
            StateCodec.writeSigned(out, c.nextInspectionMillis());
        }
        if ((flags & RECORD_NO_OFFER) == 0) {
            writeOffer(out, c.offpeak());
        }
        if (why != null) {
            writeReasons(out, why);
        }
        if ((flags & RECORD_NO_ADVICE) == 0) {
            writeAdvice(out, c.basicCharge());
        }
    }

    /** A record written by {@link #writeRecord} under {@code key}. */
    public static SegmentChange readRecord(DataInput in, String key) throws IOException {
        int flags = in.readUnsignedByte();
        String customerId = (flags & ID_IS_KEY) != 0 ? key : StateCodec.readString(in);
        String areaId = StateCodec.readShared(in);
        long tsMillis = StateCodec.readSigned(in);
        Segment segment = StateCodec.readEnum(in, Segment.values());
        double currentValue = Double.NaN;
        double potentialValue = Double.NaN;
        if ((flags & VALUATIONS_VALUES) == 0) {
            currentValue = readNumber(in);
            potentialValue = readNumber(in);
        }
        int creditScore = StateCodec.readInt(in);
        CreditGrade creditGrade = StateCodec.readEnum(in, CreditGrade.values());
        String[] strategies = readWords(in);
        long nextInspectionMillis =
                (flags & NO_INSPECTION) != 0 ? SegmentChange.NONE : StateCodec.readSigned(in);
        OffpeakOffer offpeak = (flags & RECORD_NO_OFFER) != 0 ? OffpeakOffer.NONE : readOffer(in);
        SegmentReasons why = (flags & NO_REASONS) != 0 ? null : readReasons(in);
        BasicChargeAdvice basicCharge =
                (flags & RECORD_NO_ADVICE) != 0 ? BasicChargeAdvice.NONE : readAdvice(in);
        if ((flags & VALUATIONS_VALUES) != 0) {
            currentValue = why.valuation().currentValue();
            potentialValue = why.valuation().potentialValue();
        }
        return new SegmentChange(
                customerId,
                areaId,
                tsMillis,
                segment,
                currentValue,
                potentialValue,
                creditScore,
                creditGrade,
                strategies,
                nextInspectionMillis,
                offpeak,
                why,
                basicCharge);
    }

    private static void writeReasons(DataOutput out, SegmentReasons r) throws IOException {
        CustomerValuation v = r.valuation();
        out.writeBoolean(v != null);
        if (v != null) {
            StateCodec.writeString(out, v.basis());
            StateCodec.writeSigned(out, v.valueFen());
            writeNumber(out, v.valueRank());
            writeNumber(out, v.currentValue());
            writeNumber(out, v.potentialValue());
            writeNumber(out, v.relativeGrowth());
            writeNumber(out, v.volatility());
            writeNumber(out, v.classVolatility());
            writeNumber(out, v.contractHeadroom());
        }
        StateCodec.writeSigned(out, r.highThresholdFen());
        StateCodec.writeSigned(out, r.moderateThresholdFen());
        writeWords(out, r.findings());
        writeTexts(out, r.demerits());
    }

    private static SegmentReasons readReasons(DataInput in) throws IOException {
        CustomerValuation v = null;
        if (in.readBoolean()) {
            v =
                    new CustomerValuation(
                            StateCodec.readShared(in),
                            StateCodec.readSigned(in),
                            readNumber(in),
                            readNumber(in),
                            readNumber(in),
                            readNumber(in),
                            readNumber(in),
                            readNumber(in),
                            readNumber(in));
        }
        return new SegmentReasons(
                v,
                StateCodec.readSigned(in),
                StateCodec.readSigned(in),
                readWords(in),
                readTexts(in));
    }

    // ---- parts of both ----

    private static void writeOffer(DataOutput out, OffpeakOffer o) throws IOException {
        out.writeBoolean(o != null);
        if (o != null) {
            StateCodec.writeString(out, o.tariffId());
            writeNumber(out, o.savingCnyPerYear());
            writeNumber(out, o.savingWithShiftCnyPerYear());
        }
    }

    private static OffpeakOffer readOffer(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new OffpeakOffer(StateCodec.readShared(in), readNumber(in), readNumber(in));
    }

    private static void writeAdvice(DataOutput out, BasicChargeAdvice a) throws IOException {
        out.writeBoolean(a != null);
        if (a != null) {
            StateCodec.writeEnum(out, a.currentBasis());
            StateCodec.writeInt(out, a.months());
            writeNumber(out, a.capacityCnyPerYear());
            writeNumber(out, a.demandCnyPerYear());
            StateCodec.writeEnum(out, a.cheaperBasis());
            writeNumber(out, a.savingCnyPerYear());
        }
    }

    private static BasicChargeAdvice readAdvice(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new BasicChargeAdvice(
                StateCodec.readEnum(in, BasicChargeBasis.values()),
                StateCodec.readInt(in),
                readNumber(in),
                readNumber(in),
                StateCodec.readEnum(in, BasicChargeBasis.values()),
                readNumber(in));
    }

    /** Strings or null: the count plus one (0 for null), then each. */
    private static void writeTexts(DataOutput out, String[] texts) throws IOException {
        StateCodec.writeVarLong(out, texts == null ? 0 : texts.length + 1L);
        if (texts != null) {
            for (String t : texts) {
                StateCodec.writeString(out, t);
            }
        }
    }

    private static String[] readTexts(DataInput in) throws IOException {
        int n = (int) StateCodec.readVarLong(in);
        if (n == 0) {
            return null;
        }
        String[] texts = new String[n - 1];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = StateCodec.readString(in);
        }
        return texts;
    }

    /** Names or null: the count plus one (0 for null), then each as its place in {@link #WORDS}. */
    private static void writeWords(DataOutput out, String[] words) throws IOException {
        StateCodec.writeVarLong(out, words == null ? 0 : words.length + 1L);
        if (words == null) {
            return;
        }
        for (String w : words) {
            int place = w == null ? -1 : WORDS.indexOf(w);
            StateCodec.writeVarLong(out, place + 1L);
            if (place < 0) {
                StateCodec.writeString(out, w);
            }
        }
    }

    private static String[] readWords(DataInput in) throws IOException {
        int n = (int) StateCodec.readVarLong(in);
        if (n == 0) {
            return null;
        }
        String[] words = new String[n - 1];
        for (int i = 0; i < words.length; i++) {
            int place = (int) StateCodec.readVarLong(in);
            words[i] = place == 0 ? StateCodec.readString(in) : WORDS.get(place - 1);
        }
        return words;
    }

    /** Powers of ten a number of few decimals is written over: 10^0 to 10^6. */
    private static final double[] TENS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

    private static final int RAW = 0;
    private static final int NAN = TENS.length + 1;

    /**
     * A double in as few bytes as it needs: one of few decimals (an amount in yuan, a demand in kW,
     * 0) as a tag and the integer of its decimals, {@code k / 10^p}, when that division gives back
     * its very bits; NaN as its tag alone; anything else as a tag and its 8 raw bytes.
     */
    static void writeNumber(DataOutput out, double v) throws IOException {
        long bits = Double.doubleToRawLongBits(v);
        if (bits == Double.doubleToRawLongBits(Double.NaN)) {
            out.writeByte(NAN);
            return;
        }
        if (Math.abs(v) < 1e12) {
            for (int p = 0; p < TENS.length; p++) {
                long k = Math.round(v * TENS[p]);
                if (Double.doubleToRawLongBits(k / TENS[p]) == bits) {
                    out.writeByte(p + 1);
                    StateCodec.writeSigned(out, k);
                    return;
                }
            }
        }
        out.writeByte(RAW);
        out.writeLong(bits);
    }

    static double readNumber(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        if (tag == NAN) {
            return Double.NaN;
        }
        if (tag == RAW) {
            return Double.longBitsToDouble(in.readLong());
        }
        if (tag > TENS.length) {
            throw new IOException("a number of tag " + tag);
        }
        return StateCodec.readSigned(in) / TENS[tag - 1];
    }

    /** {@link OffpeakOffer#NONE} to the bit (equals holds for any NaN). */
    private static boolean isNone(OffpeakOffer o) {
        return o != null
                && o.tariffId() != null
                && o.tariffId().isEmpty()
                && sameBits(o.savingCnyPerYear(), OffpeakOffer.NONE.savingCnyPerYear())
                && sameBits(
                        o.savingWithShiftCnyPerYear(),
                        OffpeakOffer.NONE.savingWithShiftCnyPerYear());
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }
}
