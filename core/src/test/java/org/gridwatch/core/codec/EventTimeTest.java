package org.gridwatch.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EventTime#parse} reads the contract's timestamps by hand on its fast path; java.time's own
 * parser is the reference it must agree with, instant for instant and failure for failure.
 */
class EventTimeTest {

    @Test
    void handWorkedInstants() {
        // 2026-01-15T08:15:00+08:00 is 00:15 UTC; 2026-01-15 is day 20,468 since 1970-01-01.
        assertThat(EventTime.parse("2026-01-15T08:15:00+08:00"))
                .isEqualTo((20_468L * 86_400 + 15 * 60) * 1000);
        assertThat(EventTime.parse("2026-01-15T00:15:00Z"))
                .isEqualTo((20_468L * 86_400 + 15 * 60) * 1000);
        // A leap day, west of Greenwich: 2028-02-29T23:59:59-05:30 is 2028-03-01T05:29:59Z.
        assertThat(EventTime.parse("2028-02-29T23:59:59-05:30"))
                .isEqualTo(OffsetDateTime.parse("2028-03-01T05:29:59Z").toInstant().toEpochMilli());
    }

    @Test
    void agreesWithJavaTimeOnRandomTimestamps() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            int year = random.nextInt(2000, 2101);
            int month = random.nextInt(1, 13);
            int day = random.nextInt(1, 32);
            int offsetMinutes = random.nextInt(-17 * 60 - 59, 17 * 60 + 60);
            String offset =
                    offsetMinutes == 0 && random.nextBoolean()
                            ? "Z"
                            : String.format(
                                    Locale.ROOT,
                                    "%s%02d:%02d",
                                    offsetMinutes < 0 ? "-" : "+",
                                    Math.abs(offsetMinutes) / 60,
                                    Math.abs(offsetMinutes) % 60);
            String text =
                    String.format(
                            Locale.ROOT,
                            "%04d-%02d-%02dT%02d:%02d:%02d%s",
                            year,
                            month,
                            day,
                            random.nextInt(0, 25),
                            random.nextInt(0, 61),
                            random.nextInt(0, 61),
                            offset);
            long expected;
            try {
                expected =
                        OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                                .toInstant()
                                .toEpochMilli();
            } catch (DateTimeParseException invalid) {
                assertThatThrownBy(() -> EventTime.parse(text))
                        .as(text)
                        .isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(EventTime.parse(text)).as(text).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-01T00:00:00+08:00",
                "2026-02-29T00:00:00+08:00",
                "2026-04-31T00:00:00+08:00",
                "2026-01-01T24:00:00+08:00",
                "2026-01-01T00:60:00+08:00",
                "2026-01-01T00:00:60+08:00",
                "2026-01-01T00:00:00+8:00",
                "2026-01-01T00:00:00+08:0x",
                "2026-01-01T00:00:00 08:00",
                "2026-01-01 00:00:00+08:00",
                "2026-1-01T00:00:00+08:00x",
                "2026-01-01T00:00:00",
                "2026-01-01T00:00:00+08:00Z",
                "２026-01-01T00:00:00+08:00"
            })
    void rejectsWhatJavaTimeRejects(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void formsJavaTimeAcceptsStillParse() {
        // Fractions of a second, no seconds, lower case, an offset of 18 hours: not the fast path's
        // form.
        assertThat(EventTime.parse("2026-01-15T08:15:00.250+08:00"))
                .isEqualTo(EventTime.parse("2026-01-15T08:15:00+08:00") + 250);
        assertThat(EventTime.parse("2026-01-15T08:15+08:00"))
                .isEqualTo(EventTime.parse("2026-01-15T08:15:00+08:00"));
        assertThat(EventTime.parse("2026-01-15t00:15:00z"))
                .isEqualTo(EventTime.parse("2026-01-15T00:15:00Z"));
        assertThat(EventTime.parse("2026-01-15T18:15:00+18:00"))
                .isEqualTo(EventTime.parse("2026-01-15T00:15:00Z"));
    }

    @Test
    void implausibleYearsAreRefusedEitherWay() {
        assertThatThrownBy(() -> EventTime.parse("1999-12-31T23:59:59+08:00"))
                .isInstanceOf(DateTimeException.class)
                .hasMessageContaining("outside 2000..2100");
        assertThatThrownBy(() -> EventTime.parse("2101-01-01T00:00:00Z"))
                .isInstanceOf(DateTimeException.class)
                .hasMessageContaining("outside 2000..2100");
    }
}
