package org.gridwatch.jobs.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.gridwatch.core.event.SegmentChange;

/**
 * What the segment assessment keeps of one customer, as one state value: its last record and the
 * billing it was valued at. Kept as its bytes ({@link FleetValueCodec}): written at each
 * assessment, read at the next.
 *
 * @param record the customer's last record; null if none
 * @param valuedAt the billing it was last valued at; null if none
 */
public record LastAssessment(SegmentChange record, Long valuedAt) {

    private static final int HAS_RECORD = 1;
    private static final int HAS_VALUED_AT = 2;

    /** The bytes kept for the customer {@code key}. */
    public byte[] encode(String key) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeByte(FleetValueCodec.VERSION);
            out.writeByte(
                    (record != null ? HAS_RECORD : 0) | (valuedAt != null ? HAS_VALUED_AT : 0));
            if (valuedAt != null) {
                StateCodec.writeSigned(out, valuedAt);
            }
            if (record != null) {
                FleetValueCodec.writeRecord(out, record, key);
            }
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@link #encode} kept for the customer {@code key}. */
    public static LastAssessment decode(byte[] bytes, String key) {
        try {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            FleetValueCodec.checkVersion(in);
            int parts = in.readUnsignedByte();
            Long valuedAt = (parts & HAS_VALUED_AT) != 0 ? StateCodec.readSigned(in) : null;
            SegmentChange record =
                    (parts & HAS_RECORD) != 0 ? FleetValueCodec.readRecord(in, key) : null;
            return new LastAssessment(record, valuedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
