package org.gridwatch.jobs.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer of a mutable state value written by {@link StateCodec}: what the value's own
 * serializer supplies is {@link #serialize} and {@link #deserialize}; copies (taken only while the
 * heap backend snapshots) go through the bytes, deep by construction.
 */
public abstract class StateSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T copy(T from) {
        return StateCodec.throughBytes(
                from, (out, value) -> serialize(value, out), this::deserialize);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }
}
