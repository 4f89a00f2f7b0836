package org.gridwatch.jobs.types;

import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type information of a stream whose records a serializer of ours writes (a {@link
 * FieldSerializer}), or of a key ({@link SharedIds#KEY}).
 */
final class HandWrittenType<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final SerializableSupplier<? extends TypeSerializer<T>> serializer;
    private final boolean key;

    interface SerializableSupplier<S> extends Supplier<S>, java.io.Serializable {}

    HandWrittenType(Class<T> type, SerializableSupplier<FieldSerializer<T>> serializer) {
        this(type, serializer, false);
    }

    private HandWrittenType(
            Class<T> type,
            SerializableSupplier<? extends TypeSerializer<T>> serializer,
            boolean key) {
        this.type = type;
        this.serializer = serializer;
        this.key = key;
    }

    /** The type of a key that {@code serializer} writes. */
    static <T> HandWrittenType<T> key(
            Class<T> type, SerializableSupplier<? extends TypeSerializer<T>> serializer) {
        return new HandWrittenType<>(type, serializer, true);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return key;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.get();
    }

    @Override
    public String toString() {
        return "HandWritten<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandWrittenType<?> other && other.type == type && other.key == key;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof HandWrittenType<?>;
    }
}
