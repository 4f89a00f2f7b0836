package org.gridwatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
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

    /**
     * From now on, what Kafka's clients log goes to the log file only, not to the terminal. Call as
     * the command stops its broker: the Kafka sources' coordinators leave their admin clients open
     * after the job has been cancelled and the cluster closed (seen with flink-connector-kafka
     * 5.0.0-2.2 on Flink 2.2.0: their clients are never unregistered), and each keeps trying the
     * stopped broker, a warning a time, until the process exits. Those lines say nothing to the
     * person at the terminal; the file keeps them. Nothing happens under another logging
     * configuration than bin/gridwatch's (no appender named {@code file}).
     */
    static void clientsToLogFileOnly() {
        LoggerContext context = LoggerContext.getContext(false);
        Configuration config = context.getConfiguration();
        Appender file = config.getAppender("file");
        if (file == null) {
            return;
        }
        String clients = "org.apache.kafka.clients";
        LoggerConfig toFile = new LoggerConfig(clients, Level.INFO, false);
        toFile.addAppender(file, null, null);
        config.addLogger(clients, toFile);
        context.updateLoggers();
        LOG.info("Kafka clients' messages go to this file only from here on: the broker stops");
    }
}
