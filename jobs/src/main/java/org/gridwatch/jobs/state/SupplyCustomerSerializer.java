package org.gridwatch.jobs.state;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.gridwatch.jobs.types.SharedIds;

/**
 * {@link SupplyCustomer} in checkpoints, written by {@link StateCodec}: the master record (read
 * back as the shared copy), the segment and the served area (read back interned: a handful of names
 * and one per area), and the latest event. Layout 1, the first.
 */
public final class SupplyCustomerSerializer extends StateSerializer<SupplyCustomer> {
    private static final long serialVersionUID = 1L;

    public static final SupplyCustomerSerializer INSTANCE = new SupplyCustomerSerializer();

    private static final List<TypeSerializer<SupplyCustomer>> READERS = List.of(INSTANCE);

    private SupplyCustomerSerializer() {}

    @Override
    public SupplyCustomer createInstance() {
        return new SupplyCustomer();
    }

    @Override
    public void serialize(SupplyCustomer c, DataOutputView out) throws IOException {
        StateCodec.writeCustomer(out, c.master);
        StateCodec.writeString(out, c.segment);
        StateCodec.writeString(out, c.servedArea);
        out.writeLong(c.latestEventMillis);
    }

    @Override
    public SupplyCustomer deserialize(DataInputView in) throws IOException {
        SupplyCustomer c = new SupplyCustomer();
        c.master = StateCodec.readCustomer(in);
        c.segment = StateCodec.readShared(in);
        c.servedArea = SharedIds.shared(StateCodec.readString(in));
        c.latestEventMillis = in.readLong();
        return c;
    }

    @Override
    public TypeSerializerSnapshot<SupplyCustomer> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: the layout the state was written in. */
    public static final class Snapshot extends LayoutSnapshot<SupplyCustomer> {
        public Snapshot() {
            super(1, READERS);
        }
    }
}
