package org.gridwatch.jobs.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The keys of the operators keyed by a customer's or meter's id: Flink's string format, read back
 * as the copy {@link SharedIds} keeps. The heap backend reads every state's keys and every timer's
 * key from a checkpoint with it, one string per entry, where they were one copy before the stop.
 * Checkpoints written with {@link StringSerializer} as the key serializer (before this serializer)
 * restore as they are: the bytes are the same.
 */
public final class SharedIdSerializer extends TypeSerializerSingleton<String> {
    private static final long serialVersionUID = 1L;

    public static final SharedIdSerializer INSTANCE = new SharedIdSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(String record, DataOutputView target) throws IOException {
        StringValue.writeString(record, target);
    }

    @Override
    public String deserialize(DataInputView source) throws IOException {
        return SharedIds.shared(StringValue.readString(source));
    }

    @Override
    public String deserialize(String reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        StringValue.copyString(source, target);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new SharedIdSerializerSnapshot();
    }

    /** Reads what this serializer or Flink's {@link StringSerializer} wrote. */
    public static final class SharedIdSerializerSnapshot
            extends SimpleTypeSerializerSnapshot<String> {
        public SharedIdSerializerSnapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<String> resolveSchemaCompatibility(
                TypeSerializerSnapshot<String> written) {
            return written instanceof SharedIdSerializerSnapshot
                            || written instanceof StringSerializer.StringSerializerSnapshot
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
