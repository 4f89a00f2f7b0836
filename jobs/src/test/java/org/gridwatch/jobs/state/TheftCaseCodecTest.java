package org.gridwatch.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.state.BitForBit.assertSame;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gridwatch.core.detect.DayJudge;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.LossMatch;
import org.gridwatch.core.detect.TheftCase;
import org.gridwatch.core.detect.TheftEvidence;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Severity;
import org.junit.jupiter.api.Test;

/**
 * A kept theft case is read back equal, field by field and bit for bit, for cases whose every field
 * is set at random (extremes, NaN of any bits, -0.0, infinities and nulls included) and for a case
 * that a thief's days made; the codec knows every field of the three classes it writes (one added
 * later fails {@link #theCodecWritesEveryField} until the codec and this list learn it); and the
 * severities keep the ordinals the layout holds.
 */
class TheftCaseCodecTest {

    private static final Map<Class<?>, List<String>> FIELDS =
            Map.of(
                    TheftCase.class,
                    List.of(
                            "evidence",
                            "lossCnyPerDay",
                            "alertId",
                            "quietDays",
                            "emittedScore",
                            "emittedSeverity",
                            "publishedScore"),
                    TheftEvidence.class,
                    List.of(
                            "smoothed",
                            "netSpread",
                            "scoredDays",
                            "lastDay",
                            "tamperDay",
                            "rollbackDay",
                            "reverseDay",
                            "phaseDay",
                            "mismatchDay",
                            "recentKwh",
                            "usualKwh",
                            "areaLoss",
                            "hourlyStolenKwh",
                            "hourlyStolenSe",
                            "hourlyBeta",
                            "hourlyBetaSe",
                            "hourlyDays",
                            "hourlySpreads",
                            "flatDayBits", // after the published score (layout 3)
                            "flatLinedTo",
                            "vouchedSigns", // after the flat days (layout 4)
                            "vouchedOn"),
                    LossMatch.class,
                    List.of(
                            "drive",
                            "from",
                            "beforeLossRate",
                            "beforeSpread",
                            "beforeDays",
                            "days",
                            "dropKwh",
                            "dropSquaredKwh",
                            "usualKwh",
                            "riseKwh",
                            "suppliedKwh",
                            "areaFrom",
                            "shortfall",
                            "spreads"));

    @Test
    void theCodecWritesEveryField() {
        BitForBit.assertStateFields(FIELDS);
    }

    /** The layout holds a severity as its ordinal plus one: the constants are only appended to. */
    @Test
    void theSeveritiesKeepTheirOrdinals() {
        assertThat(Arrays.stream(Severity.values()).map(Enum::name).toList())
                .startsWith("LOW", "MEDIUM", "HIGH");
    }

    private final SplittableRandom random = new SplittableRandom(23);

    private long anyLong() {
        return switch (random.nextInt(7)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> Long.MIN_VALUE + 1;
            case 3 -> random.nextInt(-300, 300);
            case 4 -> random.nextInt(19_000, 22_000); // an epoch day
            default -> random.nextLong();
        };
    }

