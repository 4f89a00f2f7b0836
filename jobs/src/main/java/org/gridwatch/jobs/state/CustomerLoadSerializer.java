package org.gridwatch.jobs.state;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link CustomerLoad} in checkpoints, written by {@link StateCodec}. Layout 2 adds the successor
 * copy ({@link CustomerLoad#nextSoFar}) to layout 1 (the master record, the open months and days);
 * layout 3 adds the quarter hours each open day's readings cover ({@link
 * org.gridwatch.core.detect.DayLoad#quartersLow}); layout 4 the hours each open day's meter ran
 * backwards ({@link org.gridwatch.core.detect.DayLoad#exportHours}). Layouts 1 to 3 are still read
 * ({@link LayoutSnapshot}): their open days' quarter hours (layouts 1 and 2) are unknown, and they
 * ran backwards in no hour known.
 */
public final class CustomerLoadSerializer extends StateSerializer<CustomerLoad> {
    private static final long serialVersionUID = 1L;

    static final int LAYOUT = 4;

    public static final CustomerLoadSerializer INSTANCE = new CustomerLoadSerializer();

    @Override
    public CustomerLoad createInstance() {
        return new CustomerLoad();
    }

    @Override
    public void serialize(CustomerLoad load, DataOutputView out) throws IOException {
        ThirdLayout.INSTANCE.serialize(load, out);
        StateCodec.writeDayExportHours(out, load);
    }

    @Override
    public CustomerLoad deserialize(DataInputView in) throws IOException {
        CustomerLoad load = ThirdLayout.INSTANCE.deserialize(in);
        StateCodec.readDayExportHours(in, load);
        return load;
    }

    @Override
    public TypeSerializerSnapshot<CustomerLoad> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Layout 3, of the releases before open days kept the hours their meter ran backwards: read on
     * restore.
     */
    static final class ThirdLayout extends StateSerializer<CustomerLoad> {
        private static final long serialVersionUID = 1L;
        static final ThirdLayout INSTANCE = new ThirdLayout();

        @Override
        public CustomerLoad createInstance() {
            return new CustomerLoad();
        }

        @Override
        public void serialize(CustomerLoad load, DataOutputView out) throws IOException {
            SecondLayout.INSTANCE.serialize(load, out);
            StateCodec.writeDayQuarters(out, load);
        }

        @Override
        public CustomerLoad deserialize(DataInputView in) throws IOException {
            CustomerLoad load = SecondLayout.INSTANCE.deserialize(in);
            StateCodec.readDayQuarters(in, load);
            return load;
        }

        @Override
        public TypeSerializerSnapshot<CustomerLoad> snapshotConfiguration() {
            return new Snapshot(3);
        }
    }

    /** Layout 2, of the releases before open days kept their quarter hours: read on restore. */
    static final class SecondLayout extends StateSerializer<CustomerLoad> {
        private static final long serialVersionUID = 1L;
        static final SecondLayout INSTANCE = new SecondLayout();

        @Override
        public CustomerLoad createInstance() {
            return new CustomerLoad();
        }

        @Override
        public void serialize(CustomerLoad load, DataOutputView out) throws IOException {
            FirstLayout.INSTANCE.serialize(load, out);
            out.writeBoolean(load.nextSoFar != null);
            if (load.nextSoFar != null) {
                StateCodec.writeUsage(out, load.nextSoFar);
            }
        }

        @Override
        public CustomerLoad deserialize(DataInputView in) throws IOException {
            CustomerLoad load = FirstLayout.INSTANCE.deserialize(in);
            if (in.readBoolean()) {
                load.nextSoFar = StateCodec.readUsage(in);
            }
            return load;
        }

        @Override
        public TypeSerializerSnapshot<CustomerLoad> snapshotConfiguration() {
            return new Snapshot(2);
        }
    }

    /** Layout 1, of the releases before the meter join shipped months: read on restore. */
    static final class FirstLayout extends StateSerializer<CustomerLoad> {
        private static final long serialVersionUID = 1L;
        static final FirstLayout INSTANCE = new FirstLayout();

        @Override
        public CustomerLoad createInstance() {
            return new CustomerLoad();
        }

        @Override
        public void serialize(CustomerLoad load, DataOutputView out) throws IOException {
            StateCodec.writeCustomer(out, load.master);
            StateCodec.writeOpenUsage(out, load);
        }

        @Override
        public CustomerLoad deserialize(DataInputView in) throws IOException {
            CustomerLoad load = new CustomerLoad();
            load.master = StateCodec.readCustomer(in);
            StateCodec.readOpenUsage(in, load);
            StateCodec.dayQuartersNotKept(load);
            return load;
        }

        @Override
        public TypeSerializerSnapshot<CustomerLoad> snapshotConfiguration() {
            return new Snapshot(1);
        }
    }

    /** The serializer's snapshot: the layout the state was written in. */
    public static final class Snapshot extends LayoutSnapshot<CustomerLoad> {
        public Snapshot() {
            this(LAYOUT);
        }

        Snapshot(int layout) {
            super(
                    layout,
                    List.of(
                            FirstLayout.INSTANCE,
                            SecondLayout.INSTANCE,
                            ThirdLayout.INSTANCE,
                            INSTANCE));
        }
    }
}
