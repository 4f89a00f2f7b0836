package org.gridwatch.jobs.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A serializer written by hand for a record that crosses the network once per meter reading: its
 * fields written in a fixed order, without the reflection Flink's POJO serializer uses (which cost
 * the job more than its own business did, docs/benchmarks.md). For records of the job's own
 * streams, between operators of one job version; state keeps its POJO serializers, so savepoints
 * are unaffected.
 *
 * @param <T> an immutable record, or a class whose instances are not changed once emitted
 */
abstract class FieldSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** Writes the fields of a non-null value. */
    abstract void write(T value, DataOutputView out) throws IOException;

    /** Reads what {@link #write} wrote. */
    abstract T read(DataInputView in) throws IOException;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this; // stateless
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            write(value, out);
        }
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
        return in.readBoolean() ? read(in) : null;
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    static void writeString(String s, DataOutputView out) throws IOException {
        StringValue.writeString(s, out); // null-safe
    }

    static String readString(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    /** An enum constant by ordinal, -1 for null: both ends run the same job version. */
    static void writeEnum(Enum<?> e, DataOutputView out) throws IOException {
        out.writeByte(e == null ? -1 : e.ordinal());
    }

    static <E extends Enum<E>> E readEnum(E[] values, DataInputView in) throws IOException {
        int i = in.readByte();
        return i < 0 ? null : values[i];
    }
}
