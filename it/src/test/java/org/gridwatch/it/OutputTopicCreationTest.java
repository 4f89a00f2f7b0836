package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.embedded.EmbeddedKafka;
import org.gridwatch.jobs.io.KafkaOutputs;
import org.junit.jupiter.api.Test;

/**
 * The output topics the job creates itself, on a real broker: {@code customer-segments} is
 * compacted, so that each customer's latest record stays for the worklists.
 */
class OutputTopicCreationTest {

    @Test
    void theSegmentsTopicIsCreatedCompacted() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            KafkaOutputs outputs =
                    new KafkaOutputs(kafka.bootstrapServers(), ZoneOffset.ofHours(8), "topics");
            SegmentChange one =
                    new SegmentChange(
                            "C1", 0L, Segment.HIGH, 0.9, 0.5, 90, CreditGrade.A, new String[0]);
            outputs.segments(env.fromData(Types.POJO(SegmentChange.class), one));

            try (Admin admin =
                    Admin.create(
                            Map.<String, Object>of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    kafka.bootstrapServers()))) {
                Map<ConfigResource, Config> configs =
                        admin.describeConfigs(List.of(topic("customer-segments")))
                                .all()
                                .get(30, TimeUnit.SECONDS);
                assertThat(policy(configs, "customer-segments"))
                        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            }
        }
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static String policy(Map<ConfigResource, Config> configs, String name) {
        return configs.get(topic(name)).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
}
