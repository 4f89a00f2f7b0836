package org.gridwatch.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.format.DateTimeParseException;
import org.gridwatch.core.event.RejectReason;

/** Typed, validated access to the fields of one JSON input record. */
final class RecordFields {
    private static final int MAX_ID_LENGTH = 64;

    private final JsonNode node;

    RecordFields(JsonNode node) {
        this.node = node;
    }

    private JsonNode present(String name) throws InvalidRecordException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidRecordException(RejectReason.MISSING_FIELD, name + " is missing");
        }
        return v;
    }

    private boolean absent(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull();
    }

    String text(String name) throws InvalidRecordException {
        JsonNode v = present(name);
        if (!v.isTextual()) {
            throw new InvalidRecordException(
                    RejectReason.WRONG_TYPE, name + " must be a string, got " + brief(v));
        }
        return v.textValue();
    }

    String id(String name) throws InvalidRecordException {
        String s = text(name);
        if (s.isEmpty() || s.length() > MAX_ID_LENGTH || !isIdText(s)) {
            throw new InvalidRecordException(
                    RejectReason.BAD_ID,
                    name
                            + " must be 1.."
                            + MAX_ID_LENGTH
                            + " of [A-Za-z0-9_.:-], got \""
                            + clip(s)
                            + "\"");
        }
        return s;
    }

    /** An optional id: null when absent. */
    String optionalId(String name) throws InvalidRecordException {
        return absent(name) ? null : id(name);
    }

    long timestamp(String name) throws InvalidRecordException {
        String s = text(name);
        try {
            return EventTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(
                    RejectReason.BAD_TIMESTAMP,
                    name + " must be ISO-8601 with an offset, got \"" + clip(s) + "\"");
        } catch (DateTimeException e) {
            // It parsed, but lies outside the plausible years: say so, not "must be ISO-8601".
            throw new InvalidRecordException(
                    RejectReason.BAD_TIMESTAMP, name + " \"" + clip(s) + "\": " + e.getMessage());
        }
    }

    long optionalDate(String name, long absentValue) throws InvalidRecordException {
        if (absent(name)) {
            return absentValue;
        }
        String s = text(name);
        try {
            return EventTime.parseDate(s);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(
                    RejectReason.BAD_TIMESTAMP,
                    name + " must be an ISO date (yyyy-MM-dd), got \"" + clip(s) + "\"");
        } catch (DateTimeException e) {
            throw new InvalidRecordException(
                    RejectReason.BAD_TIMESTAMP, name + " \"" + clip(s) + "\": " + e.getMessage());
        }
    }

    double number(String name) throws InvalidRecordException {
        return finite(name, present(name));
    }

    double optionalNumber(String name) throws InvalidRecordException {
        return absent(name) ? Double.NaN : finite(name, node.get(name));
    }

    private static double finite(String name, JsonNode v) throws InvalidRecordException {
        if (!v.isNumber()) {
            throw new InvalidRecordException(
                    RejectReason.WRONG_TYPE, name + " must be a number, got " + brief(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidRecordException(RejectReason.NON_FINITE, name + "=" + v.asText());
        }
        return d;
    }

    /** An energy value: finite and not negative. */
    double energy(String name) throws InvalidRecordException {
        return notNegative(name, number(name));
    }

    double optionalEnergy(String name) throws InvalidRecordException {
        double d = optionalNumber(name);
        return Double.isNaN(d) ? d : notNegative(name, d);
    }

    private static double notNegative(String name, double d) throws InvalidRecordException {
        if (d < 0) {
            throw new InvalidRecordException(RejectReason.NEGATIVE_KWH, name + "=" + d);
        }
        return d;
    }

    int integer(String name) throws InvalidRecordException {
        JsonNode v = present(name);
        if (v.canConvertToInt() && v.isIntegralNumber()) {
            return v.intValue();
        }
        if (!v.isNumber()) {
            throw new InvalidRecordException(
                    RejectReason.WRONG_TYPE, name + " must be an integer, got " + brief(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidRecordException(RejectReason.NON_FINITE, name + "=" + v.asText());
        }
        // 15.0 is 15; 15.5 is not an integer, and neither is anything beyond int (no saturating
        // cast that would report a value the record never held).
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new InvalidRecordException(
                    RejectReason.WRONG_TYPE, name + " must be an integer, got " + brief(v));
        }
        return (int) d;
    }

    boolean bool(String name) throws InvalidRecordException {
        JsonNode v = present(name);
        if (!v.isBoolean()) {
            throw new InvalidRecordException(
                    RejectReason.WRONG_TYPE, name + " must be true or false, got " + brief(v));
        }
        return v.booleanValue();
    }

    <E extends Enum<E>> E code(String name, Class<E> type) throws InvalidRecordException {
        return code(name, text(name), type);
    }

    static <E extends Enum<E>> E code(String name, String s, Class<E> type)
            throws InvalidRecordException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw new InvalidRecordException(
                RejectReason.UNKNOWN_CODE,
                name + " \"" + clip(s) + "\" is not a " + type.getSimpleName());
    }

    JsonNode optionalArray(String name) throws InvalidRecordException {
        if (absent(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw new InvalidRecordException(
                    RejectReason.WRONG_TYPE, name + " must be an array, got " + brief(v));
        }
        return v;
    }

    /** Whether {@code s} is a valid id, as {@link #id} checks it. */
    static boolean isId(String s) {
        return !s.isEmpty() && s.length() <= MAX_ID_LENGTH && isIdText(s);
    }

    private static boolean isIdText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '_'
                            || c == '.'
                            || c == ':'
                            || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String brief(JsonNode v) {
        String kind = v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return kind + " " + clip(v.toString());
    }

    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
