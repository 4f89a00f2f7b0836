package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.core.event.Alert;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.QueryResult;
import org.gridwatch.jobs.LocalCluster;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link InfluxOutputs#alerts} into a real influxd: a later version of an alert overwrites its
 * worklist point, two alerts keep two points, and the counts land per type, area and severity.
 */
class AlertInfluxOutputsTest {

    @RegisterExtension static final MiniClusterExtension FLINK = LocalCluster.twoSlots();

    @Test
    @Timeout(180)
    void worklistHoldsOnePointPerAlertWithItsLastVersionAndCountsPerBucket() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            new InfluxOutputs(InfluxSettings.of(influxd.url(), "alerts_test", null, null))
                    .alerts(
                            env.fromData(AlertOutputsTest.versions())
                                    .assignTimestampsAndWatermarks(
                                            WatermarkStrategy.<Alert>forMonotonousTimestamps()
                                                    .withTimestampAssigner(
                                                            (a, ts) -> a.tsMillis())));
            env.execute("alerts to influxdb");
            InfluxQueryClient client = new InfluxQueryClient(influxd.url());

            QueryResult worklist =
                    client.query(
                            "alerts_test",
                            "SELECT \"alert_id\", \"status\", \"score\", \"priority\", \"since\","
                                    + " \"updated\" FROM \"alert_worklist\" GROUP BY \"type\","
                                    + " \"area\"");
            List<Object> ids =
                    worklist.series().stream().flatMap(s -> s.column("alert_id").stream()).toList();
            assertThat(ids).containsExactlyInAnyOrder("T-C1", "T-C2", "L-A02");
            QueryResult c1 =
                    client.query(
                            "alerts_test",
                            "SELECT \"status\", \"score\", \"updated\" FROM \"alert_worklist\""
                                    + " WHERE \"alert_id\" = 'T-C1'");
            assertThat(c1.series().get(0).rows()).hasSize(1);
            assertThat(c1.series().get(0).column("status")).containsExactly("UPDATED");
            assertThat(((Number) c1.series().get(0).column("score").get(0)).doubleValue())
                    .isEqualTo(0.8);
            QueryResult open =
                    client.query(
                            "alerts_test",
                            "SELECT \"alert_id\" FROM \"alert_worklist\" WHERE \"status\" <>"
                                    + " 'CLOSED'");
            assertThat(open.series().get(0).column("alert_id"))
                    .containsExactlyInAnyOrder("T-C1", "L-A02");

            QueryResult raised =
                    client.query(
                            "alerts_test",
                            "SELECT sum(\"raised\") AS raised, sum(\"updated\") AS updated,"
                                    + " sum(\"closed\") AS closed FROM \"alerts\" GROUP BY"
                                    + " \"type\"");
            assertThat(raised.series()).hasSize(2);
            for (QueryResult.Series s : raised.series()) {
                long r = ((Number) s.column("raised").get(0)).longValue();
                long u = ((Number) s.column("updated").get(0)).longValue();
                long c = ((Number) s.column("closed").get(0)).longValue();
                if (s.tags().get("type").equals("THEFT")) {
                    assertThat(List.of(r, u, c)).containsExactly(2L, 2L, 1L);
                } else {
                    assertThat(List.of(r, u, c)).containsExactly(1L, 0L, 0L);
                }
            }
        }
    }
}
