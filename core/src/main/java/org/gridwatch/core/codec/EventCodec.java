package org.gridwatch.core.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.gridwatch.core.event.RejectReason;

/**
 * Parses and validates the contract's input records. Every record comes back either usable or with
 * the {@link RejectReason} of its first fault; nothing throws. Unknown fields are ignored.
 *
 * <p>Checks that need no state live here. Those that need the customer master or history (unknown
 * meter, duplicate, implausible against contract capacity, too late) are made where that state is.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    // Meters and gateways do write NaN; it must come out as NON_FINITE, not
                    // NOT_JSON.
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    // "{...}{...}" is two messages glued together, not one record.
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    // Numbers read by FastDoubleParser: the same correctly rounded doubles as
                    // Double.parseDouble, in a fraction of its time (a sixth of the parsing).
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build();

    // A reader bound to the tree type once: ObjectMapper.readTree resolves the type per call.
    private static final ObjectReader TREE = MAPPER.readerFor(JsonNode.class);

    private final ZoneId zone;
    private final ValidationLimits limits;

    // The timestamps of the compact readings read last: a collection round's share one.
    private final CompactReading.Stamps stamps = new CompactReading.Stamps();

    /**
     * The interval end worked out last, for a reading's {@code ts} and interval: a collection
     * round's readings share both, and working it out asks the zone's rules for the offset at that
     * instant (a search of its transitions) and divides. Immutable, replaced whole: a codec shared
     * by threads reads either memo, each right for its own arguments.
     */
    private record AlignedEnd(long endMillis, int intervalMinutes, long aligned) {}

    private AlignedEnd lastAligned = new AlignedEnd(Long.MIN_VALUE, 0, Long.MIN_VALUE);

    public EventCodec(ZoneId zone, ValidationLimits limits) {
        this.zone = zone;
        this.limits = limits;
    }

    public EventCodec() {
        this(EventTime.DEFAULT_ZONE, ValidationLimits.DEFAULT);
    }

    public ValidationLimits limits() {
        return limits;
    }

    @FunctionalInterface
    private interface FieldsParser<T> {
        T parse(RecordFields f) throws InvalidRecordException;
    }

    /**
     * @param timeField the field holding the record's event time, or null when it has none
     */
    private <T> Parsed<T> parse(String raw, String timeField, FieldsParser<T> parser) {
        if (raw == null || raw.isBlank()) {
            return new Parsed.Bad<>(RejectReason.NOT_JSON, "empty record", Long.MIN_VALUE);
        }
        if (raw.length() > limits.maxRecordChars()) {
            return new Parsed.Bad<>(
                    RejectReason.TOO_LARGE,
                    raw.length() + " characters, more than " + limits.maxRecordChars(),
                    Long.MIN_VALUE);
        }
        JsonNode node;
        try {
            node = TREE.readTree(raw);
        } catch (JacksonException e) {
            return new Parsed.Bad<>(RejectReason.NOT_JSON, notJsonDetail(e), Long.MIN_VALUE);
        }
        if (node == null || !node.isObject()) {
            String kind =
                    node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
            return new Parsed.Bad<>(
                    RejectReason.NOT_OBJECT, "expected a JSON object, got " + kind, Long.MIN_VALUE);
        }
        try {
            return new Parsed.Ok<>(parser.parse(new RecordFields(node)));
        } catch (InvalidRecordException e) {
            // Any fault, even one found before the time was read (a bad id), is counted at the
            // record's own time when that time is usable; read it again only on this slow path.
            return new Parsed.Bad<>(e.reason, e.getMessage(), usableTime(node, timeField));
        }
    }

    private static long usableTime(JsonNode node, String timeField) {
        JsonNode v = timeField == null ? null : node.get(timeField);
        if (v == null || !v.isTextual()) {
            return Long.MIN_VALUE;
        }
        try {
            return EventTime.parse(v.textValue());
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    public Parsed<Customer> parseCustomer(String raw) {
        return parse(
                raw,
                null,
                f -> {
                    String customerId = f.id("customerId");
                    String meterId = f.id("meterId");
                    CustomerClass cls = f.code("class", CustomerClass.class);
                    String areaId = f.id("areaId");
                    String tariffId = f.id("tariffId");
                    boolean prepaid = f.bool("prepaid");
                    double contractKw = f.optionalNumber("contractKw");
                    if (!Double.isNaN(contractKw)
                            && (contractKw <= 0 || contractKw > limits.maxContractKw())) {
                        throw new InvalidRecordException(
                                RejectReason.BAD_CAPACITY,
                                "contractKw="
                                        + contractKw
                                        + " outside (0, "
                                        + limits.maxContractKw()
                                        + "]");
                    }
                    long since = f.optionalDate("since", Customer.UNKNOWN_SINCE);
                    return new Customer(
                            customerId, meterId, cls, areaId, tariffId, prepaid, contractKw, since);
                });
    }

    public Parsed<MeterReading> parseReading(String raw) {
        if (raw != null && raw.length() <= limits.maxRecordChars()) {
            MeterReading usual = usualReading(raw);
            if (usual != null) {
                return new Parsed.Ok<>(usual);
            }
        }
        return parseReadingWithTree(raw);
    }

    /**
     * A reading from its UTF-8 bytes, as a Kafka record brings it: one in the contract's compact
     * form ({@link CompactReading}) is read from the bytes, without decoding the record; any other
     * is decoded and parsed as {@link #parseReading(String)} parses it, with the same outcome.
     */
    public Parsed<MeterReading> parseReading(byte[] utf8) {
        // A record of no more bytes than the limit has no more characters either.
        if (utf8 != null && utf8.length <= limits.maxRecordChars()) {
            MeterReading compact = compactReading(CompactReading.scan(utf8, stamps));
            if (compact != null) {
                return new Parsed.Ok<>(compact);
            }
        }
        return parseReading(utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8));
    }

    /**
     * A reading as the contract writes it, read token by token without a JSON tree: the fields are
     * the contract's (in any order, unknown ones skipped), each once, of the plain type, and the
     * record is valid. Anything else — a fault, an {@code events} array, a duplicate, a float
     * interval, NaN — gives null, and the record goes the tree's way ({@link
     * #parseReadingWithTree}), which accepts it or says why not. So this path only ever accepts
     * what the tree's path accepts, with the same values (its test compares the two on records
     * valid and not). The contract's compact form, nearly every reading, is scanned without a
     * parser first ({@link CompactReading}).
     */
    MeterReading usualReading(String raw) {
        CompactReading compact = CompactReading.scan(raw.getBytes(StandardCharsets.UTF_8), stamps);
        if (compact != null) {
            return compactReading(compact);
        }
        String meterId = null;
        String ts = null;
        int interval = 0;
        double kwh = Double.NaN;
        double register = Double.NaN;
        double export = Double.NaN;
        int seen = 0;
        try (JsonParser p = MAPPER.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int bit;
                switch (name) {
                    case "meterId" -> {
                        bit = 1;
                        if (v != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        meterId = p.getText();
                    }
                    case "ts" -> {
                        bit = 2;
                        if (v != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        ts = p.getText();
                    }
                    case "intervalMinutes" -> {
                        bit = 4;
                        if (v != JsonToken.VALUE_NUMBER_INT
                                || p.getNumberType() != JsonParser.NumberType.INT) {
                            return null;
                        }
                        interval = p.getIntValue();
                    }
                    case "kwh" -> {
                        bit = 8;
                        kwh = plainEnergy(p, v, false);
                    }
                    case "registerKwh" -> {
                        bit = 16;
                        register = plainEnergy(p, v, true);
                    }
                    case "exportKwh" -> {
                        bit = 32;
                        export = plainEnergy(p, v, true);
                    }
                    case "events" -> {
                        bit = 64;
                        if (v != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> {
                        bit = 0;
                        p.skipChildren();
                    }
                }
                if ((seen & bit) != 0) {
                    return null; // a duplicate: the tree's way decides which counts
                }
                seen |= bit;
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
        } catch (IOException | NotPlain e) {
            return null;
        }
        if (meterId == null || ts == null || (seen & 4) == 0) {
            return null;
        }
        long end;
        try {
            end = EventTime.parse(ts);
        } catch (DateTimeException e) {
            return null;
        }
        return validReading(meterId, end, interval, kwh, register, export);
    }

    /** A scanned compact reading if its fields pass every check, else null (also for null). */
    private MeterReading compactReading(CompactReading compact) {
        return compact == null
                ? null
                : validReading(
                        compact.meterId,
                        compact.endMillis,
                        compact.intervalMinutes,
                        compact.kwh,
                        compact.registerKwh,
                        compact.exportKwh);
    }

    /** The reading if its fields pass every check the tree's path makes, else null. */
    private MeterReading validReading(
            String meterId, long end, int interval, double kwh, double register, double export) {
        if (Double.isNaN(kwh)
                || !RecordFields.isId(meterId)
                || (interval != 15 && interval != 30 && interval != 60)) {
            return null;
        }
        try {
            long aligned = aligned(end, interval);
            checkPhysical("kwh", kwh, interval);
            if (!Double.isNaN(export)) {
                checkPhysical("exportKwh", export, interval);
            }
            return new MeterReading(meterId, aligned, interval, kwh, register, export, 0);
        } catch (InvalidRecordException e) {
            return null;
        }
    }

    /** Not a plain value for the fast path; the tree's path will look at it. */
    private static final class NotPlain extends Exception {
        private static final long serialVersionUID = 1L;
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    /** A finite, non-negative number; NaN for null where {@code nullable}. */
    private static double plainEnergy(JsonParser p, JsonToken v, boolean nullable)
            throws IOException, NotPlain {
        if (nullable && v == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            throw NotPlain.INSTANCE;
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d) || d < 0) {
            throw NotPlain.INSTANCE;
        }
        return d;
    }

    /** The reading through the JSON tree, with the reason of the first fault if it has one. */
    Parsed<MeterReading> parseReadingWithTree(String raw) {
        return parse(
                raw,
                "ts",
                f -> {
                    String meterId = f.id("meterId");
                    long ts = f.timestamp("ts");
                    int interval = interval(f);
                    long end = aligned(ts, interval);
                    double kwh = f.energy("kwh");
                    checkPhysical("kwh", kwh, interval);
                    double register = f.optionalEnergy("registerKwh");
                    double export = f.optionalEnergy("exportKwh");
                    if (!Double.isNaN(export)) {
                        checkPhysical("exportKwh", export, interval);
                    }
                    int events = events(f);
                    return new MeterReading(meterId, end, interval, kwh, register, export, events);
                });
    }

    public Parsed<AreaReading> parseAreaReading(String raw) {
        return parse(
                raw,
                "ts",
                f -> {
                    String areaId = f.id("areaId");
                    long ts = f.timestamp("ts");
                    int interval = interval(f);
                    long end = aligned(ts, interval);
                    double kwh = f.energy("kwh");
                    // The transformer's meter is a meter: beyond maxKw the reading is a fault, and
                    // would otherwise raise a false line-loss alert for the whole area.
                    checkPhysical("kwh", kwh, interval);
                    return new AreaReading(areaId, end, interval, kwh);
                });
    }

    public Parsed<Payment> parsePayment(String raw) {
        return parse(
                raw,
                "ts",
                f -> {
                    String paymentId = f.id("paymentId");
                    String customerId = f.id("customerId");
                    long ts = f.timestamp("ts");
                    long fen = fen(f.number("amount"));
                    PaymentChannel channel = f.code("channel", PaymentChannel.class);
                    return new Payment(paymentId, customerId, ts, fen, channel);
                });
    }

    public Parsed<Inspection> parseInspection(String raw) {
        return parse(
                raw,
                "ts",
                f -> {
                    String customerId = f.id("customerId");
                    String alertId = f.optionalId("alertId");
                    long ts = f.timestamp("ts");
                    InspectionOutcome outcome = f.code("outcome", InspectionOutcome.class);
                    return new Inspection(customerId, alertId, ts, outcome);
                });
    }

    /**
     * Yuan to fen, exactly. {@code amount * 100} is not exact in binary: above ~10^8 yuan the error
     * exceeds any fixed tolerance and valid amounts would be rejected. The shortest decimal that
     * reads back as the same double (what {@link BigDecimal#valueOf(double)} uses) is the number as
     * it was written in the record.
     */
    private long fen(double amount) throws InvalidRecordException {
        BigDecimal yuan = BigDecimal.valueOf(amount);
        if (yuan.signum() == 0) {
            throw new InvalidRecordException(RejectReason.BAD_AMOUNT, "amount=0: must be non-zero");
        }
        if (yuan.stripTrailingZeros().scale() > 2) {
            throw new InvalidRecordException(
                    RejectReason.BAD_AMOUNT,
                    "amount="
                            + RecordFields.clip(yuan.toPlainString())
                            + ": more than two decimals (fen)");
        }
        BigDecimal fen = yuan.movePointRight(2);
        if (fen.abs().compareTo(BigDecimal.valueOf(limits.maxPaymentFen())) > 0) {
            throw new InvalidRecordException(
                    RejectReason.BAD_AMOUNT,
                    "amount="
                            + RecordFields.clip(yuan.toPlainString())
                            + ": beyond "
                            + BigDecimal.valueOf(limits.maxPaymentFen(), 2).toPlainString()
                            + " yuan");
        }
        return fen.longValueExact();
    }

    private static int interval(RecordFields f) throws InvalidRecordException {
        int minutes = f.integer("intervalMinutes");
        if (minutes != 15 && minutes != 30 && minutes != 60) {
            throw new InvalidRecordException(
                    RejectReason.BAD_INTERVAL,
                    "intervalMinutes=" + minutes + ", expected 15, 30 or 60");
        }
        return minutes;
    }

    /**
     * The end of a reading's interval: a local-time boundary of its length (:00, :15, :30, :45). A
     * {@code ts} at most {@link ValidationLimits#maxClockSkewMinutes} off a boundary is taken as
     * that boundary (the nearest; the shift keeps the local offset of {@code ts}); further off it
     * is {@code MISALIGNED_TIMESTAMP}.
     */
    private long aligned(long endMillis, int intervalMinutes) throws InvalidRecordException {
        AlignedEnd last = lastAligned;
        if (last.endMillis() == endMillis && last.intervalMinutes() == intervalMinutes) {
            return last.aligned();
        }
        long aligned = alignedAfresh(endMillis, intervalMinutes);
        lastAligned = new AlignedEnd(endMillis, intervalMinutes, aligned);
        return aligned;
    }

    private long alignedAfresh(long endMillis, int intervalMinutes) throws InvalidRecordException {
        long offsetMillis =
                zone.getRules().getOffset(Instant.ofEpochMilli(endMillis)).getTotalSeconds()
                        * 1000L;
        long length = intervalMinutes * 60_000L;
        long past = Math.floorMod(endMillis + offsetMillis, length);
        long skew = limits.maxClockSkewMinutes() * 60_000L;
        if (past == 0) {
            return endMillis;
        }
        if (past <= skew) {
            return endMillis - past;
        }
        if (length - past <= skew) {
            return endMillis + (length - past);
        }
        throw new InvalidRecordException(
                RejectReason.MISALIGNED_TIMESTAMP,
                "ts is not within "
                        + limits.maxClockSkewMinutes()
                        + " min of a "
                        + intervalMinutes
                        + "-minute boundary");
    }

    private void checkPhysical(String name, double kwh, int intervalMinutes)
            throws InvalidRecordException {
        double averageKw = kwh * 60.0 / intervalMinutes;
        if (averageKw > limits.maxKw()) {
            throw new InvalidRecordException(
                    RejectReason.IMPLAUSIBLE_KWH,
                    name
                            + "="
                            + kwh
                            + " in "
                            + intervalMinutes
                            + " min is an average of "
                            + averageKw
                            + " kW, above maxKw "
                            + limits.maxKw());
        }
    }

    private static int events(RecordFields f) throws InvalidRecordException {
        JsonNode array = f.optionalArray("events");
        if (array == null) {
            return 0;
        }
        int bits = 0;
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                throw new InvalidRecordException(
                        RejectReason.WRONG_TYPE,
                        "events must hold strings, got " + RecordFields.brief(e));
            }
            bits |= RecordFields.code("events", e.textValue(), MeterEvent.class).bit();
        }
        return bits;
    }

    /** Jackson's reason, shortened, and where in the record it stopped reading. */
    private static String notJsonDetail(JacksonException e) {
        String message = e.getOriginalMessage();
        String detail = "not JSON";
        if (message != null) {
            int nl = message.indexOf('\n');
            detail = RecordFields.clip(nl < 0 ? message : message.substring(0, nl));
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getColumnNr() > 0) {
            detail += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return detail;
    }
}
