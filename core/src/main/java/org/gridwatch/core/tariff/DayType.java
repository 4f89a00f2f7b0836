package org.gridwatch.core.tariff;

import java.util.Locale;
import java.util.Optional;

/** What kind of day a date is for tariff purposes, as decided by a {@link HolidayCalendar}. */
public enum DayType {
    WORKDAY,
    WEEKEND,
    /** A statutory public holiday (法定节假日) or a rest day moved into a holiday block. */
    HOLIDAY;

    static final int COUNT = 3;

    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DayType> fromFileName(String name) {
        for (DayType type : values()) {
            if (type.fileName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
