package org.gridwatch.jobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.YearMonth;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.jobs.ops.CustomerFeed;
import org.gridwatch.jobs.ops.LoadPartial;
import org.gridwatch.jobs.ops.LoadTotal;
import org.junit.jupiter.api.Test;

/** The hand-written serializers give back exactly what they were given, whatever it holds. */
class ReadingTypesTest {

    private static final Customer SHOP =
            new Customer(
                    "C-0001",
                    "M-0001",
                    CustomerClass.COMMERCIAL,
                    "A-01",
                    "tou",
                    false,
                    40.0,
                    19_000);
    private static final MeterReading READING =
            new MeterReading("M-0001", 1_767_225_600_000L, 15, 0.25, 1234.5, Double.NaN, 3);

    @Test
    void aReadingComesBackAsItWas() throws IOException {
        assertThat(roundTrip(ReadingTypes.METER_READING, READING)).isEqualTo(READING);
        MeterReading bare = new MeterReading(null, 0, 60, Double.NaN, Double.NaN, -0.0, 0);
        assertThat(roundTrip(ReadingTypes.METER_READING, bare)).isEqualTo(bare);
        for (String id :
                new String[] {"", "é-電表-1", "M".repeat(127), "M".repeat(128), "M".repeat(20_000)}) {
            MeterReading odd = new MeterReading(id, 1, 15, 0.5, Double.NaN, Double.NaN, 0);
            assertThat(roundTrip(ReadingTypes.METER_READING, odd)).as(id).isEqualTo(odd);
        }
        assertThat(roundTrip(ReadingTypes.METER_READING, null)).isNull();
    }

    @Test
    void aLoadPartialComesBackAsItWas() throws IOException {
        LoadTotal total = new LoadTotal();
        total.microKwh = 250_000;
        total.readings = 3;
        total.microKwhBySlot[0] = 100_000;
        total.microKwhBySlot[total.microKwhBySlot.length - 1] = 150_000;
        total.microCnyBySlot[0] = 61_234;
        total.emittedMicroKwh = -7;
        LoadPartial p = new LoadPartial();
        p.key = "A-01|COMMERCIAL";
        p.quarterStart = 1_767_225_600_000L;
        p.total = total;

        LoadPartial back = roundTrip(ReadingTypes.LOAD_PARTIAL, p);

        assertThat(back).usingRecursiveComparison().isEqualTo(p);
        LoadPartial empty = new LoadPartial();
        assertThat(roundTrip(ReadingTypes.LOAD_PARTIAL, empty))
                .usingRecursiveComparison()
                .isEqualTo(empty);
        assertThat(roundTrip(ReadingTypes.LOAD_PARTIAL, null)).isNull();
    }

    @Test
    void aCustomerWhoseIdsDifferFromTheRecordsKeepsThem() throws IOException {
        // A second meter of the customer: the master names another meter than the reading's.
        Customer twoMeters =
                new Customer(
                        "C-0002",
                        "M-0002a",
                        CustomerClass.RESIDENTIAL,
                        "A-02",
                        "flat",
                        true,
                        Double.NaN,
                        Customer.UNKNOWN_SINCE);
        MeteredReading m = new MeteredReading(twoMeters, READING);
        assertThat(roundTrip(ReadingTypes.METERED_READING, m)).isEqualTo(m);
        MeteredReading noCustomer = new MeteredReading(null, READING);
        assertThat(roundTrip(ReadingTypes.METERED_READING, noCustomer)).isEqualTo(noCustomer);
    }

    @Test
    void stringsBeyondLatin1AndNullsSurvive() throws IOException {
        Customer chinese = new Customer("客户-7", "表-7", null, "台区-三", null, false, 1.5, 20_000);
        MeterReading reading = new MeterReading("表-7", 1L, 30, 1.0, 2.0, 3.0, 0);
        MeteredReading m = new MeteredReading(chinese, reading);
        assertThat(roundTrip(ReadingTypes.METERED_READING, m)).isEqualTo(m);
    }

