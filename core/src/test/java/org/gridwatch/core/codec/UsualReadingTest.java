package org.gridwatch.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.gridwatch.core.event.MeterReading;
import org.junit.jupiter.api.Test;

/**
 * A reading is read without a JSON tree when it is the usual kind; the tree's path is the reference
 * it must agree with, on the usual records and on records broken in every way the contract rejects,
 * and every record the fast path does not take must still be judged by the tree's path.
 */
class UsualReadingTest {
    private final EventCodec codec = new EventCodec();

    @Test
    void handWorkedReading() {
        MeterReading r =
                codec.usualReading(
                        "{\"meterId\":\"M0000001\",\"ts\":\"2026-01-01T00:15:00+08:00\","
                                + "\"intervalMinutes\":15,\"kwh\":0.022,\"registerKwh\":8624.802}");
        // 2026-01-01T00:15+08:00 is 2025-12-31T16:15Z: day 20,453 since 1970-01-01
        assertThat(r)
                .isEqualTo(
                        new MeterReading(
                                "M0000001",
                                (20_453L * 86_400 + 16 * 3600 + 15 * 60) * 1000,
                                15,
                                0.022,
                                8624.802,
                                Double.NaN,
                                0));
    }

    @Test
    void agreesWithTheTreeOnRandomRecordsValidAndNot() {
        SplittableRandom random = new SplittableRandom(11);
        int usual = 0;
        int taken = 0;
        for (int i = 0; i < 40_000; i++) {
            List<String[]> fields = usualFields(random, false);
            boolean mutated = random.nextInt(3) > 0;
            if (mutated) {
                mutate(fields, random);
            }
            String raw = render(fields, random);
            if (mutated && random.nextInt(20) == 0) {
                raw = garble(raw, random);
            }
            Parsed<MeterReading> reference = codec.parseReadingWithTree(raw);
            assertThat(codec.parseReading(raw)).as(raw).isEqualTo(reference);
            assertThat(codec.parseReading(raw.getBytes(StandardCharsets.UTF_8)))
                    .as("from its bytes: " + raw)
                    .isEqualTo(reference);
            MeterReading fast = codec.usualReading(raw);
            if (fast != null) {
                taken++;
                assertThat(reference).as(raw).isEqualTo(new Parsed.Ok<>(fast));
            }
            if (!mutated) {
                usual++;
                assertThat(fast).as("the usual record takes the fast path: " + raw).isNotNull();
            }
        }
        assertThat(usual).isGreaterThan(10_000);
        assertThat(taken).isGreaterThan(usual);
    }

    /**
     * Records in the contract's compact form (its order, no spaces: what {@link CompactReading}
     * scans), usual and with values broken or odd in place: the result must be the tree's.
     */
    @Test
    void compactFormAgreesWithTheTree() {
        SplittableRandom random = new SplittableRandom(23);
        int usual = 0;
        for (int i = 0; i < 40_000; i++) {
            List<String[]> fields = usualFields(random, true);
            boolean mutated = random.nextInt(2) > 0;
            if (mutated) {
                int at = random.nextInt(fields.size());
                fields.get(at)[1] =
                        random.nextBoolean()
                                ? ODD_VALUES[random.nextInt(ODD_VALUES.length)]
                                : ODD_COMPACT[random.nextInt(ODD_COMPACT.length)];
            }
            String raw = render(fields, null);
            Parsed<MeterReading> reference = codec.parseReadingWithTree(raw);
            assertThat(codec.parseReading(raw)).as(raw).isEqualTo(reference);
            assertThat(codec.parseReading(raw.getBytes(StandardCharsets.UTF_8)))
                    .as("from its bytes: " + raw)
                    .isEqualTo(reference);
            MeterReading fast = codec.usualReading(raw);
            if (fast != null) {
                assertThat(reference).as(raw).isEqualTo(new Parsed.Ok<>(fast));
            }
            if (!mutated) {
                usual++;
                assertThat(
                                CompactReading.scan(
                                        raw.getBytes(StandardCharsets.UTF_8),
                                        new CompactReading.Stamps()))
                        .as("scanned: " + raw)
                        .isNotNull();
                assertThat(fast).as(raw).isNotNull();
            }
        }
        assertThat(usual).isGreaterThan(15_000);
    }

