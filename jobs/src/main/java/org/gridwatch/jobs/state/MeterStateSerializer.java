package org.gridwatch.jobs.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** {@link MeterState} in checkpoints, written by {@link StateCodec}. */
public final class MeterStateSerializer extends TypeSerializerSingleton<MeterState> {
    private static final long serialVersionUID = 1L;

    public static final MeterStateSerializer INSTANCE = new MeterStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public MeterState createInstance() {
        return new MeterState();
    }

    /** A deep copy, through the bytes: used only while the heap backend snapshots. */
    @Override
    public MeterState copy(MeterState from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MeterState copy(MeterState from, MeterState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
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
    public MeterState deserialize(MeterState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
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
