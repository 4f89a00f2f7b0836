package org.gridwatch.jobs.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link MeterState} in checkpoints, written by {@link StateCodec}. */
public final class MeterStateSerializer extends StateSerializer<MeterState> {
    private static final long serialVersionUID = 1L;

    public static final MeterStateSerializer INSTANCE = new MeterStateSerializer();

    @Override
    public MeterState createInstance() {
        return new MeterState();
    }

    @Override
    public void serialize(MeterState state, DataOutputView out) throws IOException {
        StateCodec.writeCustomer(out, state.customer);
        out.writeBoolean(state.covered != null);
        if (state.covered != null) {
            StateCodec.writeCovered(out, state.covered);
        }
    }

    @Override
    public MeterState deserialize(DataInputView in) throws IOException {
        MeterState state = new MeterState();
        state.customer = StateCodec.readCustomer(in);
        if (in.readBoolean()) {
            state.covered = StateCodec.readCovered(in);
        }
        return state;
    }

    @Override
    public TypeSerializerSnapshot<MeterState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: its format has no parameters; version 1. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MeterState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
