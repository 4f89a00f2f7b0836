package org.gridwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.embedded.EmbeddedKafka;

/**
 * A replay folder's meter and area readings sent to Kafka at a steady rate, merged in quarter-hour
 * order as meters would send them live, for {@code gridwatch bench}'s latency: it notes when the
 * last on-time record of each quarter hour was sent (a record behind the newest quarter sent is a
 * late one, and does not count).
 */
final class PacedFeed {
    private PacedFeed() {}

    /**
     * Sends both files at {@code perSecond} records a second; returns quarter-hour start (epoch ms)
     * → wall-clock ms when its last on-time record was sent.
     */
    static TreeMap<Long, Long> send(EmbeddedKafka kafka, Path dir, double perSecond)
            throws IOException, InterruptedException {
        Map<String, Object> settings = new HashMap<>(kafka.clientSettings());
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        AtomicReference<Exception> failure = new AtomicReference<>();
        TreeMap<Long, Long> lastSent = new TreeMap<>();
        long newestQuarter = Long.MIN_VALUE;
        long sent = 0;
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(
                                settings, new StringSerializer(), new StringSerializer());
                Lines readings = new Lines(dir, Source.METER_READINGS);
                Lines areas = new Lines(dir, Source.AREA_READINGS)) {
            while (readings.line != null || areas.line != null) {
                Lines next =
                        areas.line == null
                                        || (readings.line != null
                                                && readings.quarter <= areas.quarter)
                                ? readings
                                : areas;
                String topic =
                        next == readings
                                ? Source.METER_READINGS.topic()
                                : Source.AREA_READINGS.topic();
                producer.send(
                        new ProducerRecord<>(topic, next.key, next.line),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                if (next.quarter >= newestQuarter) {
                    newestQuarter = next.quarter;
                    lastSent.put(next.quarter, System.currentTimeMillis());
                }
                next.advance();
                if (++sent % 64 == 0) {
                    long dueNanos = started + (long) (sent / perSecond * 1e9);
                    long aheadNanos = dueNanos - System.nanoTime();
                    if (aheadNanos > 1_000_000) {
                        Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
                    }
                    if (failure.get() != null) {
                        throw new IOException("cannot send to Kafka: " + failure.get());
                    }
                }
            }
        }
        return lastSent;
    }

    /** A file's lines, each with its key and the quarter hour its interval ends in. */
    private static final class Lines implements AutoCloseable {
        private final BufferedReader reader;
        private final String keyField;
        String line;
        String key;
        long quarter;

        Lines(Path dir, Source source) throws IOException {
            Path file = dir.resolve(source.fileName());
            this.reader =
                    Files.isRegularFile(file)
                            ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                            : new BufferedReader(new java.io.StringReader(""));
            this.keyField = KafkaLoad.keyField(source);
            advance();
        }

        void advance() throws IOException {
            line = reader.readLine();
            if (line == null) {
                return;
            }
            key = KafkaLoad.textField(line, keyField);
            try {
                quarter = Bucket.startOf(EventTime.parse(KafkaLoad.textField(line, "ts")) - 1);
            } catch (RuntimeException unusable) {
                key = null; // sent as it is, for the job to reject, in the current quarter
            }
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
