package org.gridwatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridwatch.core.kafka.KafkaClientProperties;

/**
 * Follows one of the job's output topics for a terminal list ({@code gridwatch alerts}, {@code
 * gridwatch segments}): reads it from the beginning, committed records only (the job writes in
 * transactions: what a failure aborted was never a record); with {@code once} up to the offsets it
 * had at the start and then draws once, else until stopped, drawing again at most every {@code
 * redrawEvery} while records change what is shown. A topic that does not exist yet is waited for:
 * the job creates it when it starts.
 */
final class TopicFollower {

    /** What the command does with the records and when it draws. */
    interface Board {
        /**
         * Takes one record's value.
         *
         * @return whether it changed what is shown
         * @throws IllegalArgumentException if it is not a record of this topic (counted as skipped)
         */
        boolean add(String value);

        /**
         * Draws the list.
         *
         * @param interactive following in a terminal: clear the screen first
         * @param skipped records so far that were not records of this topic
         */
        void draw(boolean interactive, int skipped);
    }

    private final String bootstrapServers;
    private final KafkaClientProperties client;
    private final Duration redrawEvery;
    private final BooleanSupplier stopRequested;

    TopicFollower(
            String bootstrapServers,
            KafkaClientProperties client,
            Duration redrawEvery,
            BooleanSupplier stopRequested) {
        this.bootstrapServers = bootstrapServers;
        this.client = client;
        this.redrawEvery = redrawEvery;
        this.stopRequested = stopRequested;
    }

    void follow(String topic, boolean once, Board board) {
        Properties p = client.toProperties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        boolean interactive = System.console() != null && !once;
        int skipped = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty() && once) {
                board.draw(false, 0);
                return;
            }
            if (partitions.isEmpty()) {
                board.draw(interactive, 0);
                while (partitions.isEmpty() && !stopRequested.getAsBoolean()) {
                    sleep(redrawEvery);
                    partitions = partitions(consumer, topic);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            boolean dirty = true;
            long drawnAt = 0;
            while (!stopRequested.getAsBoolean()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        dirty |= board.add(r.value());
                    } catch (IllegalArgumentException e) {
                        skipped++;
                    }
                }
                if (once) {
                    if (caughtUp(consumer, end)) {
                        break;
                    }
                    continue;
                }
                long now = System.nanoTime();
                if (dirty && now - drawnAt >= redrawEvery.toNanos()) {
                    board.draw(interactive, skipped);
                    dirty = false;
                    drawnAt = now;
                }
            }
        }
        if (once) {
            board.draw(false, skipped);
        }
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos != null) {
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        return partitions;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean caughtUp(
            KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
