package org.gridwatch.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    private static final String SASL_SSL =
            """
            # the file of docs/operations.md, with made-up secrets
            security.protocol=SASL_SSL
            sasl.mechanism=SCRAM-SHA-512
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                username="gridwatch" password="s3cret-Pa55";
            ssl.truststore.type=PEM
            ssl.truststore.location=/etc/gridwatch/kafka-ca.pem
            """;

    @TempDir Path dir;

    @Test
    void readsEverySettingOfAPropertiesFileWithContinuedLines() throws Exception {
        KafkaClientProperties read = KafkaClientProperties.read(file(SASL_SSL));

        assertThat(read.asMap())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "security.protocol", "SASL_SSL",
                                "sasl.mechanism", "SCRAM-SHA-512",
                                "sasl.jaas.config",
                                        "org.apache.kafka.common.security.scram.ScramLoginModule"
                                                + " required username=\"gridwatch\""
                                                + " password=\"s3cret-Pa55\";",
                                "ssl.truststore.type", "PEM",
                                "ssl.truststore.location", "/etc/gridwatch/kafka-ca.pem"));
        assertThat(read.toProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void showsTheKeysButNeverAValue() throws Exception {
        Path file = file(SASL_SSL);

        assertThat(KafkaClientProperties.read(file).toString())
                .isEqualTo(
                        "Kafka client properties from "
                                + file
                                + " [sasl.jaas.config, sasl.mechanism, security.protocol,"
                                + " ssl.truststore.location, ssl.truststore.type]")
                .doesNotContain("s3cret");
    }

    @Test
    void travelsWithTheJobAsSerializedData() throws Exception {
        KafkaClientProperties read = KafkaClientProperties.read(file(SASL_SSL));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(read);
        }
        Files.delete(dir.resolve("client.properties"));

        Object copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat(((KafkaClientProperties) copy).asMap()).isEqualTo(read.asMap());
    }

    @Test
    void refusesSettingsThatGridWatchMakesItself() throws Exception {
        Path file = file("security.protocol=SASL_SSL\nbootstrap.servers=other:9092\n");

        assertThatThrownBy(() -> KafkaClientProperties.read(file))
                .hasMessage(
                        "--kafka-properties: "
                                + file
                                + ": bootstrap.servers is set by GridWatch (--kafka, --group-id);"
                                + " remove it from the file");
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> KafkaClientProperties.read(missing))
                .hasMessage("--kafka-properties: " + missing + ": no such file");
    }

    @Test
    void namesAFileWithABrokenEscape() throws Exception {
        Path file = file("sasl.jaas.config=\\u00zz\n");

        assertThatThrownBy(() -> KafkaClientProperties.read(file))
                .hasMessageStartingWith("--kafka-properties: " + file + ": cannot read: ")
                .hasMessageNotContaining("\n");
    }

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("client.properties"), text);
    }
}
