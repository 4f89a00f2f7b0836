package org.gridwatch.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.gridwatch.core.kafka.KafkaClientProperties;

/**
 * Asks the Kafka cluster whether it takes the commands' clients before a job or a simulation
 * starts: a wrong address, a secured listener without {@code --kafka-properties}, or a wrong
 * password otherwise show only as the clients' endless reconnect warnings.
 */
final class KafkaBrokerCheck {

    /**
     * How long a broker may take to answer. 10 s: a healthy broker answers within milliseconds, and
     * a client that speaks plaintext to a secured listener only ever times out.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KafkaBrokerCheck() {}

    /**
     * @throws IllegalStateException one line: what is wrong, and what to do about it
     */
    static void check(String bootstrapServers, KafkaClientProperties client, Duration timeout) {
        if (!anyListening(bootstrapServers, timeout)) {
            throw new IllegalStateException(
                    "no Kafka broker listens at " + bootstrapServers + "; is it running?");
        }
        Properties settings = client.toProperties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(settings)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (KafkaException e) {
            // Admin.create: a setting of the file the client cannot use (a bad value, a missing
            // truststore); Kafka's message names it.
            throw new IllegalStateException(
                    "the Kafka client settings of " + client + " do not work: " + rootMessage(e));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw new IllegalStateException(
                        "Kafka at "
                                + bootstrapServers
                                + " did not accept the client's login: "
                                + refused.getMessage()
                                + " (see "
                                + KafkaClientProperties.OPTION
                                + ")");
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unanswered(bootstrapServers, client, timeout);
            }
            throw new IllegalStateException(
                    "Kafka at " + bootstrapServers + " failed: " + rootMessage(e));
        } catch (TimeoutException e) {
            throw unanswered(bootstrapServers, client, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while asking Kafka at " + bootstrapServers);
        }
    }

    private static IllegalStateException unanswered(
            String bootstrapServers, KafkaClientProperties client, Duration timeout) {
        return new IllegalStateException(
                "Kafka at "
                        + bootstrapServers
                        + " accepts connections but gave no answer within "
                        + timeout.toSeconds()
                        + " s; "
                        + (client.isEmpty()
                                ? "if its listener needs SASL or TLS, give the client settings"
                                        + " with "
                                        + KafkaClientProperties.OPTION
                                        + " FILE"
                                : "do the settings of "
                                        + KafkaClientProperties.OPTION
                                        + " match its listener (security.protocol)?"));
    }

    /** Whether anything accepts TCP connections at one of the bootstrap servers. */
    static boolean anyListening(String bootstrapServers, Duration timeout) {
        for (String server : bootstrapServers.split(",")) {
            int colon = server.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                server.substring(0, colon).trim(),
                                Integer.parseInt(server.substring(colon + 1).trim())),
                        (int) timeout.toMillis());
                return true;
            } catch (IOException | IllegalArgumentException e) {
                // try the next one
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
