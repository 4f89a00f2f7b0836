package org.gridwatch.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.state.BitForBit.assertSame;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CustomerValuation;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.SegmentReasons;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.InspectionPlan;
import org.gridwatch.core.value.ServiceStrategy;
import org.junit.jupiter.api.Test;

/**
 * The fleet value's kept standing and record are read back equal, component by component and bit
 * for bit, for records whose every component is set at random (extremes, NaN, -0.0 and nulls
 * included) and for the values the codec writes as flags alone; and the codec knows every component
 * of every record it writes: one added later fails {@link #theCodecWritesEveryComponent} until the
 * codec and this list learn it.
 */
class FleetValueCodecTest {

    private static final Map<Class<?>, List<String>> COMPONENTS =
            Map.of(
                    CustomerStanding.class,
                    List.of(
                            "customerId",
                            "areaId",
                            "customerClass",
                            "tsMillis",
                            "monthClose",
                            "billedMonth",
                            "revenue12Fen",
                            "energy12Wh",
                            "trend",
                            "loadFactor",
                            "peakShare",
                            "tenureYears",
                            "creditScore",
                            "creditGrade",
                            "confirmedThefts",
                            "theftRecent",
                            "daysPastDue",
                            "lastInspectionMillis",
                            "prepaid",
                            "offpeak",
                            "volatility",
                            "maxDemandKw",
                            "contractKw",
                            "demerits",
                            "basicCharge",
                            "removed"),
                    SegmentChange.class,
                    List.of(
                            "customerId",
                            "areaId",
                            "tsMillis",
                            "segment",
                            "currentValue",
                            "potentialValue",
                            "creditScore",
                            "creditGrade",
                            "strategies",
                            "nextInspectionMillis",
                            "offpeak",
                            "why",
                            "basicCharge"),
                    SegmentReasons.class,
                    List.of(
                            "valuation",
                            "highThresholdFen",
                            "moderateThresholdFen",
                            "findings",
                            "demerits"),
                    CustomerValuation.class,
                    List.of(
                            "basis",
                            "valueFen",
                            "valueRank",
                            "currentValue",
                            "potentialValue",
                            "relativeGrowth",
                            "volatility",
                            "classVolatility",
                            "contractHeadroom"),
                    OffpeakOffer.class,
                    List.of("tariffId", "savingCnyPerYear", "savingWithShiftCnyPerYear"),
                    BasicChargeAdvice.class,
                    List.of(
                            "currentBasis",
                            "months",
                            "capacityCnyPerYear",
                            "demandCnyPerYear",
                            "cheaperBasis",
                            "savingCnyPerYear"));

    @Test
    void theCodecWritesEveryComponent() {
        COMPONENTS.forEach(
                (type, names) ->
                        assertThat(
                                        Arrays.stream(type.getRecordComponents())
                                                .map(RecordComponent::getName)
                                                .toList())
                                .as(type.getSimpleName())
                                .isEqualTo(names));
    }

    @Test
    void everyStrategyIsWrittenAsAWord() {
        for (ServiceStrategy s : ServiceStrategy.values()) {
            assertThat(FleetValueCodec.WORDS).contains(s.name());
        }
        assertThat(FleetValueCodec.WORDS).doesNotHaveDuplicates();
    }

    private final SplittableRandom random = new SplittableRandom(17);

    private long anyLong() {
        return switch (random.nextInt(6)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> random.nextInt(-300, 300);
            default -> random.nextLong();
        };
    }

    private int anyInt() {
        return switch (random.nextInt(5)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> -1;
            case 2 -> random.nextInt(0, 3000);
            default -> random.nextInt();
        };
    }

    private double anyDouble() {
        return switch (random.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> 0.0;
            case 3 -> Double.longBitsToDouble(0x7ff8_0000_0000_0001L); // a NaN not the usual one
            case 4 -> Double.NEGATIVE_INFINITY;
            case 5 -> (random.nextLong(-100_000_000L, 100_000_000L)) / 100.0; // yuan and fen
            default -> (random.nextDouble() - 0.3) * 1e6;
        };
    }

