package org.gridwatch.jobs.state;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link MeterState} in checkpoints, written by {@link StateCodec}. Layout 2 added the customer's
 * open months and days to layout 1 (the customer and the covered quarter hours); layout 3 keeps the
 * ended months as they wait, packed, so that RocksDB, which reads and writes the value at every
 * reading, copies them instead of unpacking and packing them again; layout 4 adds the quarter hours
 * each open day's readings cover ({@link org.gridwatch.core.detect.DayLoad#quartersLow}); layout 5
 * the hours each open day's meter ran backwards ({@link
 * org.gridwatch.core.detect.DayLoad#exportHours}). Layouts 1 to 4 are still read ({@link
 * LayoutSnapshot}): their open days' quarter hours (layouts 1 to 3) are unknown, and they ran
 * backwards in no hour known.
 */
public final class MeterStateSerializer extends StateSerializer<MeterState> {
    private static final long serialVersionUID = 1L;

    static final int LAYOUT = 5;

    public static final MeterStateSerializer INSTANCE = new MeterStateSerializer();

    @Override
    public MeterState createInstance() {
        return new MeterState();
    }

    @Override
    public void serialize(MeterState state, DataOutputView out) throws IOException {
        FourthLayout.INSTANCE.serialize(state, out);
        StateCodec.writeDayExportHours(out, state);
    }

    @Override
    public MeterState deserialize(DataInputView in) throws IOException {
        MeterState state = FourthLayout.INSTANCE.deserialize(in);
        StateCodec.readDayExportHours(in, state);
        return state;
    }

    /** The reader of an earlier layout, for a restore. */
    abstract static class EarlierLayout extends StateSerializer<MeterState> {
        private static final long serialVersionUID = 1L;

        private final int layout;

        EarlierLayout(int layout) {
            this.layout = layout;
        }

        @Override
        public MeterState createInstance() {
            return new MeterState();
        }

        @Override
        public TypeSerializerSnapshot<MeterState> snapshotConfiguration() {
            return new Snapshot(layout);
        }
    }

    /**
     * Layout 4, of the releases before open days kept the hours their meter ran backwards: read on
     * restore.
     */
    static final class FourthLayout extends EarlierLayout {
        private static final long serialVersionUID = 1L;
        static final FourthLayout INSTANCE = new FourthLayout();

        private FourthLayout() {
            super(4);
        }

        @Override
        public void serialize(MeterState state, DataOutputView out) throws IOException {
            ThirdLayout.INSTANCE.serialize(state, out);
            StateCodec.writeDayQuarters(out, state);
        }

        @Override
        public MeterState deserialize(DataInputView in) throws IOException {
            MeterState state = ThirdLayout.INSTANCE.deserialize(in);
            StateCodec.readDayQuarters(in, state);
            return state;
        }
    }

    /** Layout 3, of the releases before open days kept their quarter hours: read on restore. */
    static final class ThirdLayout extends EarlierLayout {
        private static final long serialVersionUID = 1L;
        static final ThirdLayout INSTANCE = new ThirdLayout();

        private ThirdLayout() {
            super(3);
        }

        @Override
        public void serialize(MeterState state, DataOutputView out) throws IOException {
            FirstLayout.INSTANCE.serialize(state, out);
            StateCodec.writeVarLong(out, state.endedMonths.length);
            for (byte[] month : state.endedMonths) {
                StateCodec.writeVarLong(out, month.length);
                out.write(month);
            }
            StateCodec.writeOpenUsage(out, state);
        }

        @Override
        public MeterState deserialize(DataInputView in) throws IOException {
            MeterState state = FirstLayout.INSTANCE.deserialize(in);
            int ended = (int) StateCodec.readVarLong(in);
            if (ended > 0) {
                state.endedMonths = new byte[ended][];
                for (int i = 0; i < ended; i++) {
                    state.endedMonths[i] = new byte[(int) StateCodec.readVarLong(in)];
                    in.readFully(state.endedMonths[i]);
                }
            }
            StateCodec.readOpenUsage(in, state);
            StateCodec.dayQuartersNotKept(state);
            return state;
        }
    }

    /** Layout 2, of the releases before ended months were kept packed: read on restore. */
    static final class SecondLayout extends EarlierLayout {
        private static final long serialVersionUID = 1L;
        static final SecondLayout INSTANCE = new SecondLayout();

        private SecondLayout() {
            super(2);
        }

        @Override
        public void serialize(MeterState state, DataOutputView out) throws IOException {
            FirstLayout.INSTANCE.serialize(state, out); // what layout 2 had: no ended months
            StateCodec.writeOpenUsage(out, state);
        }

        @Override
        public MeterState deserialize(DataInputView in) throws IOException {
            MeterState state = FirstLayout.INSTANCE.deserialize(in);
            StateCodec.readOpenUsage(in, state);
            StateCodec.dayQuartersNotKept(state);
            return state;
        }
    }

    @Override
    public TypeSerializerSnapshot<MeterState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Layout 1, of the releases before the join kept open months and days: read on restore. */
    static final class FirstLayout extends EarlierLayout {
        private static final long serialVersionUID = 1L;
        static final FirstLayout INSTANCE = new FirstLayout();

        private FirstLayout() {
            super(1);
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
    }

    /** The serializer's snapshot: the layout the state was written in. */
    public static final class Snapshot extends LayoutSnapshot<MeterState> {
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
                            FourthLayout.INSTANCE,
                            INSTANCE));
        }
    }
}
