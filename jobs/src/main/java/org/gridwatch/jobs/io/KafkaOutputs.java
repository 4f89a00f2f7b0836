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
        rejected.map(new OutputJson.OfRejected(zone))
                .name("rejected as JSON")
                .uid("rejected-json-kafka")
                .sinkTo(topic(Output.REJECTED.topic()))
                .name("kafka: " + Output.REJECTED.topic())
                .uid("sink-kafka-" + Output.REJECTED.topic());
    }

    @Override
    public void bills(DataStream<Bill> bills) {
        bills.map(new OutputJson.OfBill(zone))
                .name("bills as JSON")
                .uid("bills-json-kafka")
                .sinkTo(topic(Output.BILLS.topic()))
                .name("kafka: " + Output.BILLS.topic())
                .uid("sink-kafka-" + Output.BILLS.topic());
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
