package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingZoneCheckTest {
    @TempDir Path dir;

    private Path readings(String... stamps) throws Exception {
        Path file = dir.resolve("readings.jsonl");
        List<String> lines =
                java.util.Arrays.stream(stamps)
                        .map(
                                ts ->
                                        "{\"meterId\":\"M1\",\"ts\":\""
                                                + ts
                                                + "\",\"intervalMinutes\":30,\"kwh\":0.1}")
                        .toList();
        Files.write(file, lines);
        return file;
    }

    @Test
    void saysSoWhenNoReadingIsStampedInTheZonesOffset() throws Exception {
        // Sydney in January is +11:00 (daylight saving), in July +10:00
        Path file = readings("2013-01-01T00:30:00+11:00", "2013-07-01T00:30:00+10:00", "not a ts");

        assertThat(ReadingZoneCheck.of(file, ZoneId.of("Asia/Shanghai")).orElseThrow())
                .isEqualTo(
                        "the first 2 readings of readings.jsonl are stamped +10:00 and +11:00, not in"
                                + " Asia/Shanghai's offset: days, months and time-of-use periods"
                                + " are cut on Asia/Shanghai's clock; give --zone if they should be"
                                + " the meters' own");
        assertThat(ReadingZoneCheck.of(file, ZoneId.of("Australia/Sydney"))).isEmpty();
    }

    @Test
    void saysNothingWhenSomeReadingAgreesOrNoneHasATime() throws Exception {
        assertThat(
                        ReadingZoneCheck.of(
                                readings("2026-01-01T00:30:00Z", "2026-01-01T08:30:00+08:00"),
                                ZoneId.of("Asia/Shanghai")))
                .isEmpty();
        assertThat(ReadingZoneCheck.of(readings("yesterday"), ZoneId.of("Asia/Shanghai")))
                .isEmpty();
    }
}
