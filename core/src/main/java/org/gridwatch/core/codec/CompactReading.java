package org.gridwatch.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A meter reading in the contract's own compact form, the one the simulator and most head-ends
 * write, scanned byte by byte:
 *
 * <pre>{"meterId":"M1","ts":"2026-01-15T08:15:00+08:00","intervalMinutes":15,"kwh":0.022,
 * "registerKwh":8624.802,"exportKwh":0.0}</pre>
 *
 * with the fields in that order, no spaces, {@code registerKwh} and {@code exportKwh} optional (a
 * number or {@code null}). Nearly every reading is written so; reading it without a JSON parser
 * costs a fraction of one. It is scanned in its UTF-8 bytes, as a Kafka record brings it, so that
 * such a record is never decoded whole (a file's line is encoded first); the fixed parts are
 * compared as byte ranges, and the timestamp, which a collection round's readings share, is parsed
 * once per {@link Stamps} while it repeats. Anything else — another order, a space, an escape in
 * the id, a sign, an exponent, more than 15 significant digits, a timestamp not in {@link
 * EventTime}'s canonical form — gives null, and the record goes the parser's way ({@link
 * EventCodec#usualReading}), which decides. The fields are only scanned here, not judged: the
 * caller checks them as it checks the parser's.
 *
 * <p>Numbers are read exactly as {@link Double#parseDouble} reads them: a decimal of at most 15
 * significant digits and 22 decimals is its integer digits m over 10^k, both exact doubles, and one
 * IEEE division of two exact values is correctly rounded (Clinger's fast path, "How to read
 * floating point numbers accurately", PLDI 1990). Longer numbers are left to the parser.
 */
final class CompactReading {
    private static final byte[] METER = ascii("{\"meterId\":\"");
    private static final byte[] TS = ascii("\",\"ts\":\"");
    private static final byte[] INTERVAL = ascii("\",\"intervalMinutes\":");
    private static final byte[] KWH = ascii(",\"kwh\":");
    private static final byte[] REGISTER = ascii(",\"registerKwh\":");
    private static final byte[] EXPORT = ascii(",\"exportKwh\":");
    private static final byte[] NULL = ascii("null");
    private static final byte QUOTE = '"';
    private static final byte END = '}';

    /** 10^0 … 10^22: every one an exact double. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /** Significant digits below 2^53, so that the integer digits are an exact double. */
    private static final int MAX_DIGITS = 15;

    final String meterId;
    final long endMillis;
    final int intervalMinutes;
    final double kwh;
    final double registerKwh;
    final double exportKwh;

    private CompactReading(
            String meterId,
            long endMillis,
            int intervalMinutes,
            double kwh,
            double registerKwh,
            double exportKwh) {
        this.meterId = meterId;
        this.endMillis = endMillis;
        this.intervalMinutes = intervalMinutes;
        this.kwh = kwh;
        this.registerKwh = registerKwh;
        this.exportKwh = exportKwh;
    }

    /**
     * The reading's fields if the UTF-8 bytes {@code raw} are in the compact form, else null.
     *
     * @param stamps the timestamps read last (the caller's, kept across its records)
     */
    static CompactReading scan(byte[] raw, Stamps stamps) {
        Scanner s = new Scanner(raw);
        if (!s.literal(METER)) {
            return null;
        }
        int idStart = s.at;
        // An escape in the id is taken as its text: an id's characters (RecordFields.isId, which
        // the caller checks) have no backslash, so such a record goes the parser's way. A quote is
        // never part of a longer UTF-8 sequence, so the first one ends the id.
        int idEnd = s.indexOfQuote();
        if (idEnd < 0) {
            return null;
        }
        s.at = idEnd;
        if (!s.literal(TS)) {
            return null;
        }
        int tsStart = s.at;
        int tsEnd = s.indexOfQuote();
        if (tsEnd < 0) {
            return null;
        }
        long end = stamps.millis(raw, tsStart, tsEnd);
        if (end == EventTime.NOT_CANONICAL) {
            return null;
        }
        s.at = tsEnd;
        if (!s.literal(INTERVAL)) {
            return null;
        }
        int interval = s.smallInteger();
        if (interval < 0 || !s.literal(KWH)) {
            return null;
        }
        double kwh = s.number();
        if (Double.isNaN(kwh)) {
            return null;
        }
        double register = Double.NaN;
        double export = Double.NaN;
        if (s.literal(REGISTER)) {
            if (!s.literal(NULL)) {
                register = s.number();
                if (Double.isNaN(register)) {
                    return null;
                }
            }
        }
        if (s.literal(EXPORT)) {
            if (!s.literal(NULL)) {
                export = s.number();
                if (Double.isNaN(export)) {
                    return null;
                }
            }
        }
        if (s.at != raw.length - 1 || raw[s.at] != END) {
            return null;
        }
        return new CompactReading(
                new String(raw, idStart, idEnd - idStart, StandardCharsets.UTF_8),
                end,
                interval,
                kwh,
                register,
                export);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The canonical timestamp read last and its instant, so that the readings of one collection
     * round, which share their timestamp, parse it once: a repeat is a byte comparison. Held as one
     * immutable pair, so that a codec shared between threads at worst parses again.
     */
    static final class Stamps {
        private Stamp last;

        /**
         * The instant of the timestamp in {@code raw[from, to)}, or {@link
         * EventTime#NOT_CANONICAL}.
         */
        long millis(byte[] raw, int from, int to) {
            Stamp s = last;
            if (s != null && Arrays.equals(raw, from, to, s.text, 0, s.text.length)) {
                return s.millis;
            }
            // ISO-8859-1 gives each byte one character: a byte outside ASCII is not a digit or a
            // separator, so such a timestamp is not canonical, as its UTF-8 text would not be.
            long millis =
                    EventTime.parseCanonical(
                            new String(raw, from, to - from, StandardCharsets.ISO_8859_1),
                            0,
                            to - from);
            if (millis != EventTime.NOT_CANONICAL) {
                last = new Stamp(Arrays.copyOfRange(raw, from, to), millis);
            }
            return millis;
        }

        private record Stamp(byte[] text, long millis) {}
    }

    /** A position in the bytes, moved on by what is read. */
    private static final class Scanner {
        private final byte[] text;
        int at;

        Scanner(byte[] text) {
            this.text = text;
        }

        /** Whether {@code expected} comes next; if so, steps over it. */
        boolean literal(byte[] expected) {
            int end = at + expected.length;
            if (end > text.length || !Arrays.equals(text, at, end, expected, 0, expected.length)) {
                return false;
            }
            at = end;
            return true;
        }

        /** The index of the next quote from here; -1 if none. */
        int indexOfQuote() {
            for (int i = at; i < text.length; i++) {
                if (text[i] == QUOTE) {
                    return i;
                }
            }
            return -1;
        }

        /** An integer of 1 to 4 digits, without a leading zero; -1 if none. */
        int smallInteger() {
            int start = at;
            int v = 0;
            while (at < text.length && at - start < 5) {
                byte c = text[at];
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
                at++;
            }
            int n = at - start;
            if (n == 0 || n > 4 || (n > 1 && text[start] == '0')) {
                return -1;
            }
            return v;
        }

        /**
         * A JSON number without sign or exponent, {@code 0|[1-9][0-9]*} then optionally {@code
         * .[0-9]+}, of at most {@link #MAX_DIGITS} significant digits; NaN otherwise.
         */
        double number() {
            long mantissa = 0;
            int significant = 0;
            int decimals = 0;
            int start = at;
            int n = text.length;
            while (at < n && isDigit(text[at])) {
                mantissa = digit(mantissa, text[at]);
                if (mantissa > 0) {
                    significant++;
                }
                at++;
            }
            int integerDigits = at - start;
            if (integerDigits == 0 || (integerDigits > 1 && text[start] == '0')) {
                return Double.NaN;
            }
            if (at < n && text[at] == '.') {
                at++;
                int fractionStart = at;
                while (at < n && isDigit(text[at])) {
                    mantissa = digit(mantissa, text[at]);
                    if (mantissa > 0) {
                        significant++;
                    }
                    at++;
                }
                decimals = at - fractionStart;
                if (decimals == 0) {
                    return Double.NaN;
                }
            }
            if (at < n && (text[at] == 'e' || text[at] == 'E')) {
                return Double.NaN;
            }
            if (significant > MAX_DIGITS || decimals >= POWERS_OF_TEN.length) {
                return Double.NaN;
            }
            return mantissa / POWERS_OF_TEN[decimals];
        }

        private static boolean isDigit(byte c) {
            return c >= '0' && c <= '9';
        }

        /** {@code m} with one more digit; stays within a long for the digits it is kept for. */
        private static long digit(long m, byte c) {
            return m < 100_000_000_000_000_000L ? m * 10 + (c - '0') : m;
        }
    }
}