    private String anyString() {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> FleetValueCodec.WORDS.get(random.nextInt(FleetValueCodec.WORDS.size()));
            default -> "id-" + random.nextInt(1000) + "-区";
        };
    }

    /** A value of {@code type}, at random; a record with every component at random. */
    private Object anyValue(Class<?> type) throws Exception {
        if (type == long.class) {
            return anyLong();
        } else if (type == int.class) {
            return anyInt();
        } else if (type == boolean.class) {
            return random.nextBoolean();
        } else if (type == double.class) {
            return anyDouble();
        } else if (type == String.class) {
            return anyString();
        } else if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            return random.nextInt(4) == 0 ? null : values[random.nextInt(values.length)];
        } else if (type.isArray()) {
            if (random.nextInt(6) == 0) {
                return null;
            }
            int n = random.nextInt(0, 8);
            Object a = Array.newInstance(type.getComponentType(), n);
            for (int i = 0; i < n; i++) {
                Array.set(a, i, anyValue(type.getComponentType()));
            }
            return a;
        } else if (type.isRecord()) {
            return random.nextInt(5) == 0 ? null : filled(type);
        }
        throw new IllegalArgumentException("no random " + type);
    }

    private <T> T filled(Class<T> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = anyValue(types[i]);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    /** The key: the record's own id most of the time, as in the job; sometimes another. */
    private String keyFor(String customerId) {
        return random.nextInt(4) == 0 ? "K" + random.nextInt(10) : customerId;
    }

    @Test
    void aStandingIsReadBackAsWritten() throws Exception {
        for (int n = 0; n < 2_000; n++) {
            CustomerStanding s = filled(CustomerStanding.class);
            if (n % 3 == 0) { // what the codec writes as flags alone
                s = withEmptyParts(s);
            }
            String key = keyFor(s.customerId());
            assertSame(
                    s,
                    FleetValueCodec.standingOf(FleetValueCodec.standingBytes(s, key), key),
                    "standing " + n);
        }
        CustomerStanding removal = CustomerStanding.removal("C1", "A001", 1_767_196_800_000L);
        assertSame(
                removal,
                FleetValueCodec.standingOf(FleetValueCodec.standingBytes(removal, "C1"), "C1"),
                "removal");
    }

    private static CustomerStanding withEmptyParts(CustomerStanding s) {
        return new CustomerStanding(
                s.customerId(),
                s.areaId(),
                s.customerClass(),
                s.tsMillis(),
                s.monthClose(),
                s.billedMonth(),
                s.revenue12Fen(),
                s.energy12Wh(),
                s.trend(),
                s.loadFactor(),
                s.peakShare(),
                s.tenureYears(),
                s.creditScore(),
                s.creditGrade(),
                s.confirmedThefts(),
                s.theftRecent(),
                s.daysPastDue(),
                InspectionPlan.NONE,
                s.prepaid(),
                OffpeakOffer.NONE,
                s.volatility(),
                s.maxDemandKw(),
                s.contractKw(),
                s.demerits(),
                BasicChargeAdvice.NONE,
                s.removed());
    }

    @Test
    void aLastAssessmentIsReadBackAsWritten() throws Exception {
        for (int n = 0; n < 2_000; n++) {
            SegmentChange c = random.nextInt(8) == 0 ? null : filled(SegmentChange.class);
            if (c != null && n % 3 == 0) { // what the codec writes as flags alone
                c = asTheRuleMakesIt(c);
            }
            Long valuedAt = random.nextInt(8) == 0 ? null : anyLong();
            LastAssessment kept = new LastAssessment(c, valuedAt);
            String key = c == null ? "C1" : keyFor(c.customerId());
            assertSame(kept, LastAssessment.decode(kept.encode(key), key), "assessment " + n);
        }
    }

    /** The values the valuation's, no inspection, no offer, no advice. */
    private SegmentChange asTheRuleMakesIt(SegmentChange c) throws Exception {
        SegmentReasons why =
                c.why() != null && c.why().valuation() != null
                        ? c.why()
                        : new SegmentReasons(
                                filled(CustomerValuation.class),
                                anyLong(),
                                anyLong(),
                                new String[] {"HIGH_USE", "GOOD_CREDIT"},
                                new String[0]);
        return new SegmentChange(
                c.customerId(),
                c.areaId(),
                c.tsMillis(),
                c.segment(),
                why.valuation().currentValue(),
                why.valuation().potentialValue(),
                c.creditScore(),
                c.creditGrade(),
                c.strategies(),
                SegmentChange.NONE,
                OffpeakOffer.NONE,
                why,
                BasicChargeAdvice.NONE);
    }

    @Test
    void aRecordIsWrittenInFewBytes() {
        CustomerValuation v =
                new CustomerValuation(
                        "revenue", 123_456, 1.0 / 3, 0.8, 0.4, 0.01, 0.12, 0.1, Double.NaN);
        SegmentChange c =
                new SegmentChange(
                        "C000123",
                        "A017",
                        1_770_480_000_000L,
                        org.gridwatch.core.event.Segment.MEDIUM,
                        0.8,
                        0.4,
                        88,
                        org.gridwatch.core.event.CreditGrade.A,
                        new String[] {"OUTAGE_NOTICE_FIRST", "PERIODIC_INSPECTION"},
                        SegmentChange.NONE,
                        OffpeakOffer.NONE,
                        new SegmentReasons(
                                v,
                                500_000,
                                250_000,
                                new String[] {"MODERATE_USE", "GOOD_CREDIT"},
                                new String[0]),
                        BasicChargeAdvice.NONE);
        int head = 1 + 1 + 6; // version, parts, valued at (zig-zag of 1.77e12: 42 bits, 6 B)
        int record =
                1 // flags: the id is the key, no inspection, no offer, no advice
                        + (1 + 2 + 4) // area: not null, its length, "A017"
                        + 6 // time
                        + 1 // segment
                        + 2 // score 88 (zig-zag 176)
                        + 1 // grade
                        + (1 + 2); // two strategies, each its place
        int why =
                1 // a valuation
                        + (1 + 2 + 7) // "revenue"
                        + 3 // 123,456 fen (zig-zag: 18 bits)
                        + (1 + 8) // a rank of 1/3: its raw bits
                        + 5 * 2 // 0.8, 0.4, 0.01, 0.12, 0.1: the integer of their decimals
                        + 1 // NaN
                        + (3 + 3) // the thresholds (zig-zag: 20 and 19 bits)
                        + (1 + 2) // two findings, each its place
                        + 1; // no demerits
        assertThat(new LastAssessment(c, 1_770_480_000_000L).encode("C000123"))
                .hasSize(head + record + why);
    }
}
