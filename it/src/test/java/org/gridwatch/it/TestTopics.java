package org.gridwatch.it;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridwatch.embedded.EmbeddedKafka;

/** Input records put on the broker's topics as a head-end and a billing system would put them. */
final class TestTopics {
    private TestTopics() {}

    /** Sends the lines to the topic in their order, each keyed by {@link #keyOf}, and flushes. */
    static void produce(EmbeddedKafka kafka, String topic, List<String> lines) {
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(topic, keyOf(line), line));
            }
        }
    }

    /** A record without a value on {@code customers}: the customer leaves the master. */
    static void produceTombstone(EmbeddedKafka kafka, String customerId) {
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            producer.send(new ProducerRecord<>("customers", customerId, null));
        }
    }

    /** The id that keys a record, as a head-end keys it: the meter, else the customer. */
    static String keyOf(String line) {
        String field =
                line.contains("\"meterId\"") && !line.contains("\"customerId\"")
                        ? "meterId"
                        : "customerId";
        return line.replaceAll(".*\"" + field + "\":\"([^\"]+)\".*", "$1");
    }

    /** A record's time stamp ({@code ts}). */
    static Instant timeOf(String line) {
        return OffsetDateTime.parse(line.replaceAll(".*\"ts\":\"([^\"]+)\".*", "$1")).toInstant();
    }

    /**
     * The index of the first line stamped at or after {@code t} in a file kept in the order its
     * records came (a late record stays where it came); the size if none is.
     */
    static int firstAtOrAfter(List<String> lines, Instant t) {
        for (int i = 0; i < lines.size(); i++) {
            if (!timeOf(lines.get(i)).isBefore(t)) {
                return i;
            }
        }
        return lines.size();
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
