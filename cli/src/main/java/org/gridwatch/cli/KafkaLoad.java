package org.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridwatch.core.event.Source;
import org.gridwatch.embedded.EmbeddedKafka;

/**
 * A replay folder's input files loaded into their topics (docs/contract.md), each record keyed as
 * the simulator keys it: readings by meter, area readings by area, the rest by customer.
 */
final class KafkaLoad {
    private static final ObjectReader JSON = new ObjectMapper().readerFor(JsonNode.class);

    private KafkaLoad() {}

    /** Creates the input topics and sends every file's lines; returns the records sent. */
    static long topics(EmbeddedKafka kafka, Path dir, int partitions) throws IOException {
        return topics(kafka, dir, partitions, java.util.EnumSet.allOf(Source.class));
    }

    /**
     * Creates the input topics and sends the lines of the files of {@code load}; returns the
     * records sent.
     */
    static long topics(EmbeddedKafka kafka, Path dir, int partitions, java.util.Set<Source> load)
            throws IOException {
        Source[] inputs = {
            Source.CUSTOMERS,
            Source.METER_READINGS,
            Source.AREA_READINGS,
            Source.PAYMENTS,
            Source.INSPECTIONS
        };
        String[] topics = new String[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            topics[i] = inputs[i].topic();
        }
        kafka.createTopics(partitions, topics);
        Map<String, Object> settings = new HashMap<>(kafka.clientSettings());
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        java.util.concurrent.atomic.AtomicReference<Exception> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            for (Source source : inputs) {
                Path file = dir.resolve(source.fileName());
                if (!load.contains(source) || !Files.isRegularFile(file)) {
                    continue;
                }
                String keyField = keyField(source);
                try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        producer.send(
                                new ProducerRecord<>(
                                        source.topic(), textField(line, keyField), line),
                                (metadata, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                        sent++;
                    }
                }
                // The master first, whole, as the simulator's Kafka sink sends it.
                producer.flush();
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IOException(
                    "cannot write to " + kafka.bootstrapServers() + ": " + failure.get(),
                    failure.get());
        }
        return sent;
    }

    /** The field a record of {@code source} is keyed by, as the simulator keys it. */
    static String keyField(Source source) {
        return switch (source) {
            case METER_READINGS -> "meterId";
            case AREA_READINGS -> "areaId";
            default -> "customerId";
        };
    }

    /**
     * A record's text field (its key, its timestamp), or null when the line has none or is no JSON.
     * The usual spelling, as the simulator writes it, is found by a string search: parsing each
     * line into a JSON tree would cost the bench's live sender a fifth of the machine the job is
     * measured on; any other spelling goes through Jackson.
     */
    static String textField(String line, String field) {
        String usual = usualText(line, field);
        if (usual != null) {
            return usual;
        }
        try {
            JsonNode v = JSON.readTree(line).get(field);
            return v != null && v.isTextual() ? v.textValue() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * The text of a field written {@code "name":"text"} with no escape in the text, or null when
     * the line has it otherwise.
     */
    static String usualText(String line, String name) {
        String opening = "\"" + name + "\":\"";
        int start = line.indexOf(opening);
        if (start < 0) {
            return null;
        }
        start += opening.length();
        int end = line.indexOf('"', start);
        if (end < 0 || line.lastIndexOf('\\', end) >= start) {
            return null;
        }
        return line.substring(start, end);
    }
}
