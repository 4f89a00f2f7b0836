package org.gridwatch.jobs.io;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Output;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;

/**
 * The contract's output topics. At-least-once for now; exactly-once comes with the reliability
 * work.
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
        write(rejected, Output.REJECTED, new OutputJson.OfRejected(zone));
    }

    @Override
    public void bills(DataStream<Bill> bills) {
        write(bills, Output.BILLS, new OutputJson.OfBill(zone));
    }

    @Override
    public void segments(DataStream<SegmentChange> changes) {
        write(changes, Output.SEGMENTS, new OutputJson.OfSegmentChange(zone));
    }

    private <T> void write(DataStream<T> records, Output output, OutputJson<T> json) {
        records.map(json)
                .name(output.topic() + " as JSON")
                .uid(output.topic() + "-json-kafka")
                .sinkTo(topic(output.topic()))
                .name("kafka: " + output.topic())
                .uid("sink-kafka-" + output.topic());
    }

    private KafkaSink<String> topic(String topic) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<String>builder()
                                .setTopic(topic)
                                .setValueSerializationSchema(
                                        new SimpleStringSchema(StandardCharsets.UTF_8))
                                .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
