package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.ops.InputKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputOrderTest {
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-03-01T00:00:00+08:00");
    private static final MonitorSettings SETTINGS = MonitorSettings.DEFAULT;

    @TempDir Path dir;

    private static String reading(String meter, OffsetDateTime ts) {
        return "{\"meterId\":\""
                + meter
                + "\",\"ts\":\""
                + ts
                + "\",\"intervalMinutes\":15,\"kwh\":0.25}";
    }

    /** A meter's readings every quarter hour for ten days, from 00:15 of the first. */
    private static List<String> tenDays(String meter) {
        List<String> lines = new ArrayList<>();
        for (int q = 1; q <= 10 * 96; q++) {
            lines.add(reading(meter, START.plusMinutes(15L * q)));
        }
        return lines;
    }

    private InputOrder.Scan scan(List<String> lines) throws Exception {
        Path file = dir.resolve("readings.jsonl");
        Files.write(file, lines);
        return InputOrder.scan(file, InputKind.METER_READINGS, SETTINGS, Long.MAX_VALUE);
    }

    @Test
    void aFileWrittenOneMeterAfterTheOtherIsNotAnArrivalLog() throws Exception {
        List<String> lines = new ArrayList<>(tenDays("A"));
        lines.addAll(tenDays("B"));

        InputOrder.Scan scan = scan(lines);

        // By hand: A's last reading is 03-11 00:00; B's readings stamped before 03-11 00:00 less
        // 7 days and 15 minutes, 03-03 23:45, are too late: quarters 1 to 286 of B's 960.
        assertThat(scan.records()).isEqualTo(1920);
        assertThat(scan.timed()).isEqualTo(1920);
        assertThat(scan.tooLate()).isEqualTo(286);
        assertThat(scan.notArrivalLog()).isTrue(); // 286 / 1920 = 14.9%
        assertThat(scan.firstTooLateLine()).isEqualTo(961);
        assertThat(scan.firstTooLate()).isEqualTo("B");
        assertThat(scan.firstTooLateMillis())
                .isEqualTo(START.plusMinutes(15).toInstant().toEpochMilli());
        assertThat(scan.newestMillisThen())
                .isEqualTo(START.plusDays(10).toInstant().toEpochMilli());
        assertThat(scan.wholeFile()).isTrue();
        assertThat(scan.describe("readings.jsonl", SETTINGS))
                .isEqualTo(
                        "readings.jsonl: 286 of its 1,920 timed records (15%) come more than the"
                                + " allowed lateness (7 days) after a later one (the first at line"
                                + " 961: B at 2026-03-01T00:15:00+08:00, after"
                                + " 2026-03-11T00:00:00+08:00)");
    }

    @Test
    void twoMetersOverAWeekAreNotTooLateWrittenEitherWay() throws Exception {
        List<String> lines = new ArrayList<>(tenDays("A").subList(0, 7 * 96));
        lines.addAll(tenDays("B").subList(0, 7 * 96));

        // B's first reading, 03-01 00:15, is 6 days 23 h 45 min behind A's last, 03-08 00:00
        assertThat(scan(lines).tooLate()).isZero();
    }

    @Test
    void anArrivalLogWithABadClockAndLateReadingsIsOne() throws Exception {
        List<String> a = tenDays("A");
        List<String> b = tenDays("B");
        List<String> c = tenDays("C");
        List<String> lines = new ArrayList<>();
        for (int q = 0; q < a.size(); q++) {
            lines.add(a.get(q));
            lines.add(b.get(q));
            lines.add(c.get(q));
            if (q == 100) {
                lines.add(reading("C", START.plusYears(1))); // a clock a year fast
            }
            if (q == 9 * 96) {
                // re-delivered 6 and 8 days late: within the allowed lateness, and beyond it
                lines.add(reading("B", START.plusDays(3).plusMinutes(15)));
                lines.add(reading("B", START.plusDays(1).plusMinutes(15)));
            }
        }

        InputOrder.Scan scan = scan(lines);

        // The fast reading is rejected FUTURE_TIMESTAMP by the replay and moves nothing; one
        // reading of 2,882 timed is too late: an arrival log.
        assertThat(scan.records()).isEqualTo(2883);
        assertThat(scan.timed()).isEqualTo(2882);
        assertThat(scan.tooLate()).isEqualTo(1);
        assertThat(scan.notArrivalLog()).isFalse();
    }

    @Test
    void theScanStopsAfterTheRecordsItWasAskedFor() throws Exception {
        Path file = dir.resolve("readings.jsonl");
        Files.write(file, tenDays("A"));
        InputOrder.Scan scan = InputOrder.scan(file, InputKind.METER_READINGS, SETTINGS, 100);
        assertThat(scan.records()).isEqualTo(100);
        assertThat(scan.wholeFile()).isFalse();
    }

    @Test
    void theSortIsStableByEventTimeThroughRunsAndMergePasses() throws Exception {
        OffsetDateTime t1 = START.plusMinutes(15);
        OffsetDateTime t2 = START.plusMinutes(30);
        OffsetDateTime t3 = START.plusMinutes(45);
        List<String> lines =
                List.of(
                        reading("A", t3),
                        reading("A", t1), // 2
                        "not json", // 3: no time of its own, stays after line 2
                        reading("B", t2),
                        reading("C", t1), // 5: ties with 2, after it
                        reading("B", t3),
                        reading("B", t1), // 7
                        reading(
                                "D",
                                START.withOffsetSameInstant(
                                        java.time.ZoneOffset
                                                .UTC)), // 8: the earliest, written in UTC
                        reading("C", t2),
                        reading("C", t3));
        Path in = dir.resolve("in.jsonl");
        Files.write(in, lines);
        Path out = dir.resolve("out.jsonl");

        // runs of three lines, merged two at a time: four runs, two passes
        long n = InputOrder.sortByEventTime(in, out, InputKind.METER_READINGS, SETTINGS, 3, 2);

        assertThat(n).isEqualTo(10);
        assertThat(Files.readAllLines(out))
                .containsExactly(
                        lines.get(7),
                        lines.get(1),
                        lines.get(2),
                        lines.get(4),
                        lines.get(6),
                        lines.get(3),
                        lines.get(8),
                        lines.get(0),
                        lines.get(5),
                        lines.get(9));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("in.jsonl", "out.jsonl"); // no run files left
        }
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsTheReplayReadsThem() throws Exception {
        Path in = dir.resolve("in.jsonl");
        byte[] later = (reading("A", START.plusMinutes(30)) + "\n").getBytes("UTF-8");
        byte[] broken = {'{', '"', (byte) 0xC3, '"', '}', '\n'}; // a lone lead byte
        byte[] earlier = (reading("A", START.plusMinutes(15)) + "\n").getBytes("UTF-8");
        Files.write(in, concat(later, broken, earlier));
        Path out = dir.resolve("out.jsonl");

        InputOrder.sortByEventTime(in, out, InputKind.METER_READINGS, SETTINGS, 1, 2);

        // the broken line has no time: it stays after the line written before it
        assertThat(Files.readAllLines(out))
                .containsExactly(
                        reading("A", START.plusMinutes(15)),
                        reading("A", START.plusMinutes(30)),
                        "{\"\uFFFD\"}");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    @Test
    void aFileOfOneRunIsSortedInMemory() throws Exception {
        Path in = dir.resolve("in.jsonl");
        List<String> lines =
                List.of(reading("A", START.plusMinutes(30)), reading("A", START.plusMinutes(15)));
        Files.write(in, lines);
        Path out = dir.resolve("out.jsonl");

        InputOrder.sortByEventTime(in, out, InputKind.METER_READINGS, SETTINGS);

        assertThat(Files.readAllLines(out)).containsExactly(lines.get(1), lines.get(0));
    }
}
