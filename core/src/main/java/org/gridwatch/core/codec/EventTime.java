package org.gridwatch.core.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as the contract writes them: ISO-8601 with an offset, e.g. {@code
 * 2026-01-15T08:15:00+08:00}. Inside GridWatch they are epoch milliseconds; the utility's zone (by
 * default Asia/Shanghai) decides the local calendar and how timestamps are written back.
 */
public final class EventTime {

    /** Years outside this range are typing errors or meters with a reset clock. */
    static final int MIN_YEAR = 2000;

    static final int MAX_YEAR = 2100;

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final ZoneId zone;
    private final DateTimeFormatter formatter;
    // Writers format the same instant many times in a row (every meter at 08:15); one cached
    // instant makes that a lookup. Not thread-safe: one EventTime per thread.
    private long cachedMillis = Long.MIN_VALUE;
    private String cachedText;

    public EventTime(ZoneId zone) {
        this.zone = zone;
        this.formatter = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    }

    /**
     * The zone's offset as a fixed one, for arithmetic on local days and tariff periods without
     * zone rules on the per-record path. The offset in force in 2026 is taken: China has had no
     * daylight saving since 1991; zones that still change their clocks would need real rules.
     */
    public static ZoneOffset fixedOffset(ZoneId zone) {
        return zone.getRules().getOffset(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ZoneId zone() {
        return zone;
    }

    public String format(long epochMillis) {
        if (epochMillis != cachedMillis) {
            cachedText = formatter.format(Instant.ofEpochMilli(epochMillis));
            cachedMillis = epochMillis;
        }
        return cachedText;
    }

    /**
     * Parses an ISO-8601 timestamp that carries an offset.
     *
     * @throws DateTimeException when the text does not parse, has no offset, or lies outside the
     *     plausible years
     */
    public static long parse(String text) {
        long fast = parseCanonical(text, 0, text.length());
        if (fast != NOT_CANONICAL) {
            return fast;
        }
        OffsetDateTime t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (t.getYear() < MIN_YEAR || t.getYear() > MAX_YEAR) {
            throw new DateTimeException(
                    "year " + t.getYear() + " outside " + MIN_YEAR + ".." + MAX_YEAR);
        }
        return t.toInstant().toEpochMilli();
    }

    /** What {@link #parseCanonical} returns for text it leaves to java.time. */
    static final long NOT_CANONICAL = Long.MIN_VALUE;

    /**
     * The contract's own form, {@code 2026-01-15T08:15:00+08:00} (or {@code ...Z}), parsed by hand:
     * every reading carries one, and {@link DateTimeFormatter} spends more on it than on all the
     * rest of the record (its optional sections copy a map per field). Anything else, or any field
     * out of range, returns {@link #NOT_CANONICAL} so that java.time parses it and says what is
     * wrong.
     */
    static long parseCanonical(CharSequence s, int from, int to) {
        int n = to - from;
        if ((n != 25 && n != 20)
                || s.charAt(from + 4) != '-'
                || s.charAt(from + 7) != '-'
                || s.charAt(from + 10) != 'T'
                || s.charAt(from + 13) != ':'
                || s.charAt(from + 16) != ':') {
            return NOT_CANONICAL;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        int second = digits(s, from + 17, 2);
        int offsetSeconds;
        if (n == 20) {
            if (s.charAt(from + 19) != 'Z') {
                return NOT_CANONICAL;
            }
            offsetSeconds = 0;
        } else {
            char sign = s.charAt(from + 19);
            int oh = digits(s, from + 20, 2);
            int om = digits(s, from + 23, 2);
            if ((sign != '+' && sign != '-') || s.charAt(from + 22) != ':' || oh < 0 || om < 0) {
                return NOT_CANONICAL;
            }
            if (oh > 17 || om > 59) {
                return NOT_CANONICAL; // ±18:00 and odd offsets: java.time decides
            }
            offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        }
        if (year < MIN_YEAR
                || year > MAX_YEAR
                || month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return NOT_CANONICAL;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000L;
    }

    /** The number written in {@code length} ASCII digits from {@code from}, or -1. */
    private static int digits(CharSequence s, int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Parses an ISO date ({@code 2019-03-01}) to an epoch day. */
    public static long parseDate(String text) {
        LocalDate d = LocalDate.parse(text);
        if (d.getYear() < 1900 || d.getYear() > MAX_YEAR) {
            throw new DateTimeException("year " + d.getYear() + " outside 1900.." + MAX_YEAR);
        }
        return d.toEpochDay();
    }
}
