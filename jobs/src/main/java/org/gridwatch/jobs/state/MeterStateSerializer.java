package org.gridwatch.jobs.state;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link MeterState} in checkpoints, written by {@link StateCodec}, in the layout of this release
 * ({@link #INSTANCE}) or read in an earlier one on restore ({@link #ofLayout}, {@link
 * LayoutSnapshot}). What each layout writes, in order:
 *
 * <ol>
 *   <li>the customer and the covered quarter hours (every layout);
 *   <li>since layout 3, the ended months as they wait, packed, so that RocksDB, which reads and
 *       writes the value at every reading, copies them instead of unpacking and packing them again;
 *   <li>since layout 2, the customer's open months and days;
 *   <li>since layout 4, the quarter hours each open day's readings cover ({@link
 *       org.gridwatch.core.detect.DayLoad#quartersLow}): unknown before, so such a day is taken as
 *       read whole;
 *   <li>since layout 5, the hours each open day's meter ran backwards ({@link
 *       org.gridwatch.core.detect.DayLoad#exportHours}): none known before.
 * </ol>
 */
public final class MeterStateSerializer extends StateSerializer<MeterState> {
    private static final long serialVersionUID = 1L;

    static final int LAYOUT = 5;

    public static final MeterStateSerializer INSTANCE = new MeterStateSerializer(LAYOUT);

    private static final List<TypeSerializer<MeterState>> READERS =
            List.of(
                    new MeterStateSerializer(1),
                    new MeterStateSerializer(2),
                    new MeterStateSerializer(3),
                    new MeterStateSerializer(4),
                    INSTANCE);

    private final int layout;

    private MeterStateSerializer(int layout) {
        this.layout = layout;
    }

    /** The reader of {@code layout}, 1 to {@link #LAYOUT}. */
    static MeterStateSerializer ofLayout(int layout) {
        return (MeterStateSerializer) READERS.get(layout - 1);
    }

    @Override
    public MeterState createInstance() {
        return new MeterState();
    }

    @Override
    public void serialize(MeterState state, DataOutputView out) throws IOException {
        StateCodec.writeCustomer(out, state.customer);
        out.writeBoolean(state.covered != null);
        if (state.covered != null) {
            StateCodec.writeCovered(out, state.covered);
        }
        if (layout >= 3) {
            StateCodec.writeVarLong(out, state.endedMonths.length);
            for (byte[] month : state.endedMonths) {
                StateCodec.writeVarLong(out, month.length);
                out.write(month);
            }
        }
        if (layout >= 2) {
            StateCodec.writeOpenUsage(out, state);
        }
        if (layout >= 4) {
            StateCodec.writeDayQuarters(out, state);
        }
        if (layout >= 5) {
            StateCodec.writeDayExportHours(out, state);
        }
    }

    @Override
    public MeterState deserialize(DataInputView in) throws IOException {
        MeterState state = new MeterState();
        state.customer = StateCodec.readCustomer(in);
        if (in.readBoolean()) {
            state.covered = StateCodec.readCovered(in);
        }
        if (layout >= 3) {
            int ended = (int) StateCodec.readVarLong(in);
            if (ended > 0) {
                state.endedMonths = new byte[ended][];
                for (int i = 0; i < ended; i++) {
                    state.endedMonths[i] = new byte[(int) StateCodec.readVarLong(in)];
                    in.readFully(state.endedMonths[i]);
                }
            }
        }
        if (layout >= 2) {
            StateCodec.readOpenUsage(in, state);
        }
        if (layout >= 4) {
            StateCodec.readDayQuarters(in, state);
        } else {
            StateCodec.dayQuartersNotKept(state);
        }
        if (layout >= 5) {
            StateCodec.readDayExportHours(in, state);
        }
        return state;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MeterStateSerializer s && s.layout == layout;
    }

    @Override
    public int hashCode() {
        return MeterStateSerializer.class.hashCode() * 31 + layout;
    }

    @Override
    public TypeSerializerSnapshot<MeterState> snapshotConfiguration() {
        return new Snapshot(layout);
    }

    /** The serializer's snapshot: the layout the state was written in. */
    public static final class Snapshot extends LayoutSnapshot<MeterState> {
        public Snapshot() {
            this(LAYOUT);
        }

        Snapshot(int layout) {
            super(layout, READERS);
        }
    }
}
