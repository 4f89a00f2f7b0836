package org.gridwatch.jobs.state;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a {@link StateSerializer} whose layout changed between releases: it remembers the
 * layout the state was written in, restores with a reader of that layout, and tells Flink that
 * state of an earlier layout is compatible after migration (each value is read in its old layout
 * and written in the new one: at restore on the heap backend, on RocksDB when the state is
 * registered).
 *
 * <p>Layout 1 is what {@code SimpleTypeSerializerSnapshot} wrote as its versions 2 and 3 (a class
 * name, then nothing), so savepoints of the releases before the layout changed restore; layout
 * {@code n > 1} is snapshot version {@code n + 2}.
 */
public abstract class LayoutSnapshot<T> implements TypeSerializerSnapshot<T> {

    private final List<TypeSerializer<T>> readers;
    private int layout;

    /**
     * A snapshot of state written in {@code layout}.
     *
     * @param readers a serializer that reads each layout, from layout 1; the last is the current
     */
    protected LayoutSnapshot(int layout, List<TypeSerializer<T>> readers) {
        this.layout = layout;
        this.readers = readers;
    }

    /** The layout the current serializer writes. */
    private int currentLayout() {
        return readers.size();
    }

    @Override
    public int getCurrentVersion() {
        return currentLayout() + 2;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {}

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader)
            throws IOException {
        if (version == 2) {
            in.readUTF(); // the serializer's class name, written by SimpleTypeSerializerSnapshot
        }
        if (version < 2 || version > getCurrentVersion()) {
            throw new IOException(
                    "state written in snapshot version "
                            + version
                            + " of "
                            + getClass().getName()
                            + ", which this release (version "
                            + getCurrentVersion()
                            + ") cannot read");
        }
        layout = version <= 3 ? 1 : version - 2;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return readers.get(layout - 1);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> old) {
        if (old == null || old.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int was = ((LayoutSnapshot<T>) old).layout;
        if (was == currentLayout()) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return was < currentLayout()
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
