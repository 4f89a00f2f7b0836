package org.gridwatch.jobs.io;

import java.io.IOException;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.jobs.state.FleetValueCodec;

/**
 * Keeps each customer's latest segment record and emits them all when the input ends, so that a
 * replay's segments.jsonl holds one line per customer. On an unbounded input nothing is emitted;
 * there every change goes to the topic instead. Keyed by customer.
 *
 * <p>The record is kept as its bytes behind a layout byte: it is written at each segment change and
 * read once, at the end. Layout 2 is the compact form of {@link FleetValueCodec} (the customer's id
 * is the key); layout 1, which earlier releases wrote (until 87f381f), is Flink's own serializer's
 * form of the record, still read.
 */
final class LastPerCustomer extends LastAtInputEnd<SegmentChange, byte[]> {
    private static final long serialVersionUID = 1L;
    private static final int FLINK_FORM = 1;
    private static final int COMPACT = 2;

    private transient TypeSerializer<SegmentChange> serializer;
    private transient boolean restored;

    /**
     * The state of releases before 0.2 (the record as a POJO): a customer's is dropped when its
     * next record comes, and emitted at the end if none came.
     */
    private transient ValueStateDescriptor<SegmentChange> legacyState;

    private transient ValueState<SegmentChange> legacy;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        restored = context.isRestored();
    }

    @Override
    protected ValueStateDescriptor<byte[]> keptState() {
        return new ValueStateDescriptor<>(
                "last-segment-bytes", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    @Override
    public void open() throws Exception {
        super.open();
        serializer = getRuntimeContext().createSerializer(Types.POJO(SegmentChange.class));
        if (restored) {
            legacyState =
                    new ValueStateDescriptor<>("last-segment", Types.POJO(SegmentChange.class));
            legacy = getPartitionedState(legacyState);
        }
    }

    @Override
    public void processElement(StreamRecord<SegmentChange> element) throws Exception {
        if (legacy != null) {
            legacy.clear();
        }
        kept.update(compact(element.getValue(), key()));
    }

    private static byte[] compact(SegmentChange change, String customerId) throws IOException {
        DataOutputSerializer bytes = new DataOutputSerializer(160);
        bytes.writeByte(COMPACT);
        FleetValueCodec.writeRecord(bytes, change, customerId);
        return bytes.getCopyOfBuffer();
    }

    @Override
    protected SegmentChange record(byte[] bytes, String customerId) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        int layout = in.readUnsignedByte();
        return switch (layout) {
            case COMPACT -> FleetValueCodec.readRecord(in, customerId);
            case FLINK_FORM -> serializer.deserialize(in);
            default -> throw new IllegalStateException("a last segment record of layout " + layout);
        };
    }

    @Override
    public void endInput() throws Exception {
        super.endInput();
        if (legacyState != null) {
            emitEach(legacyState, (old, customerId) -> old);
        }
    }
}