    /**
     * A collection round's readings share their timestamp, which the codec parses once while it
     * repeats: readings of a few rounds interleaved (a late one among the next round's, two
     * partitions' rounds apart), of 15, 30 and 60 minutes (so the same timestamp is a boundary of
     * one and off another's), must each read as the tree of a codec of its own reads it alone.
     */
    @Test
    void readingsSharingTheirTimestampReadAsEachAlone() {
        String[] stamps = {
            "2026-03-01T00:15:00+08:00",
            "2026-03-01T00:30:00+08:00",
            "2026-03-01T00:30:00+09:00",
            "2026-03-01T00:30:00Z",
            "2026-03-01T00:31:00+08:00",
            "2026-03-32T00:30:00+08:00",
            "2026-03-01T00:45:00+08:00"
        };
        SplittableRandom random = new SplittableRandom(5);
        int taken = 0;
        for (int i = 0; i < 5_000; i++) {
            String ts = stamps[Math.min(stamps.length - 1, i / 700 + random.nextInt(2))];
            String raw =
                    "{\"meterId\":\"M"
                            + random.nextInt(1000)
                            + "\",\"ts\":\""
                            + ts
                            + "\",\"intervalMinutes\":"
                            + new int[] {15, 15, 30, 60}[random.nextInt(4)]
                            + ",\"kwh\":0."
                            + random.nextInt(1, 1000)
                            + "}";
            Parsed<MeterReading> alone = new EventCodec().parseReadingWithTree(raw);
            assertThat(codec.parseReading(raw.getBytes(StandardCharsets.UTF_8)))
                    .as(raw)
                    .isEqualTo(alone);
            assertThat(codec.parseReading(raw)).as(raw).isEqualTo(alone);
            if (alone instanceof Parsed.Ok<MeterReading>) {
                taken++;
            }
        }
        assertThat(taken).as("most stamps are valid").isGreaterThan(2_000);
    }

