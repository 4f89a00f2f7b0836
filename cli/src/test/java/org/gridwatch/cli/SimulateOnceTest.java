package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridwatch.core.kafka.KafkaClientProperties;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.simulator.KafkaFleetSink;
import org.junit.jupiter.api.Test;

/**
 * {@code simulate --kafka --once}, as docker-compose runs it at every {@code up}: the fleet is sent
 * the first time only, so that a monitor job resuming from its checkpoint never sees it twice.
 */
class SimulateOnceTest {

    @Test
    void sendsTheFleetOnceAndThenNothing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String[] args = {
                "simulate",
                "--kafka",
                kafka.bootstrapServers(),
                "--customers",
                "5",
                "--days",
                "1",
                "--seed",
                "7",
                "--once",
                "--quiet"
            };
            CommandRun first = CommandRun.of(args);
            long sent =
                    KafkaFleetSink.readingsHeld(
                            kafka.bootstrapServers(), KafkaClientProperties.NONE);

            CommandRun second = CommandRun.of(args);

            assertThat(first.exitCode()).as(first.err()).isZero();
            // 5 customers, one day: at most 96 readings each, a few more for faults
            assertThat(sent).isBetween(100L, 600L);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("not sending the fleet again (--once)");
            assertThat(
                            KafkaFleetSink.readingsHeld(
                                    kafka.bootstrapServers(), KafkaClientProperties.NONE))
                    .isEqualTo(sent);
        }
    }
}
