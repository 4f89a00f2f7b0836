package org.gridwatch.core.tariff;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Which dates are public holidays and which weekend dates are make-up workdays (调休上班). China moves
 * weekend rest days next to a holiday block and works a Saturday or Sunday in exchange, so a date's
 * day type cannot be told from the weekday alone.
 *
 * <p>The day types of the years the calendar mentions are precomputed into one byte per day, so
 * that {@link #dayTypeOfEpochDay(long)} is an array read on the pricing path; outside those years
 * only the weekday decides.
 */
public final class HolidayCalendar {

    /**
     * The shipped calendar: the Chinese public holidays and make-up workdays of 2026, as the State
     * Council General Office's notice of 2025-11-04 sets them (the resource cites it).
     */
    public static final String CHINA_2026_RESOURCE = "/tariffs/holidays-cn-2026.yaml";

    private static final DayType[] DAY_TYPES = DayType.values();
    private static final List<String> KEYS = List.of("source", "holidays", "make-up-workdays");

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkdays;
    private final String source;
    private final long firstEpochDay;
    private final byte[] dayTypes;

    public HolidayCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays, String source) {
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        this.source = Objects.requireNonNull(source);
        for (LocalDate date : makeUpWorkdays) {
            if (holidays.contains(date)) {
                throw new IllegalArgumentException(
                        date + " is listed both as a holiday and as a make-up workday");
            }
        }
        TreeSet<LocalDate> all = new TreeSet<>(holidays);
        all.addAll(makeUpWorkdays);
        if (all.isEmpty()) {
            firstEpochDay = 0;
            dayTypes = new byte[0];
        } else {
            LocalDate first = LocalDate.of(all.first().getYear(), 1, 1);
            LocalDate end = LocalDate.of(all.last().getYear() + 1, 1, 1);
            firstEpochDay = first.toEpochDay();
            dayTypes = new byte[(int) (end.toEpochDay() - firstEpochDay)];
            for (int i = 0; i < dayTypes.length; i++) {
                dayTypes[i] = (byte) ruleFor(first.plusDays(i)).ordinal();
            }
        }
    }

    /** A calendar without holidays: Saturday and Sunday are weekend, every other day is work. */
    public static HolidayCalendar weekdaysOnly() {
        return new HolidayCalendar(Set.of(), Set.of(), "weekdays only, no holidays");
    }

    /** The shipped 2026 calendar of China; see {@link #CHINA_2026_RESOURCE}. */
    public static HolidayCalendar china2026() {
        try (InputStream in = HolidayCalendar.class.getResourceAsStream(CHINA_2026_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + CHINA_2026_RESOURCE);
            }
            return fromYaml(new InputStreamReader(in, StandardCharsets.UTF_8), CHINA_2026_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a calendar file: {@code source}, {@code holidays} and {@code make-up-workdays}, each a
     * list of dates ({@code "2026-10-01"}) or inclusive ranges ({@code "2026-10-01..2026-10-07"}).
     *
     * @throws IllegalArgumentException with a one-line reason that starts with the file name
     */
    public static HolidayCalendar fromYaml(Reader reader, String fileName) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(
                    fileName + ": not valid YAML: " + oneLine(e.getMessage()), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(fileName + ": expected a mapping at the top");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                // A misspelt key would otherwise leave a list of holidays silently unread.
                throw new IllegalArgumentException(
                        fileName + ": unknown key '" + key + "' (known: " + KEYS + ")");
            }
        }
        Set<LocalDate> makeUpWorkdays =
                new TreeSet<>(dates(map.get("make-up-workdays"), fileName, "make-up-workdays"));
        for (LocalDate date : makeUpWorkdays) {
            DayOfWeek day = date.getDayOfWeek();
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                // Usually a typo: a make-up workday is a weekend day worked for a holiday block.
                throw new IllegalArgumentException(
                        fileName
                                + ": make-up-workdays: "
                                + date
                                + " is a "
                                + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                                + ", but a make-up workday is a Saturday or Sunday that is worked");
            }
        }
        Set<LocalDate> holidays = new TreeSet<>(dates(map.get("holidays"), fileName, "holidays"));
        Object source = map.get("source");
        try {
            return new HolidayCalendar(
                    holidays, makeUpWorkdays, source == null ? fileName : source.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(fileName + ": " + e.getMessage(), e);
        }
    }

    public DayType dayType(LocalDate date) {
        long index = date.toEpochDay() - firstEpochDay;
        if (index >= 0 && index < dayTypes.length) {
            return DAY_TYPES[dayTypes[(int) index]];
        }
        return ruleFor(date);
    }

    /** The day type of a day counted from 1970-01-01, without allocating. */
    public DayType dayTypeOfEpochDay(long epochDay) {
        long index = epochDay - firstEpochDay;
        if (index >= 0 && index < dayTypes.length) {
            return DAY_TYPES[dayTypes[(int) index]];
        }
        // 1970-01-01 was a Thursday: ISO day of week 4.
        int isoDayOfWeek = (int) Math.floorMod(epochDay + 3, 7L) + 1;
        return isoDayOfWeek >= 6 ? DayType.WEEKEND : DayType.WORKDAY;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public Set<LocalDate> makeUpWorkdays() {
        return makeUpWorkdays;
    }

    public String source() {
        return source;
    }

    private DayType ruleFor(LocalDate date) {
        if (holidays.contains(date)) {
            return DayType.HOLIDAY;
        }
        if (makeUpWorkdays.contains(date)) {
            return DayType.WORKDAY;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY
                ? DayType.WEEKEND
                : DayType.WORKDAY;
    }

    private static List<LocalDate> dates(Object list, String fileName, String key) {
        List<LocalDate> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException(fileName + ": " + key + " must be a list of dates");
        }
        for (Object item : items) {
            try {
                if (item instanceof Date date) {
                    // YAML reads an unquoted 2026-10-01 as a timestamp at UTC midnight.
                    out.add(date.toInstant().atZone(ZoneOffset.UTC).toLocalDate());
                    continue;
                }
                String text = String.valueOf(item).trim();
                int dots = text.indexOf("..");
                if (dots < 0) {
                    out.add(LocalDate.parse(text));
                    continue;
                }
                LocalDate from = LocalDate.parse(text.substring(0, dots).trim());
                LocalDate to = LocalDate.parse(text.substring(dots + 2).trim());
                if (to.isBefore(from)) {
                    throw new IllegalArgumentException("range ends before it starts");
                }
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    out.add(d);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        fileName + ": " + key + ": cannot read '" + item + "': " + e.getMessage(),
                        e);
            }
        }
        return out;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }
}
