package org.gridwatch.jobs.io;

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

/**
 * Keeps each customer's latest segment record and emits it when the input ends (the watermark
 * reaches its maximum), so that a replay's segments.jsonl holds one line per customer. On an
 * unbounded input nothing is emitted; there every change goes to the topic instead.
 *
 * <p>The record is kept as its serialized bytes (Flink's own serializer of the record, behind a
 * version byte): it is written at each segment change and read once, at the end, and on the heap
 * backend its bytes take a third of the record's objects (strings, arrays, nested records).
 */
final class LastPerCustomer extends KeyedProcessFunction<String, SegmentChange, SegmentChange>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;

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
        DataOutputSerializer bytes = new DataOutputSerializer(256);
        bytes.writeByte(VERSION);
        serializer.serialize(change, bytes);
        last.update(bytes.getCopyOfBuffer());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SegmentChange> out)
            throws Exception {
        SegmentChange change = takeOverLegacy();
        byte[] bytes = last.value();
        if (change == null && bytes != null) {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("a last segment record of version " + version);
            }
            change = serializer.deserialize(in);
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
            DataOutputSerializer bytes = new DataOutputSerializer(256);
            bytes.writeByte(VERSION);
            serializer.serialize(old, bytes);
            last.update(bytes.getCopyOfBuffer());
        }
        return old;
    }
}
