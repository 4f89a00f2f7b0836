package org.gridwatch.jobs.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.detect.DayLoad;

/** {@link CustomerLoad} in checkpoints, written by {@link StateCodec}. */
public final class CustomerLoadSerializer extends TypeSerializerSingleton<CustomerLoad> {
    private static final long serialVersionUID = 1L;

    public static final CustomerLoadSerializer INSTANCE = new CustomerLoadSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public CustomerLoad createInstance() {
        return new CustomerLoad();
    }

    /** A deep copy, through the bytes: used only while the heap backend snapshots. */
    @Override
    public CustomerLoad copy(CustomerLoad from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(1024);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CustomerLoad copy(CustomerLoad from, CustomerLoad reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(CustomerLoad load, DataOutputView out) throws IOException {
        StateCodec.writeCustomer(out, load.master);
        StateCodec.writeVarLong(out, load.months.length);
        for (MonthlyUsage m : load.months) {
            StateCodec.writeUsage(out, m);
        }
        StateCodec.writeVarLong(out, load.days.length);
        for (DayLoad d : load.days) {
            StateCodec.writeDay(out, d);
        }
    }

    @Override
    public CustomerLoad deserialize(DataInputView in) throws IOException {
        CustomerLoad load = new CustomerLoad();
        load.master = StateCodec.readCustomer(in);
        int months = (int) StateCodec.readVarLong(in);
        for (int i = 0; i < months; i++) {
            load.putMonth(StateCodec.readUsage(in));
        }
        int days = (int) StateCodec.readVarLong(in);
        for (int i = 0; i < days; i++) {
            load.putDay(StateCodec.readDay(in));
        }
        return load;
    }

    @Override
    public CustomerLoad deserialize(CustomerLoad reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<CustomerLoad> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: its format has no parameters; version 1. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CustomerLoad> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
