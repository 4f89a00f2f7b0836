package org.gridwatch.core.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client settings of {@code --kafka-properties FILE}: a Java properties file with what a
 * secured cluster needs ({@code security.protocol}, {@code sasl.mechanism}, {@code
 * sasl.jaas.config}, {@code ssl.truststore.*}, ...), applied to every Kafka client GridWatch makes:
 * the monitor job's sources and sinks, the simulator's producer, the launcher's broker check.
 *
 * <p>The file is read once, where the command runs; the settings travel inside the job, so no
 * TaskManager needs the file. They hold secrets: {@link #toString()} names the keys only, and
 * nothing here logs a value.
 */
public final class KafkaClientProperties implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The option that names the file, for messages. */
    public static final String OPTION = "--kafka-properties";

    /** No settings: a broker without security, as in the demo and the compose stack. */
    public static final KafkaClientProperties NONE = new KafkaClientProperties("none", Map.of());

    /**
     * Settings GridWatch makes itself; the file may not change them, because the job would then
     * read other topics or records it cannot decode.
     */
    static final Set<String> SET_BY_GRIDWATCH =
            Set.of(
                    "bootstrap.servers",
                    "group.id",
                    "key.serializer",
                    "value.serializer",
                    "key.deserializer",
                    "value.deserializer");

    private final String fileName;
    private final TreeMap<String, String> settings;

    private KafkaClientProperties(String fileName, Map<String, String> settings) {
        this.fileName = fileName;
        this.settings = new TreeMap<>(settings);
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException one line naming the option, the file and what is wrong
     */
    public static KafkaClientProperties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(OPTION + ": " + file + ": no such file", e);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape
            throw new IllegalArgumentException(
                    OPTION + ": " + file + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (SET_BY_GRIDWATCH.contains(key)) {
                throw new IllegalArgumentException(
                        OPTION
                                + ": "
                                + file
                                + ": "
                                + key
                                + " is set by GridWatch (--kafka, --group-id); remove it from the"
                                + " file");
            }
            settings.put(key, properties.getProperty(key));
        }
        return new KafkaClientProperties(file.toString(), settings);
    }

    /** The settings, key to value, sorted by key. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(settings);
    }

    /** A fresh copy of the settings, for a client's configuration. */
    public Properties toProperties() {
        Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }

    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /** The file and the keys it sets; never a value, since values hold passwords. */
    @Override
    public String toString() {
        return "Kafka client properties from " + fileName + " " + settings.keySet();
    }
}
