package org.gridwatch.jobs.types;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.jobs.ops.CustomerFeed;
import org.gridwatch.jobs.ops.LoadPartial;
import org.gridwatch.jobs.ops.LoadTotal;
import org.gridwatch.jobs.state.StateCodec;

/**
 * The types of the streams that carry every meter reading, with serializers written by hand (see
 * {@link FieldSerializer}): the readings as parsed, the readings joined with their customer, and
 * the feed of the customer operators.
 */
public final class ReadingTypes {
    private ReadingTypes() {}

    public static final TypeInformation<MeterReading> METER_READING =
            new HandWrittenType<>(MeterReading.class, MeterReadingSerializer::new);

    public static final TypeInformation<MeteredReading> METERED_READING =
            new HandWrittenType<>(MeteredReading.class, MeteredReadingSerializer::new);

    public static final TypeInformation<CustomerFeed> CUSTOMER_FEED =
            new HandWrittenType<>(CustomerFeed.class, CustomerFeedSerializer::new);

    /**
     * The load's partial sums, one per area, class and quarter hour from each join task: Flink's
     * POJO serializer read and wrote their fields by reflection, a sixth of what the join's task
     * spent at each watermark (docs/benchmarks.md, session 43).
     */
    public static final TypeInformation<LoadPartial> LOAD_PARTIAL =
            new HandWrittenType<>(LoadPartial.class, LoadPartialSerializer::new);

    /** The hand-written type of {@code type} when there is one, else Flink's POJO type. */
    @SuppressWarnings("unchecked")
    public static <T> TypeInformation<T> of(Class<T> type) {
        if (type == MeterReading.class) {
            return (TypeInformation<T>) METER_READING;
        }
        if (type == MeteredReading.class) {
            return (TypeInformation<T>) METERED_READING;
        }
        if (type == CustomerFeed.class) {
            return (TypeInformation<T>) CUSTOMER_FEED;
        }
        if (type == LoadPartial.class) {
            return (TypeInformation<T>) LOAD_PARTIAL;
        }
        return Types.POJO(type);
    }

    static final class MeterReadingSerializer extends FieldSerializer<MeterReading> {
        private static final long serialVersionUID = 1L;

        @Override
        void write(MeterReading r, DataOutputView out) throws IOException {
            writeId(r.meterId(), out);
            out.writeLong(r.endMillis());
            out.writeInt(r.intervalMinutes());
            out.writeDouble(r.kwh());
            out.writeDouble(r.registerKwh());
            out.writeDouble(r.exportKwh());
            out.writeInt(r.events());
        }

        @Override
        MeterReading read(DataInputView in) throws IOException {
            return new MeterReading(
                    readId(in),
                    in.readLong(),
                    in.readInt(),
                    in.readDouble(),
                    in.readDouble(),
                    in.readDouble(),
                    in.readInt());
        }

        @Override
        public TypeSerializerSnapshot<MeterReading> snapshotConfiguration() {
            return new MeterReadingSnapshot();
        }

        /**
         * The meter's id as its UTF-8 bytes after their count plus one as a varint (0: none),
         * written and read whole: every reading crosses the network once with its id, and Flink's
         * string encoding writes and reads it a character at a time, through a thread-local buffer
         * on the way in (docs/benchmarks.md, session 43).
         */
        private static void writeId(String id, DataOutputView out) throws IOException {
            if (id == null) {
                out.writeByte(0);
                return;
            }
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            StateCodec.writeVarLong(out, bytes.length + 1);
            out.write(bytes);
        }

