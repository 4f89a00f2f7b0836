package org.gridwatch.jobs.state;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link CustomerLoad} in checkpoints, written by {@link StateCodec}, in the layout of this release
 * ({@link #INSTANCE}) or read in an earlier one on restore ({@link #ofLayout}, {@link
 * LayoutSnapshot}). What each layout writes, in order:
 *
 * <ol>
 *   <li>the master record, the open months and days (every layout);
 *   <li>since layout 2, the successor copy ({@link CustomerLoad#nextSoFar});
 *   <li>since layout 3, the quarter hours each open day's readings cover ({@link
 *       org.gridwatch.core.detect.DayLoad#quartersLow}): unknown before, so such a day is taken as
 *       read whole;
 *   <li>since layout 4, the hours each open day's meter ran backwards ({@link
 *       org.gridwatch.core.detect.DayLoad#exportHours}): none known before.
 * </ol>
 */
public final class CustomerLoadSerializer extends StateSerializer<CustomerLoad> {
    private static final long serialVersionUID = 1L;

    static final int LAYOUT = 4;

    public static final CustomerLoadSerializer INSTANCE = new CustomerLoadSerializer(LAYOUT);

    private static final List<TypeSerializer<CustomerLoad>> READERS =
            List.of(
                    new CustomerLoadSerializer(1),
                    new CustomerLoadSerializer(2),
                    new CustomerLoadSerializer(3),
                    INSTANCE);

    private final int layout;

    private CustomerLoadSerializer(int layout) {
        this.layout = layout;
    }

    /** The reader of {@code layout}, 1 to {@link #LAYOUT}. */
    static CustomerLoadSerializer ofLayout(int layout) {
        return (CustomerLoadSerializer) READERS.get(layout - 1);
    }

    @Override
    public CustomerLoad createInstance() {
        return new CustomerLoad();
    }

    @Override
    public void serialize(CustomerLoad load, DataOutputView out) throws IOException {
        StateCodec.writeCustomer(out, load.master);
        StateCodec.writeOpenUsage(out, load);
        if (layout >= 2) {
            out.writeBoolean(load.nextSoFar != null);
            if (load.nextSoFar != null) {
                StateCodec.writeUsage(out, load.nextSoFar);
            }
        }
        if (layout >= 3) {
            StateCodec.writeDayQuarters(out, load);
        }
        if (layout >= 4) {
            StateCodec.writeDayExportHours(out, load);
        }
    }

    @Override
    public CustomerLoad deserialize(DataInputView in) throws IOException {
        CustomerLoad load = new CustomerLoad();
        load.master = StateCodec.readCustomer(in);
        StateCodec.readOpenUsage(in, load);
        if (layout >= 2 && in.readBoolean()) {
            load.nextSoFar = StateCodec.readUsage(in);
        }
        if (layout >= 3) {
            StateCodec.readDayQuarters(in, load);
        } else {
            StateCodec.dayQuartersNotKept(load);
        }
        if (layout >= 4) {
            StateCodec.readDayExportHours(in, load);
        }
        return load;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CustomerLoadSerializer s && s.layout == layout;
    }

    @Override
    public int hashCode() {
        return CustomerLoadSerializer.class.hashCode() * 31 + layout;
    }

    @Override
    public TypeSerializerSnapshot<CustomerLoad> snapshotConfiguration() {
        return new Snapshot(layout);
    }

    /** The serializer's snapshot: the layout the state was written in. */
    public static final class Snapshot extends LayoutSnapshot<CustomerLoad> {
        public Snapshot() {
            this(LAYOUT);
        }

        Snapshot(int layout) {
            super(layout, READERS);
        }
    }
}
