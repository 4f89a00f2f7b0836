package org.gridwatch.jobs.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Output;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;

/**
 * The contract's output topics. Bills and segment changes are keyed by customer id, so that one
 * customer's records land in one partition in the order they were made (a consumer folding {@code
 * customer-segments} to each customer's latest state depends on it); rejections carry no key.
 * At-least-once for now; exactly-once comes with the reliability work.
 */
public final class KafkaOutputs implements MonitorOutputs {
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final ZoneId zone;

    public KafkaOutputs(String bootstrapServers, ZoneId zone) {
        this.bootstrapServers = bootstrapServers;
        this.zone = zone;
    }

    @Override
    public void rejected(DataStream<Rejected> rejected) {
        write(rejected, Output.REJECTED, OutputJson.ofRejected(zone), r -> null);
    }

    @Override
    public void bills(DataStream<Bill> bills) {
        write(bills, Output.BILLS, OutputJson.ofBill(zone), Bill::customerId);
    }

    @Override
    public void segments(DataStream<SegmentChange> changes) {
        write(
                changes,
                Output.SEGMENTS,
                OutputJson.ofSegmentChange(zone),
                SegmentChange::customerId);
    }

    private <T> void write(
            DataStream<T> records, Output output, OutputJson<T> json, KeyOf<T> keyOf) {
        records.map(new KeyedJson<>(json, keyOf))
                .returns(Types.POJO(KeyedLine.class))
                .name(output.topic() + " as JSON")
                .uid(output.topic() + "-json-kafka")
                .sinkTo(topic(output.topic()))
                .name("kafka: " + output.topic())
                .uid("sink-kafka-" + output.topic());
    }

    private KafkaSink<KeyedLine> topic(String topic) {
        return KafkaSink.<KeyedLine>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<KeyedLine>builder()
                                .setTopic(topic)
                                .setKeySerializationSchema(new KeyBytes())
                                .setValueSerializationSchema(new LineBytes())
                                .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** The Kafka key of an output record, or null for none. */
    @FunctionalInterface
    interface KeyOf<T> extends Serializable {
        String of(T record);
    }

    /** A contract JSON line and its Kafka key. */
    public static final class KeyedLine {
        public String key;
        public String line;

        public KeyedLine() {}
    }

    private static final class KeyBytes implements SerializationSchema<KeyedLine> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(KeyedLine l) {
            return l.key == null ? null : l.key.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final class LineBytes implements SerializationSchema<KeyedLine> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(KeyedLine l) {
            return l.line.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final class KeyedJson<T> extends RichMapFunction<T, KeyedLine> {
        private static final long serialVersionUID = 1L;
        private final OutputJson<T> json;
        private final KeyOf<T> keyOf;

        KeyedJson(OutputJson<T> json, KeyOf<T> keyOf) {
            this.json = json;
            this.keyOf = keyOf;
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            json.open(openContext);
        }

        @Override
        public KeyedLine map(T record) throws Exception {
            KeyedLine l = new KeyedLine();
            l.key = keyOf.of(record);
            l.line = json.map(record);
            return l;
        }
    }
}
