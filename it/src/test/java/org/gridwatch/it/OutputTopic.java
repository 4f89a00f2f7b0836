package org.gridwatch.it;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads an output topic from its start to its end, as a downstream consumer would. */
final class OutputTopic {
    private OutputTopic() {}

    /** Every record's value, in order within each partition. */
    static List<String> read(String bootstrapServers, String topic) {
        return records(bootstrapServers, topic).stream().map(Map.Entry::getValue).toList();
    }

    /** Every record as key → value, in order within each partition. */
    static List<Map.Entry<String, String>> records(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Map.Entry<String, String>> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = decided(bootstrapServers, consumer, partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + ": not read to its end in 60 s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new AbstractMap.SimpleImmutableEntry<>(r.key(), r.value()));
                }
            }
        }
        return values;
    }

    /**
     * The end of what read-committed readers can see, once every transaction on the partitions is
     * decided (committed or aborted): an open transaction holds the last stable offset back, and
     * reading to it alone would miss what other producers committed after it. A transaction left
     * open by a lost TaskManager is aborted by the broker after its timeout; a test that loses one
     * sets that short.
     */
    private static Map<TopicPartition, Long> decided(
            String bootstrapServers,
            KafkaConsumer<String, String> committed,
            List<TopicPartition> partitions) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (KafkaConsumer<String, String> all = new KafkaConsumer<>(p)) {
            while (true) {
                Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
                Map<TopicPartition, Long> high = all.endOffsets(partitions);
                if (stable.equals(high)) {
                    return stable;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "transactions still open after 90 s: last stable offsets "
                                    + stable
                                    + ", high watermarks "
                                    + high);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
