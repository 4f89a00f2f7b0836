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
        OffsetDateTime t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (t.getYear() < MIN_YEAR || t.getYear() > MAX_YEAR) {
            throw new DateTimeException(
                    "year " + t.getYear() + " outside " + MIN_YEAR + ".." + MAX_YEAR);
        }
        return t.toInstant().toEpochMilli();
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
