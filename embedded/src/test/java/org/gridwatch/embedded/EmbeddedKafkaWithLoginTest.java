package org.gridwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broker of {@link EmbeddedKafka#startWithPlainLogin()}: a client gets in only logged in. */
@Timeout(120)
class EmbeddedKafkaWithLoginTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.startWithPlainLogin();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aClientWithItsLoginCreatesAndListsTopics() throws Exception {
        kafka.createTopics(1, "meter-readings");

        try (Admin admin = admin(kafka.clientSettings())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .contains("meter-readings");
        }
    }

    @Test
    void aClientWithAWrongPasswordIsRefused() {
        Map<String, Object> wrong = new HashMap<>(kafka.clientSettings());
        wrong.put(
                "sasl.jaas.config",
                String.valueOf(wrong.get("sasl.jaas.config"))
                        .replace(EmbeddedKafka.LOGIN_PASSWORD, "guessed"));

        try (Admin admin = admin(wrong)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientWithoutSecuritySettingsGetsNoAnswer() {
        try (Admin admin = admin(Map.of())) {
            assertThatThrownBy(() -> admin.listTopics().names().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(TimeoutException.class);
        }
    }

    private static Admin admin(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(all);
    }
}
