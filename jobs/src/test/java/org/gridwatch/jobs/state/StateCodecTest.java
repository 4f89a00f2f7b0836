package org.gridwatch.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.state.BitForBit.assertSame;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.gridwatch.core.arrears.ArrearsCase;
import org.gridwatch.core.arrears.PaymentHabit;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.ReadingGaps;
import org.gridwatch.core.billing.ReadingHistory;
import org.gridwatch.core.detect.DataQualityCase;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.meter.CoveredQuarters;
import org.gridwatch.core.value.CreditRecord;
import org.gridwatch.core.value.CustomerAccount;
import org.gridwatch.core.value.ValueHistory;
import org.gridwatch.jobs.types.SharedIds;
import org.junit.jupiter.api.Test;

/**
 * The compact state is read back equal, field by field and bit for bit, for objects whose every
 * field is filled at random (extremes included); and the codec knows every field of every class it
 * writes: a field added to one of them fails {@link #theCodecWritesEveryField} until the codec and
 * this list learn it.
 */
class StateCodecTest {

    private static final Map<Class<?>, List<String>> FIELDS =
            Map.ofEntries(
                    Map.entry(
                            MonthlyUsage.class,
                            List.of(
                                    "yearMonth",
                                    "startMillis",
                                    "endMillis",
                                    "firstEpochDay",
                                    "latestEndMillis",
                                    "microKwh",
                                    "estimatedMicroKwh",
                                    "readings",
                                    "slots",
                                    // release 0.1's arrays, read by Flink's POJO serializer only
                                    "slotMicroKwh",
                                    "slotQuarters",
                                    "maxQuarterMicroKwh",
                                    "readingCount",
                                    "quarterCount",
                                    "peakHoursMicroKwh")),
                    Map.entry(
                            ReadingGaps.class,
                            List.of(
                                    "first",
                                    "end",
                                    "firstRegister",
                                    "lastRegister",
                                    "count",
                                    "from",
                                    "to",
                                    "registerBefore",
                                    "registerAfter",
                                    "backwards",
                                    "overflow")),
                    Map.entry(
                            ReadingHistory.class,
                            List.of(
                                    "billedMonth",
                                    "started",
                                    "openingMicroKwh",
                                    "openingEstimated",
                                    "lastActualMicroKwh",
                                    "latestReadingEndMillis",
                                    "profileWh")),
                    Map.entry(
                            CustomerAccount.class, List.of("ledger", "credit", "history", "habit")),
                    Map.entry(
                            CustomerLedger.class,
                            List.of(
                                    "balanceFen",
                                    "billCount",
                                    "billYearMonths",
                                    "billDueMillis",
                                    "billAmountFen",
                                    "forgottenDueMillis",
                                    "paymentKeys",
                                    "paymentKeyCount",
                                    "paymentKeyNext",
                                    "reversalCount",
                                    "reversedFen",
                                    "paidFen",
                                    "lastPaymentMillis",
                                    "tierYear",
                                    "yearMicroKwh")),
                    Map.entry(
                            CreditRecord.class,
                            List.of(
                                    "demeritCount",
                                    "demeritKinds",
                                    "demeritPoints",
                                    "demeritExpiryMillis",
                                    "onTimeStreak",
                                    "theftUntilMillis",
                                    "lastInspectionMillis",
                                    "theftCount",
                                    "oldestOpenDueMillis")),
                    Map.entry(
                            ValueHistory.class,
                            List.of(
                                    "monthIndex",
                                    "revenueFen",
                                    "microKwh",
                                    "peakMicroKwh",
                                    "maxQuarterMicroKwh",
                                    "quarters",
                                    "firstMonthIndex",
                                    "latestMonthIndex")),
                    Map.entry(
                            PaymentHabit.class,
                            List.of(
                                    "overdueBillsCleared",
                                    "overdueDays",
                                    "observedToMillis",
                                    "oldestOpenDueMillis")),
                    Map.entry(
                            DayLoad.class,
                            List.of(
                                    "epochDay",
                                    "dayStartMillis",
                                    "hourly",
                                    "readings",
                                    "zeroReadings",
                                    "minutes",
                                    "rates",
                                    "intervalMinutes",
                                    "events",
                                    "registerStartKwh",
                                    "registerStartMillis",
                                    "registerEndKwh",
                                    "registerEndMillis",
                                    "quartersLow", // after the open usage (writeDayQuarters)
                                    "quartersHigh",
                                    "exportHours")), // after the quarters (writeDayExportHours)
                    Map.entry(
                            UsageBaseline.class,
                            List.of(
                                    "profile",
                                    "typeDays",
                                    "usual",
                                    "drift",
                                    "spread",
                                    "featureDays",
                                    "lastRegisterKwh",
                                    "lastRegisterDay")),
                    Map.entry(
                            ArrearsCase.class,
                            List.of(
                                    "alertId",
                                    "emittedChance",
                                    "emittedSeverity",
                                    "emittedOpenBills")),
                    Map.entry(
                            DataQualityCase.class,
                            List.of(
                                    "alertId",
                                    "faultsFound",
                                    "lastReadDay",
                                    "silentDays",
                                    "mismatchDay",
                                    "previousMismatchDay",
                                    "mismatchRegisterKwh",
                                    "mismatchIntervalKwh",
                                    "emittedFindings",
                                    "emittedSeverity")),
                    Map.entry(CoveredQuarters.class, List.of("newestQuarter", "horizon", "bits")),
                    Map.entry(
                            AccountBook.class,
                            List.of(
                                    "account",
                                    "history",
                                    "usual",
                                    "arrears",
                                    "quality",
                                    "inspected",
                                    "creditCheckAt",
                                    "arrearsCheckAt",
                                    "latestEventMillis")),
                    Map.entry(CustomerLoad.class, List.of("master", "months", "days", "nextSoFar")),
                    Map.entry(
                            MeterState.class,
                            List.of("customer", "covered", "months", "days", "endedMonths")));

