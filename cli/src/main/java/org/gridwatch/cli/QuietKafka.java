package org.gridwatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.gridwatch.embedded.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-process broker of the commands that start one (demo, bench), its start-up kept quiet. */
final class QuietKafka {
    private static final Logger LOG = LoggerFactory.getLogger(QuietKafka.class);

    private QuietKafka() {}

    /**
     * Starts a broker. Kafka's storage formatter prints to System.out; its lines belong in the log,
     * not between the command's. Nothing else prints while the broker starts.
     */
    static EmbeddedKafka start() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream formatter = new ByteArrayOutputStream();
        System.setOut(new PrintStream(formatter, true, StandardCharsets.UTF_8));
        try {
            return EmbeddedKafka.start();
        } finally {
            System.setOut(stdout);
            LOG.info(
                    "Kafka's storage formatter: {}",
                    formatter.toString(StandardCharsets.UTF_8).strip());
        }
    }
}