    /**
     * Bytes that are not plain ASCII: an id with a letter outside it, a byte that is no UTF-8 at
     * all, in the id, the timestamp or a number. Read from the bytes, each must come out as its
     * decoded text does.
     */
    @Test
    void bytesOutsideAsciiReadAsTheirDecodedText() {
        byte[] head = "{\"meterId\":\"M".getBytes(StandardCharsets.UTF_8);
        String tail = "\",\"ts\":\"2026-01-01T00:15:00+08:00\",\"intervalMinutes\":15,\"kwh\":0.5}";
        List<byte[]> records = new ArrayList<>();
        records.add(("{\"meterId\":\"Mé1" + tail).getBytes(StandardCharsets.UTF_8));
        records.add(concat(head, new byte[] {(byte) 0xE2}, tail.getBytes(StandardCharsets.UTF_8)));
        records.add(
                concat(head, new byte[] {(byte) 0xFF, '1'}, tail.getBytes(StandardCharsets.UTF_8)));
        records.add(
                ("{\"meterId\":\"M1\",\"ts\":\"2026-01-01T00:1５:00+08:00\",\"intervalMinutes\":15,\"kwh\":0.5}")
                        .getBytes(StandardCharsets.UTF_8));
        records.add(
                concat(
                        ("{\"meterId\":\"M1\",\"ts\":\"2026-01-01T00:15:00+08:00\",\"intervalMinutes\":15,\"kwh\":0.")
                                .getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xB5},
                        "}".getBytes(StandardCharsets.UTF_8)));
        records.add(("{\"meterId\":\"M1" + tail).getBytes(StandardCharsets.UTF_8));
        for (byte[] bytes : records) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            Parsed<MeterReading> reference = codec.parseReadingWithTree(text);
            assertThat(codec.parseReading(bytes)).as(text).isEqualTo(reference);
        }
        assertThat(codec.parseReading(records.get(records.size() - 1)))
                .as("the plain one is read")
                .isInstanceOf(Parsed.Ok.class);
        assertThat(codec.parseReading(records.get(0)))
                .as("an id outside the contract's characters is refused")
                .isInstanceOf(Parsed.Bad.class);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Values the compact scan must leave to the parser, or read as the parser reads them. */
    private static final String[] ODD_COMPACT = {
        "00.5",
        "0.",
        ".5",
        "1.5e2",
        "1.5E-2",
        "+1",
        "0.1234567890123456",
        "123456789012345.6",
        "1234567890123456",
        "0.000000000000000000000001",
        "0.0000000000000000000001",
        "\"M\\u0031\"",
        "\"M1\\\"\"",
        "\"2026-02-01T00:15:00.000+08:00\"",
        "\"2026-02-01T00:15:00+18:00\"",
        "\"2026-02-01 00:15:00+08:00\"",
        "\"1999-12-31T23:45:00Z\"",
        "015",
        "15 ",
        "0.0",
        "0",
        "3.0000000000000"
    };

    @Test
    void readsEveryNumberAsDoubleParseDoubleDoes() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 140_000; i++) {
            double x = random.nextDouble();
            String text =
                    switch (i % 7) {
                        case 0 -> Double.toString(x);
                        case 1 -> String.format(Locale.ROOT, "%.3f", x);
                        case 2 -> String.format(Locale.ROOT, "%.17e", x);
                        case 3 -> "0." + Long.toString(random.nextLong(Long.MAX_VALUE)) + "1";
                        case 4 -> Double.toString(Math.nextUp(x));
                        default ->
                                // up to 15 significant digits, the compact scan's own arithmetic
                                java.math.BigDecimal.valueOf(
                                                random.nextLong(1, 1_000_000_000_000_000L),
                                                random.nextInt(13, 23))
                                        .toPlainString();
                    };
            MeterReading r =
                    codec.usualReading(
                            "{\"meterId\":\"M1\",\"ts\":\"2026-01-01T00:15:00+08:00\","
                                    + "\"intervalMinutes\":15,\"kwh\":"
                                    + text
                                    + "}");
            assertThat(r.kwh()).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    /**
     * A usual reading's fields, as name and JSON value text: in the contract's compact order and
     * with its fields only, or shuffled with now and then an extra field.
     */
    private static List<String[]> usualFields(SplittableRandom random, boolean compact) {
        List<String[]> f = new ArrayList<>();
        int interval = new int[] {15, 30, 60}[random.nextInt(3)];
        int quarters = interval / 15;
        int day = random.nextInt(1, 28);
        int slot = random.nextInt(0, 96 / quarters) * quarters;
        int minutes = slot * 15 + interval;
        int hour = minutes / 60 % 24;
        String ts =
                String.format(
                        Locale.ROOT,
                        "2026-02-%02dT%02d:%02d:00%s",
                        minutes >= 24 * 60 ? day + 1 : day,
                        hour,
                        minutes % 60,
                        random.nextBoolean() ? "+08:00" : "Z");
        f.add(new String[] {"meterId", "\"M" + random.nextInt(1, 10_000_000) + "\""});
        f.add(new String[] {"ts", "\"" + ts + "\""});
        f.add(new String[] {"intervalMinutes", Integer.toString(interval)});
        f.add(new String[] {"kwh", number(random, compact, quarters)});
        if (random.nextBoolean()) {
            f.add(
                    new String[] {
                        "registerKwh",
                        random.nextInt(10) == 0 ? "null" : number(random, compact, 1e6)
                    });
        }
        if (random.nextInt(4) == 0) {
            f.add(
                    new String[] {
                        "exportKwh",
                        random.nextInt(5) == 0 ? "null" : number(random, compact, interval)
                    });
        }
        if (compact) {
            return f;
        }
        if (random.nextInt(10) == 0) {
            f.add(new String[] {"events", "null"});
        }
        if (random.nextInt(5) == 0) {
            f.add(
                    new String[] {
                        "firmware", random.nextBoolean() ? "\"v1.2\"" : "{\"a\":[1,{\"b\":2}]}"
                    });
        }
        for (int i = f.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String[] t = f.get(i);
            f.set(i, f.get(j));
            f.set(j, t);
        }
        return f;
    }

    /** A number as meters write it: in compact form with at most 15 digits, as the scan takes. */
    private static String number(SplittableRandom random, boolean compact, double scale) {
        if (compact) {
            return random.nextBoolean()
                    ? String.format(Locale.ROOT, "%.3f", random.nextDouble() * scale)
                    : Integer.toString(random.nextInt((int) Math.max(1, scale)));
        }
        return switch (random.nextInt(5)) {
            case 0 -> Integer.toString(random.nextInt((int) Math.max(1, scale)));
            case 1 -> String.format(Locale.ROOT, "%.3f", random.nextDouble() * scale);
            case 2 -> Double.toString(random.nextDouble() * scale);
            case 3 -> String.format(Locale.ROOT, "%.2e", random.nextDouble() * scale);
            default -> String.format(Locale.ROOT, "%.1f", random.nextDouble() * scale / 10);
        };
    }

    private static final String[] ODD_VALUES = {
        "null",
        "\"\"",
        "\"x\"",
        "-1",
        "-0.0",
        "0",
        "15.0",
        "15.5",
        "1e400",
        "-1e400",
        "NaN",
        "12345678901234567890",
        "true",
        "[]",
        "[\"POWER_OFF\"]",
        "[\"POWER_OFF\",\"POWER_ON\"]",
        "[\"NO_SUCH\"]",
        "[1]",
        "{}",
        "\"2026-02-01T00:07:00+08:00\"",
        "\"2026-13-01T00:15:00Z\"",
        "\"M 1\"",
        "\"" + "M".repeat(65) + "\"",
        "99999",
        "30",
        "60",
        "45"
    };

    private static final String[] NAMES = {
        "meterId", "ts", "intervalMinutes", "kwh", "registerKwh", "exportKwh", "events", "x"
    };

    private static void mutate(List<String[]> fields, SplittableRandom random) {
        int kind = random.nextInt(4);
        if (kind == 0 && !fields.isEmpty()) {
            fields.remove(random.nextInt(fields.size()));
        } else if (kind == 1 && !fields.isEmpty()) {
            String[] copy = fields.get(random.nextInt(fields.size()));
            fields.add(random.nextInt(fields.size() + 1), new String[] {copy[0], copy[1]});
        } else if (kind == 2 && !fields.isEmpty()) {
            fields.get(random.nextInt(fields.size()))[1] =
                    ODD_VALUES[random.nextInt(ODD_VALUES.length)];
        } else {
            fields.add(
                    new String[] {
                        NAMES[random.nextInt(NAMES.length)],
                        ODD_VALUES[random.nextInt(ODD_VALUES.length)]
                    });
        }
    }

    private static String render(List<String[]> fields, SplittableRandom random) {
        StringBuilder b = new StringBuilder("{");
        String gap = random == null || random.nextInt(8) != 0 ? "" : " ";
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',').append(gap);
            }
            b.append('"')
                    .append(fields.get(i)[0])
                    .append("\":")
                    .append(gap)
                    .append(fields.get(i)[1]);
        }
        return b.append('}').toString();
    }

    private static String garble(String raw, SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> raw + "{}";
            case 1 -> raw.substring(0, random.nextInt(raw.length()));
            case 2 -> "[" + raw + "]";
            case 3 -> "  " + raw + "  ";
            default -> raw.replace(":", "=");
        };
    }
}