        private static String readId(DataInputView in) throws IOException {
            int count = (int) StateCodec.readVarLong(in);
            if (count == 0) {
                return null;
            }
            byte[] bytes = new byte[count - 1];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public static final class MeterReadingSnapshot
            extends SimpleTypeSerializerSnapshot<MeterReading> {
        public MeterReadingSnapshot() {
            super(MeterReadingSerializer::new);
        }
    }

    static void writeCustomer(Customer c, DataOutputView out) throws IOException {
        FieldSerializer.writeString(c.customerId(), out);
        FieldSerializer.writeString(c.meterId(), out);
        FieldSerializer.writeEnum(c.customerClass(), out);
        FieldSerializer.writeString(c.areaId(), out);
        FieldSerializer.writeString(c.tariffId(), out);
        out.writeBoolean(c.prepaid());
        out.writeDouble(c.contractKw());
        out.writeLong(c.sinceEpochDay());
    }

    static Customer readCustomer(DataInputView in) throws IOException {
        return new Customer(
                FieldSerializer.readString(in),
                FieldSerializer.readString(in),
                FieldSerializer.readEnum(CustomerClass.values(), in),
                FieldSerializer.readString(in),
                FieldSerializer.readString(in),
                in.readBoolean(),
                in.readDouble(),
                in.readLong());
    }

    private static final MeterReadingSerializer READING = new MeterReadingSerializer();

    static final class MeteredReadingSerializer extends FieldSerializer<MeteredReading> {
        private static final long serialVersionUID = 1L;

        @Override
        void write(MeteredReading m, DataOutputView out) throws IOException {
            out.writeBoolean(m.customer() != null);
            if (m.customer() != null) {
                writeCustomer(m.customer(), out);
            }
            READING.serialize(m.reading(), out);
        }

        @Override
        MeteredReading read(DataInputView in) throws IOException {
            Customer customer = in.readBoolean() ? readCustomer(in) : null;
            return new MeteredReading(customer, READING.deserialize(in));
        }

        @Override
        public TypeSerializerSnapshot<MeteredReading> snapshotConfiguration() {
            return new MeteredReadingSnapshot();
        }
    }

    public static final class MeteredReadingSnapshot
            extends SimpleTypeSerializerSnapshot<MeteredReading> {
        public MeteredReadingSnapshot() {
            super(MeteredReadingSerializer::new);
        }
    }

    private static final MeteredReadingSerializer METERED = new MeteredReadingSerializer();

    /**
     * The feed is a mutable POJO, but the job never changes one once it is emitted: it is passed on
     * without a copy, as the records it holds are.
     */
    static final class CustomerFeedSerializer extends FieldSerializer<CustomerFeed> {
        private static final long serialVersionUID = 1L;

        @Override
        void write(CustomerFeed f, DataOutputView out) throws IOException {
            writeEnum(f.kind, out);
            writeString(f.customerId, out);
            out.writeBoolean(f.customer != null);
            if (f.customer != null) {
                writeCustomer(f.customer, out);
            }
            METERED.serialize(f.metered, out);
            out.writeLong(f.eventTimeAtJoin);
            out.writeBoolean(f.day != null);
            if (f.day != null) {
                StateCodec.writeDay(out, f.day);
                out.writeLong(f.day.quartersLow);
                out.writeLong(f.day.quartersHigh);
                out.writeInt(f.day.exportHours);
            }
            writeUsage(f.month, out);
            writeUsage(f.nextSoFar, out);
        }

        private static void writeUsage(MonthlyUsage usage, DataOutputView out) throws IOException {
            out.writeBoolean(usage != null);
            if (usage != null) {
                StateCodec.writeUsage(out, usage);
            }
        }

        private static MonthlyUsage readUsage(DataInputView in) throws IOException {
            return in.readBoolean() ? StateCodec.readUsage(in) : null;
        }

        @Override
        CustomerFeed read(DataInputView in) throws IOException {
            CustomerFeed f = new CustomerFeed();
            f.kind = readEnum(CustomerFeed.Kind.values(), in);
            f.customerId = SharedIds.shared(readString(in)); // the accounts' key
            f.customer = in.readBoolean() ? readCustomer(in) : null;
            f.metered = METERED.deserialize(in);
            f.eventTimeAtJoin = in.readLong();
            if (in.readBoolean()) {
                f.day = StateCodec.readDay(in);
                f.day.quartersLow = in.readLong();
                f.day.quartersHigh = in.readLong();
                f.day.exportHours = in.readInt();
            }
            f.month = readUsage(in);
            f.nextSoFar = readUsage(in);
            return f;
        }

        @Override
        public TypeSerializerSnapshot<CustomerFeed> snapshotConfiguration() {
            return new CustomerFeedSnapshot();
        }
    }

    public static final class CustomerFeedSnapshot
            extends SimpleTypeSerializerSnapshot<CustomerFeed> {
        public CustomerFeedSnapshot() {
            super(CustomerFeedSerializer::new);
        }
    }

    static final class LoadPartialSerializer extends FieldSerializer<LoadPartial> {
        private static final long serialVersionUID = 1L;

        @Override
        void write(LoadPartial p, DataOutputView out) throws IOException {
            writeString(p.key, out);
            out.writeLong(p.quarterStart);
            LoadTotal t = p.total;
            out.writeBoolean(t != null);
            if (t != null) {
                out.writeLong(t.microKwh);
                out.writeLong(t.readings);
                StateCodec.writeLongs(out, t.microKwhBySlot);
                StateCodec.writeLongs(out, t.microCnyBySlot);
                out.writeLong(t.emittedMicroKwh);
            }
        }

        @Override
        LoadPartial read(DataInputView in) throws IOException {
            LoadPartial p = new LoadPartial();
            p.key = readString(in);
            p.quarterStart = in.readLong();
            if (in.readBoolean()) {
                LoadTotal t = new LoadTotal();
                t.microKwh = in.readLong();
                t.readings = in.readLong();
                t.microKwhBySlot = StateCodec.readLongs(in);
                t.microCnyBySlot = StateCodec.readLongs(in);
                t.emittedMicroKwh = in.readLong();
                p.total = t;
            }
            return p;
        }

        @Override
        public TypeSerializerSnapshot<LoadPartial> snapshotConfiguration() {
            return new LoadPartialSnapshot();
        }
    }

    public static final class LoadPartialSnapshot
            extends SimpleTypeSerializerSnapshot<LoadPartial> {
        public LoadPartialSnapshot() {
            super(LoadPartialSerializer::new);
        }
    }
}
