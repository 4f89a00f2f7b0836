package org.gridwatch.jobs.io;

import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.jobs.state.FleetValueCodec;

/**
 * Keeps each customer's latest segment record and emits it when the input ends (the watermark
 * reaches its maximum), so that a replay's segments.jsonl holds one line per customer. On an
 * unbounded input nothing is emitted; there every change goes to the topic instead.
 *
 * <p>The record is kept as its bytes behind a layout byte: it is written at each segment change and
 * read once, at the end. Layout 2 is the compact form of {@link FleetValueCodec} (the customer's id
 * is the key); layout 1, which earlier releases wrote (until 87f381f), is Flink's own serializer's
 * form of the record, still read.
 */
final class LastPerCustomer extends KeyedProcessFunction<String, SegmentChange, SegmentChange>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final int FLINK_FORM = 1;
    private static final int COMPACT = 2;

    private transient ValueState<byte[]> last;
    private transient TypeSerializer<SegmentChange> serializer;
    private transient boolean restored;

    /** The state of releases before 0.2 (the record as a POJO), read once after such a restore. */
    private transient ValueState<SegmentChange> legacy;

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    @Override
    public void open(OpenContext openContext) {
        last =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-segment-bytes",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        serializer = getRuntimeContext().createSerializer(Types.POJO(SegmentChange.class));
        if (restored) {
            legacy =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            "last-segment", Types.POJO(SegmentChange.class)));
        }
    }

    @Override
    public void processElement(SegmentChange change, Context ctx, Collector<SegmentChange> out)
            throws Exception {
        if (last.value() == null && takeOverLegacy() == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        last.update(compact(change, ctx.getCurrentKey()));
    }

    private static byte[] compact(SegmentChange change, String customerId) throws IOException {
        DataOutputSerializer bytes = new DataOutputSerializer(160);
        bytes.writeByte(COMPACT);
        FleetValueCodec.writeRecord(bytes, change, customerId);
        return bytes.getCopyOfBuffer();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SegmentChange> out)
            throws Exception {
        SegmentChange change = takeOverLegacy();
        byte[] bytes = last.value();
        if (change == null && bytes != null) {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int layout = in.readUnsignedByte();
            change =
                    switch (layout) {
                        case COMPACT -> FleetValueCodec.readRecord(in, ctx.getCurrentKey());
                        case FLINK_FORM -> serializer.deserialize(in);
                        default ->
                                throw new IllegalStateException(
                                        "a last segment record of layout " + layout);
                    };
        }
        if (change != null) {
            out.collect(change);
        }
    }

    /** The record an earlier release kept, moved into the bytes; null when there is none. */
    private SegmentChange takeOverLegacy() throws Exception {
        SegmentChange old = legacy == null ? null : legacy.value();
        if (old != null) {
            legacy.clear();
            last.update(compact(old, old.customerId()));
        }
        return old;
    }
}