    private int anyInt() {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> -1;
            case 3 -> random.nextInt(0, 3000);
            case 4 -> random.nextInt(19_000, 22_000);
            default -> random.nextInt();
        };
    }

    private float anyFloat() {
        return switch (random.nextInt(8)) {
            case 0 -> 0f;
            case 1 -> -0f;
            case 2 -> Float.NaN;
            case 3 -> Float.intBitsToFloat(0x7fc0_0001); // a NaN not the usual one
            case 4 -> Float.NEGATIVE_INFINITY;
            case 5 -> Float.MIN_VALUE;
            default -> (float) ((random.nextDouble() - 0.3) * 100);
        };
    }

    private double anyDouble() {
        return switch (random.nextInt(7)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> Double.longBitsToDouble(0x7ff8_0000_0000_0001L);
            case 3 -> Double.POSITIVE_INFINITY;
            case 4 -> Double.MAX_VALUE;
            default -> (random.nextDouble() - 0.3) * 1e3;
        };
    }

    private Object anyValue(Class<?> type) throws Exception {
        if (type == long.class) {
            return anyLong();
        } else if (type == int.class) {
            return anyInt();
        } else if (type == boolean.class) {
            return random.nextBoolean();
        } else if (type == float.class) {
            return anyFloat();
        } else if (type == double.class) {
            return anyDouble();
        } else if (type == String.class) {
            return switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> "";
                default -> "theft:C" + random.nextInt(100_000) + ":2026021" + random.nextInt(10);
            };
        } else if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            return random.nextInt(4) == 0 ? null : values[random.nextInt(values.length)];
        } else if (type.isArray()) {
            if (random.nextInt(6) == 0) {
                return null;
            }
            int n = random.nextInt(4) == 0 ? random.nextInt(0, 12) : 7;
            Object a = Array.newInstance(type.getComponentType(), n);
            for (int i = 0; i < n; i++) {
                Array.set(a, i, anyValue(type.getComponentType()));
            }
            return a;
        }
        return random.nextInt(6) == 0 ? null : filled(type);
    }

    /** An object of {@code type} whose every field is set at random. */
    private <T> T filled(Class<T> type) throws Exception {
        T o = type.getDeclaredConstructor().newInstance();
        for (Field f : BitForBit.stateFields(type)) {
            f.set(o, anyValue(f.getType()));
        }
        return o;
    }

    @Test
    void aCaseIsReadBackAsWritten() throws Exception {
        for (int n = 0; n < 3_000; n++) {
            TheftCase c = filled(TheftCase.class);
            assertSame(c, TheftCaseCodec.caseOf(TheftCaseCodec.caseBytes(c)), "case " + n);
        }
        TheftCase fresh = new TheftCase();
        assertSame(fresh, TheftCaseCodec.caseOf(TheftCaseCodec.caseBytes(fresh)), "fresh");
    }

    /**
     * A thief's case as its days make it: 60 honest days, then a meter reading 40% with its cover
     * opened, the area's loss rising by the rest; every day's case read back as written.
     */
    @Test
    void aThiefsCaseIsReadBackAsWrittenEveryDay() throws Exception {
        Customer customer =
                new Customer(
                        "C0000001",
                        "M0000001",
                        CustomerClass.RESIDENTIAL,
                        "A001",
                        "residential-tiered",
                        false,
                        4.0,
                        Customer.UNKNOWN_SINCE);
        long dayMillis = 86_400_000L;
        UsageBaseline usual = new UsageBaseline();
        org.gridwatch.core.detect.AreaBalance area = new org.gridwatch.core.detect.AreaBalance();
        double[] prices = new double[24];
        Arrays.fill(prices, 0.5);
        TheftCase c = new TheftCase();
        boolean opened = false;
        for (int d = 0; d < 90; d++) {
            double scale = d < 60 ? 1 : 0.4;
            DayLoad day = new DayLoad(d, d * dayMillis);
            for (int q = 0; q < 96; q++) {
                double kwh = scale * (0.1 + 0.05 * Math.sin(q / 10.0) + 0.001 * (d % 7));
                day.add(
                        new MeterReading(
                                "M0000001",
                                d * dayMillis + (q + 1) * 900_000L,
                                15,
                                kwh,
                                Double.NaN,
                                Double.NaN,
                                d == 60 && q == 40 ? MeterEvent.COVER_OPEN.bit() : 0));
            }
            DayReport r =
                    DayJudge.close(
                            usual,
                            day,
                            customer,
                            d % 7 >= 5,
                            new boolean[24],
                            prices,
                            (d + 1) * dayMillis);
            double supplied = (d < 60 ? r.kwh() : r.kwh() / 0.4) / 0.96;
            area.record(d, supplied, r.kwh(), 1);
            c.onDay(r, r.z(), area);
            area.onDay("A001", d, (d + 1) * dayMillis, supplied, r.kwh(), 1, List.of());
            opened |= c.alertId != null;
            assertSame(c, TheftCaseCodec.caseOf(TheftCaseCodec.caseBytes(c)), "day " + d);
        }
        assertThat(opened).as("the case opened an alert").isTrue();
        assertThat(c.evidence.areaLoss.days).as("the case matched the area's loss").isPositive();
        assertThat(c.evidence.tamperDay).isEqualTo(60);
    }

    /**
     * Layout 1, as releases before the published score wrote it: the same fields without the score
     * at the end. Read with no score published, every other field as written (the theft watch's
     * savepoints of those releases: LegacyStateTest).
     */
    @Test
    void aCaseOfLayoutOneIsReadWithNoScorePublished() throws Exception {
        for (int n = 0; n < 300; n++) {
            TheftCase c = withoutFlatDays(withNothingVouched(filled(TheftCase.class)));
            byte[] now = TheftCaseCodec.caseBytes(c);
            byte[] before = Arrays.copyOf(now, now.length - 4 - flatBytes(c) - vouchedBytes(c));
            before[0] = 1;
            TheftCase read = TheftCaseCodec.caseOf(before);
            assertThat(read.publishedScore).isNaN();
            c.publishedScore = Float.NaN;
            assertSame(c, read, "case " + n);
        }
    }

    /** The bytes of no flat day: the bits (a long) and the day they run to, none (one byte). */
    private static final int FLAT_DAYS_NONE = 8 + 1;

    private static TheftCase withoutFlatDays(TheftCase c) {
        if (c.evidence != null) {
            c.evidence.flatDayBits = 0;
            c.evidence.flatLinedTo = Long.MIN_VALUE;
        }
        return c;
    }

    /** The flat days' bytes at the end of a case: none without evidence. */
    private static int flatBytes(TheftCase c) {
        return c.evidence == null ? 0 : FLAT_DAYS_NONE;
    }

    /** The bytes of nothing vouched for: no sign (one byte) and no day (one byte). */
    private static final int VOUCHED_NONE = 1 + 1;

    private static TheftCase withNothingVouched(TheftCase c) {
        if (c.evidence != null) {
            c.evidence.vouchedSigns = 0;
            c.evidence.vouchedOn = Long.MIN_VALUE;
        }
        return c;
    }

    /** The vouched signs' bytes at the very end of a case: none without evidence. */
    private static int vouchedBytes(TheftCase c) {
        return c.evidence == null ? 0 : VOUCHED_NONE;
    }

    /**
     * Layout 2, as releases before a household's flat days wrote it: the same fields without them
     * at the end. Read with no flat day, every other field as written.
     */
    @Test
    void aCaseOfLayoutTwoIsReadWithNoFlatDay() throws Exception {
        for (int n = 0; n < 300; n++) {
            TheftCase c = withoutFlatDays(withNothingVouched(filled(TheftCase.class)));
            byte[] now = TheftCaseCodec.caseBytes(c);
            byte[] before = Arrays.copyOf(now, now.length - flatBytes(c) - vouchedBytes(c));
            before[0] = 2;
            assertSame(c, TheftCaseCodec.caseOf(before), "case " + n);
        }
    }

    /**
     * Layout 3, as releases before an inspector's NO_FINDING vouched for the signs it saw: the same
     * fields without them at the end. Read with nothing vouched for, every other field as written.
     */
    @Test
    void aCaseOfLayoutThreeIsReadWithNothingVouchedFor() throws Exception {
        for (int n = 0; n < 300; n++) {
            TheftCase c = withNothingVouched(filled(TheftCase.class));
            byte[] now = TheftCaseCodec.caseBytes(c);
            byte[] before = Arrays.copyOf(now, now.length - vouchedBytes(c));
            before[0] = 3;
            assertSame(c, TheftCaseCodec.caseOf(before), "case " + n);
        }
    }

    /** A new customer's case, byte by byte: the layout of the class comment. */
    @Test
    void aFreshCaseIsWrittenInFewBytes() {
        int head = 1 + 1; // version, flags
        int theftCase =
                1 // no alert
                        + 8 // the loss a day: NaN's raw bits
                        + 1 // quiet days
                        + 8 // the emitted score's raw bits
                        + 1 // no severity
                        + 4 // the published score's raw bits (after the evidence)
                        + FLAT_DAYS_NONE // no flat day
                        + VOUCHED_NONE; // nothing vouched for (at the end)
        int evidence =
                (1 + 7 * 4) * 2 // smoothed and net spreads: the count, each's raw bits
                        + 1 // scored days
                        + 6 // six days, none of them
                        + 6 * 4 // the energies and the hourly fit's floats
                        + 1 // the hourly fit's days
                        + 4; // its spreads
        int lossMatch =
                4 // drive
                        + 1 // from: none
                        + 2 * 4 // the loss before
                        + 1 // its days
                        + 1 // days matched
                        + 5 * 4 // the sums
                        + 1 // the area's rise from: none
                        + 4; // spreads
        assertThat(TheftCaseCodec.caseBytes(new TheftCase()))
                .hasSize(head + theftCase + evidence + lossMatch);
    }
}