    @Test
    void theCodecWritesEveryField() {
        BitForBit.assertStateFields(FIELDS);
    }

    private final SplittableRandom random = new SplittableRandom(11);

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

    private float anyFloat() {
        return switch (random.nextInt(5)) {
            case 0 -> 0f;
            case 1 -> -0f;
            case 2 -> Float.NaN;
            default -> (float) (random.nextDouble() * 100);
        };
    }

    private Object anyValue(Class<?> type) throws Exception {
        if (type == long.class) {
            return anyLong();
        } else if (type == int.class) {
            return anyInt();
        } else if (type == short.class) {
            return (short) anyInt();
        } else if (type == byte.class) {
            return (byte) anyInt();
        } else if (type == boolean.class) {
            return random.nextBoolean();
        } else if (type == float.class) {
            return anyFloat();
        } else if (type == double.class) {
            return random.nextInt(4) == 0 ? Double.NaN : random.nextDouble() * 1e6;
        } else if (type == String.class) {
            return random.nextInt(4) == 0 ? null : "id-" + random.nextInt(1000) + "-区";
        } else if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            return random.nextInt(4) == 0 ? null : values[random.nextInt(values.length)];
        } else if (type.isArray()) {
            int n = random.nextInt(0, 100);
            Object a = Array.newInstance(type.getComponentType(), n);
            for (int i = 0; i < n; i++) {
                Array.set(a, i, anyValue(type.getComponentType()));
            }
            return a;
        }
        return filled(type);
    }

    /** An object of {@code type} whose every field is set at random. */
    private <T> T filled(Class<T> type) throws Exception {
        T o = type.getDeclaredConstructor().newInstance();
        for (Field f : BitForBit.stateFields(type)) {
            f.set(o, anyValue(f.getType()));
        }
        if (o instanceof ValueHistory) { // the ring's invariant: a slot never billed is empty
            ValueHistory fresh = new ValueHistory();
            for (int i = 0; i < ValueHistory.MONTHS; i++) {
                if (random.nextBoolean()) {
                    fresh.monthIndex[i] = random.nextInt(0, 30_000);
                    fresh.revenueFen[i] = anyLong();
                    fresh.microKwh[i] = anyLong();
                    fresh.peakMicroKwh[i] = anyLong();
                    fresh.maxQuarterMicroKwh[i] = anyLong();
                    fresh.quarters[i] = anyInt();
                }
            }
            fresh.firstMonthIndex = anyInt();
            fresh.latestMonthIndex = anyInt();
            return type.cast(fresh);
        }
        if (o instanceof MonthlyUsage m) { // release 0.1's arrays: null in every month made since
            m.slotMicroKwh = null;
            m.slotQuarters = null;
        }
        if (o instanceof DataQualityCase q && q.mismatchDay == DataQualityCase.NONE) {
            // written only with a disagreement
            q.previousMismatchDay = DataQualityCase.NONE;
            q.mismatchRegisterKwh = Double.NaN;
            q.mismatchIntervalKwh = Double.NaN;
        }
        if (o instanceof CustomerAccount a) {
            a.ledger = filled(CustomerLedger.class);
            a.credit = filled(CreditRecord.class);
            a.history = filled(ValueHistory.class);
            a.habit = filled(PaymentHabit.class);
        }
        return o;
    }

    private Customer anyCustomer() {
        return new Customer(
                "C" + random.nextInt(1000),
                "M" + random.nextInt(1000),
                CustomerClass.values()[random.nextInt(CustomerClass.values().length)],
                random.nextBoolean() ? null : "A" + random.nextInt(100),
                "commercial-tou",
                random.nextBoolean(),
                random.nextBoolean() ? Double.NaN : random.nextDouble() * 100,
                random.nextBoolean() ? Customer.UNKNOWN_SINCE : random.nextInt(20_000));
    }

    @Test
    void theAccountBookIsReadBackAsWritten() throws Exception {
        for (int n = 0; n < 300; n++) {
            AccountBook book = new AccountBook();
            book.account = random.nextInt(5) == 0 ? null : filled(CustomerAccount.class);
            book.history = random.nextInt(5) == 0 ? null : filled(ReadingHistory.class);
            book.usual = random.nextInt(5) == 0 ? null : filled(UsageBaseline.class);
            book.arrears = random.nextInt(3) == 0 ? null : filled(ArrearsCase.class);
            book.quality = random.nextInt(3) == 0 ? null : filled(DataQualityCase.class);
            book.inspected =
                    random.nextBoolean()
                            ? null
                            : InspectionOutcome.values()[
                                    random.nextInt(InspectionOutcome.values().length)];
            book.creditCheckAt = anyLong();
            book.arrearsCheckAt = anyLong();
            book.latestEventMillis = anyLong();
            assertSame(book, AccountBook.decode(book.encode()), "book");
        }
        assertSame(new AccountBook(), AccountBook.decode(new AccountBook().encode()), "empty");
    }

    @Test
    void anAccountBookOfVersion1KeepsItsMeterFaultCaseAsTheDataQualityCase() throws Exception {
        // as version 1 wrote a book with only a meter-fault case: its alert and two faults found
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(1); // version
        out.writeByte(16); // present: the meter-fault case
        out.writeByte(0); // no inspection waiting
        out.writeLong(AccountBook.NONE);
        out.writeLong(AccountBook.NONE);
        out.writeLong(AccountBook.NONE);
        StateCodec.writeString(out, "data-quality:C1:20260205");
        StateCodec.writeInt(out, 2);

        DataQualityCase q = AccountBook.decode(out.getCopyOfBuffer()).quality;

        assertThat(q.alertId).isEqualTo("data-quality:C1:20260205");
        assertThat(q.faultsFound).isEqualTo(2);
        assertThat(DataQualityCase.Finding.first(q.emittedFindings))
                .isEqualTo(DataQualityCase.Finding.METER_FAULT_FOUND);
        assertThat(q.lastReadDay).isEqualTo(DataQualityCase.NONE); // watched from its next day
        assertThat(q.mismatchDay).isEqualTo(DataQualityCase.NONE);
    }

    @Test
    void theLoadAndTheMeterAreReadBackAsWritten() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        for (int n = 0; n < 300; n++) {
            CustomerLoad load = new CustomerLoad();
            load.master = random.nextInt(5) == 0 ? null : anyCustomer();
            open(load);
            load.nextSoFar = random.nextBoolean() ? null : filled(MonthlyUsage.class);
            out.clear();
            CustomerLoadSerializer.INSTANCE.serialize(load, out);
            assertSame(
                    load,
                    CustomerLoadSerializer.INSTANCE.deserialize(
                            new DataInputDeserializer(out.getCopyOfBuffer())),
                    "load");
            assertSame(load, CustomerLoadSerializer.INSTANCE.copy(load), "copy");

            MeterState meter = new MeterState();
            meter.customer = random.nextInt(3) == 0 ? null : anyCustomer();
            meter.covered = random.nextInt(3) == 0 ? null : filled(CoveredQuarters.class);
            if (meter.covered != null && random.nextBoolean()) { // a meter read every quarter
                java.util.Arrays.fill(meter.covered.bits, 0xAAAAAAAAAAAAAAAAL);
            }
            open(meter);
            if (random.nextBoolean()) {
                MonthlyUsage ended = filled(MonthlyUsage.class);
                ended.yearMonth = 202512;
                meter.putEnded(ended);
            }
            out.clear();
            MeterStateSerializer.INSTANCE.serialize(meter, out);
            assertSame(
                    meter,
                    MeterStateSerializer.INSTANCE.deserialize(
                            new DataInputDeserializer(out.getCopyOfBuffer())),
                    "meter");
        }
    }

    @Test
    void theSupplyWatchsCustomerIsReadBackAsWrittenWithTheSharedIds() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (int n = 0; n < 300; n++) {
            SupplyCustomer c = new SupplyCustomer();
            c.master = random.nextInt(4) == 0 ? null : anyCustomer();
            c.segment = random.nextInt(3) == 0 ? null : "HIGH";
            c.servedArea = random.nextInt(3) == 0 ? null : new String("A" + random.nextInt(1000));
            c.latestEventMillis = random.nextInt(4) == 0 ? SupplyCustomer.NONE : random.nextLong();
            out.clear();
            SupplyCustomerSerializer.INSTANCE.serialize(c, out);
            SupplyCustomer back =
                    SupplyCustomerSerializer.INSTANCE.deserialize(
                            new DataInputDeserializer(out.getCopyOfBuffer()));
            assertSame(c, back, "supply customer");
            assertSame(c, SupplyCustomerSerializer.INSTANCE.copy(c), "copy");
            if (c.servedArea != null) { // one copy of an area's id on the heap, the master's
                assertThat(back.servedArea).isSameAs(SharedIds.shared(c.servedArea));
            }
        }
    }

    @Test
    void anOpenDaysQuartersAreKeptAndTheLayoutsBeforeThemReadTheDayAsReadWhole() throws Exception {
        long dayStart = 20_000L * 86_400_000L;
        DayLoad day = new DayLoad(20_000, dayStart);
        // 00:00-00:15 and 06:00-07:00: quarter 0, and quarters 24-27
        day.add(new MeterReading("M1", dayStart + 900_000L, 15, 0.5, Double.NaN, Double.NaN, 0));
        day.add(
                new MeterReading(
                        "M1", dayStart + 7 * 3_600_000L, 60, 2.0, Double.NaN, Double.NaN, 0));
        assertThat(day.quartersLow).isEqualTo(0xF000001L);
        MeterState meter = meterWith(day);
        CustomerLoad load = loadWith(day);

        DayLoad kept = firstDayThrough(MeterStateSerializer.INSTANCE, meter);
        assertThat(kept.quartersLow).isEqualTo(0xF000001L);
        assertThat(kept.quartersHigh).isZero();
        kept = firstDayThrough(CustomerLoadSerializer.INSTANCE, load);
        assertThat(kept.quartersLow).isEqualTo(0xF000001L);

        // layout 3 of the join and 2 of the accounts kept no quarters: every one taken as read
        DayLoad before = firstDayThrough(MeterStateSerializer.ofLayout(3), meter);
        assertThat(before.quartersLow).isEqualTo(-1L);
        assertThat(before.quartersHigh).isEqualTo(0xFFFFFFFFL);
        assertThat(before.completedHourly(null)).containsExactly(day.hourly);
        before = firstDayThrough(CustomerLoadSerializer.ofLayout(2), load);
        assertThat(before.quartersLow).isEqualTo(-1L);
        assertThat(before.quartersHigh).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void theHoursAnOpenDaysMeterRanBackwardsAreKeptAndTheLayoutsBeforeThemReadNone()
            throws Exception {
        long dayStart = 20_000L * 86_400_000L;
        DayLoad day = new DayLoad(20_000, dayStart);
        // 01:00-02:00 exported 0.4 kWh, 12:00-13:00 2.0 kWh
        day.add(new MeterReading("M1", dayStart + 2 * 3_600_000L, 60, 0, Double.NaN, 0.4, 0));
        day.add(new MeterReading("M1", dayStart + 13 * 3_600_000L, 60, 0, Double.NaN, 2.0, 0));
        int hours = 1 << 1 | 1 << 12;
        assertThat(day.exportHours).isEqualTo(hours);
        MeterState meter = meterWith(day);
        CustomerLoad load = loadWith(day);

        assertThat(firstDayThrough(MeterStateSerializer.INSTANCE, meter).exportHours)
                .isEqualTo(hours);
        assertThat(firstDayThrough(CustomerLoadSerializer.INSTANCE, load).exportHours)
                .isEqualTo(hours);

        // layout 4 of the join and 3 of the accounts kept the quarters, not these hours
        DayLoad before = firstDayThrough(MeterStateSerializer.ofLayout(4), meter);
        assertThat(before.exportHours).isZero();
        assertThat(before.quartersLow).isEqualTo(day.quartersLow);
        before = firstDayThrough(CustomerLoadSerializer.ofLayout(3), load);
        assertThat(before.exportHours).isZero();
        assertThat(before.quartersLow).isEqualTo(day.quartersLow);
    }

    /** The meter join's state of a customer, with {@code day} open. */
    private MeterState meterWith(DayLoad day) {
        MeterState meter = new MeterState();
        meter.customer = anyCustomer();
        meter.putDay(day);
        return meter;
    }

    /** The accounts' load of a customer, with {@code day} open. */
    private CustomerLoad loadWith(DayLoad day) {
        CustomerLoad load = new CustomerLoad();
        load.master = anyCustomer();
        load.putDay(day);
        return load;
    }

    /** The first open day of {@code value} after {@code serializer} wrote and read it. */
    private static <T extends OpenUsage> DayLoad firstDayThrough(
            org.apache.flink.api.common.typeutils.TypeSerializer<T> serializer, T value)
            throws java.io.IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())).days[0];
    }

    @Test
    void anEndedMonthIsCheckpointedPackedAndLayoutTwoReadsItOpen() throws Exception {
        MonthlyUsage january = filled(MonthlyUsage.class);
        january.yearMonth = 202601;
        MonthlyUsage february = filled(MonthlyUsage.class);
        february.yearMonth = 202602;
        MeterState packed = new MeterState();
        packed.customer = anyCustomer();
        packed.putMonth(february);
        packed.putEnded(january);

        DataOutputSerializer out = new DataOutputSerializer(4096);
        MeterStateSerializer.INSTANCE.serialize(packed, out);
        MeterState restored =
                MeterStateSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        assertSame(packed, restored, "meter");
        assertSame(january, restored.takeEnded(202601), "january");

        // a checkpoint of the layout before (2) had every month open: it reads so
        MeterState open = new MeterState();
        open.customer = packed.customer;
        open.putMonth(january);
        open.putMonth(february);
        out.clear();
        MeterStateSerializer.ofLayout(2).serialize(open, out);
        assertSame(
                open,
                MeterStateSerializer.ofLayout(2)
                        .deserialize(new DataInputDeserializer(out.getCopyOfBuffer())),
                "layout 2");
    }

    /** Up to two open months and two open days, each field random. */
    private void open(OpenUsage usage) throws Exception {
        for (int m = random.nextInt(3); m > 0; m--) {
            MonthlyUsage month = filled(MonthlyUsage.class);
            month.yearMonth = 202601 + m;
            usage.putMonth(month);
        }
        for (int d = random.nextInt(3); d > 0; d--) {
            DayLoad day = filled(DayLoad.class);
            day.epochDay = 20_000 + d;
            usage.putDay(day);
        }
    }
}
