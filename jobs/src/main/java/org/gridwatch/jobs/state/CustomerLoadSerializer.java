package org.gridwatch.jobs.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.detect.DayLoad;

/** {@link CustomerLoad} in checkpoints, written by {@link StateCodec}. */
public final class CustomerLoadSerializer extends StateSerializer<CustomerLoad> {
    private static final long serialVersionUID = 1L;

    public static final CustomerLoadSerializer INSTANCE = new CustomerLoadSerializer();

    @Override
    public CustomerLoad createInstance() {
        return new CustomerLoad();
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