    @Test
    void everyKindOfFeedComesBackAsItWas() throws IOException {
        CustomerFeed reading =
                CustomerFeed.reading(new MeteredReading(SHOP, READING), 1_767_196_800_000L);
        CustomerFeed back = roundTrip(ReadingTypes.CUSTOMER_FEED, reading);
        assertThat(back.kind).isEqualTo(CustomerFeed.Kind.READING);
        assertThat(back.customerId).isEqualTo("C-0001");
        assertThat(back.customer).isNull();
        assertThat(back.metered).isEqualTo(reading.metered);
        assertThat(back.eventTimeAtJoin).isEqualTo(1_767_196_800_000L);

        CustomerFeed master = CustomerFeed.master(SHOP);
        back = roundTrip(ReadingTypes.CUSTOMER_FEED, master);
        assertThat(back.kind).isEqualTo(CustomerFeed.Kind.MASTER);
        assertThat(back.customer).isEqualTo(SHOP);
        assertThat(back.metered).isNull();

        CustomerFeed removal = CustomerFeed.removal("C-0009");
        back = roundTrip(ReadingTypes.CUSTOMER_FEED, removal);
        assertThat(back.kind).isEqualTo(CustomerFeed.Kind.REMOVAL);
        assertThat(back.customerId).isEqualTo("C-0009");
        assertThat(back.customer).isNull();
        assertThat(back.metered).isNull();

        DayLoad day = new DayLoad(20_468, 1_768_406_400_000L);
        day.add(new MeterReading("M-0001", 1_768_407_300_000L, 15, 0.75, 12.5, 0.2, 0));
        back = roundTrip(ReadingTypes.CUSTOMER_FEED, CustomerFeed.day("C-0001", day));
        assertThat(back.kind).isEqualTo(CustomerFeed.Kind.DAY);
        assertThat(back.customerId).isEqualTo("C-0001");
        assertThat(back.day.epochDay).isEqualTo(20_468);
        assertThat(back.day.readings).isEqualTo(1);
        assertThat(back.day.hourly).containsExactly(day.hourly);
        assertThat(back.day.quartersLow).isEqualTo(1L); // 00:00-00:15, the day's first quarter
        assertThat(back.day.quartersHigh).isZero();
        assertThat(back.day.exportHours).isEqualTo(1); // sent 0.2 kWh back in 00:00-01:00
        assertThat(back.month).isNull();

        BillingCalendar calendar =
                new BillingCalendar(
                        java.time.ZoneId.of("Asia/Shanghai"), BillingCalendar.DEFAULT_DAYS_TO_PAY);
        MonthlyUsage january = MonthlyUsage.of(YearMonth.of(2026, 1), calendar);
        january.add(
                1_768_406_400_000L,
                15,
                0.75,
                org.gridwatch.jobs.MonitorSettings.DEFAULT.tariffBook().lookup("commercial-tou"));
        MonthlyUsage february = MonthlyUsage.of(YearMonth.of(2026, 2), calendar);
        back =
                roundTrip(
                        ReadingTypes.CUSTOMER_FEED,
                        CustomerFeed.month("C-0001", january, february));
        assertThat(back.kind).isEqualTo(CustomerFeed.Kind.MONTH);
        assertThat(back.month.yearMonth).isEqualTo(202601);
        assertThat(back.month.readingCount).isEqualTo(1);
        assertThat(back.month.microKwh).containsExactly(january.microKwh);
        assertThat(back.nextSoFar.yearMonth).isEqualTo(202602);
        back = roundTrip(ReadingTypes.CUSTOMER_FEED, CustomerFeed.month("C-0001", january, null));
        assertThat(back.nextSoFar).isNull();
        assertThat(back.day).isNull();
    }

    @Test
    void aSerializerComesBackFromItsSnapshot() throws IOException {
        TypeSerializer<CustomerFeed> serializer =
                ReadingTypes.CUSTOMER_FEED.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<CustomerFeed> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(serializer);
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        serializer.serialize(value, out); // two in a row: each reads exactly what it wrote
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T first = serializer.deserialize(in);
        T second = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        if (first instanceof CustomerFeed) {
            return first;
        }
        if (first instanceof LoadPartial) {
            assertThat(second).usingRecursiveComparison().isEqualTo(first);
            return first;
        }
        assertThat(second).isEqualTo(first);
        return first;
    }
}
