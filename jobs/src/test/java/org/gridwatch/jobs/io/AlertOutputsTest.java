package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.io.Alerts.MINUTE;
import static org.gridwatch.jobs.io.Alerts.T0;
import static org.gridwatch.jobs.io.Alerts.areaLoss;
import static org.gridwatch.jobs.io.Alerts.theft;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.Severity;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The alert outputs with synthetic alerts: the replay's file, Kafka records, InfluxDB points. */
class AlertOutputsTest {

    @RegisterExtension static final MiniClusterExtension FLINK = LocalCluster.twoSlots();

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir Path dir;

    /** Three alerts, one of them in three versions, one closed, one of an area. */
    static List<Alert> versions() {
        return List.of(
                theft("T-C1", "C1", "A01", 0.55, Severity.MEDIUM, T0, AlertStatus.OPEN, 80.0),
                theft("T-C2", "C2", "A01", 0.90, Severity.HIGH, T0, AlertStatus.OPEN, 20.0),
                areaLoss("L-A02", "A02", 0.7, T0 + 15 * MINUTE, AlertStatus.OPEN),
                theft(
                        "T-C1",
                        "C1",
                        "A01",
                        0.75,
                        Severity.HIGH,
                        T0 + 1440 * MINUTE,
                        AlertStatus.UPDATED,
                        80.0),
                theft(
                        "T-C2",
                        "C2",
                        "A01",
                        0.10,
                        Severity.LOW,
                        T0 + 1440 * MINUTE,
                        AlertStatus.CLOSED,
                        20.0),
                theft(
                        "T-C1",
                        "C1",
                        "A01",
                        0.80,
                        Severity.HIGH,
                        T0 + 2880 * MINUTE,
                        AlertStatus.UPDATED,
                        80.0));
    }

    @Test
    @Timeout(120)
    void replayFileHoldsTheLastVersionOfEachAlertRankedByPriority() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new FileOutputs(dir, ZONE)
                .alerts(
                        env.fromData(versions())
                                .assignTimestampsAndWatermarks(
                                        WatermarkStrategy.<Alert>forMonotonousTimestamps()
                                                .withTimestampAssigner((a, ts) -> a.tsMillis())));
        env.execute("alerts to file");

        List<Alert> all = versions();
        EventJson json = new EventJson(ZONE);
        // priorities: T-C1 0.80 × 80 = 64, T-C2 0.10 × 20 = 2, L-A02 0.7 (no value at risk)
        assertThat(Files.readAllLines(dir.resolve("alerts.jsonl"), StandardCharsets.UTF_8))
                .containsExactly(
                        json.alert(all.get(5)), json.alert(all.get(4)), json.alert(all.get(2)));
    }

    @Test
    void rankingBreaksPriorityTiesByAlertId() {
        List<AlertLine> lines =
                new ArrayList<>(
                        List.of(
                                new AlertLine("b", 0, 5.0, "b"),
                                new AlertLine("a", 0, 5.0, "a"),
                                new AlertLine("c", 0, 9.0, "c")));
        lines.sort(AlertLine.RANKED);
        assertThat(lines).extracting(l -> l.alertId).containsExactly("c", "a", "b");
    }

    @Test
    void kafkaRecordsAreKeyedByCustomerOrByAreaAndCarryTheContractsJson() {
        KafkaOutputs.ContractRecords<Alert> records =
                new KafkaOutputs.ContractRecords<>(
                        "alerts", OutputJson.ofAlert(ZONE), KafkaOutputs::keyOf);
        records.open(null, null);
        Alert theft = versions().get(0);
        Alert loss = versions().get(2);

        ProducerRecord<byte[], byte[]> t = records.serialize(theft, null, theft.tsMillis());
        ProducerRecord<byte[], byte[]> l = records.serialize(loss, null, loss.tsMillis());

        assertThat(t.topic()).isEqualTo("alerts");
        assertThat(new String(t.key(), StandardCharsets.UTF_8)).isEqualTo("C1");
        assertThat(new String(l.key(), StandardCharsets.UTF_8)).isEqualTo("A02");
        assertThat(t.timestamp()).isEqualTo(T0);
        assertThat(new String(t.value(), StandardCharsets.UTF_8))
                .isEqualTo(new EventJson(ZONE).alert(theft))
                .contains("\"alertId\":\"T-C1\"", "\"status\":\"OPEN\"");
    }

    @Test
    void worklistPointOfAnAlertKeepsItsTimeAcrossVersionsAndAlertsOfOneSeriesDiffer()
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AlertVersion, MetricPoint> harness =
                worklistHarness();
        for (Alert a : versions()) {
            harness.processElement(AlertVersion.of(a), a.tsMillis());
        }
        List<MetricPoint> points = harness.extractOutputValues();

        assertThat(points).hasSize(6);
        MetricPoint c1First = points.get(0);
        MetricPoint c2 = points.get(1);
        MetricPoint c1Last = points.get(5);
        assertThat(c1First.measurement()).isEqualTo("alert_worklist");
        assertThat(c1First.tags()).isEqualTo("area=A01,type=THEFT");
        // same series, same time: the last version overwrites the first
        assertThat(c1Last.tags()).isEqualTo(c1First.tags());
        assertThat(c1Last.timeMillis()).isEqualTo(c1First.timeMillis());
        // the minute of the first version, plus the id's slot
        assertThat(c1First.timeMillis())
                .isEqualTo(T0 + AlertWorklist.slotOf("T-C1"))
                .isNotEqualTo(c2.timeMillis());
        assertThat(c1Last.fields())
                .contains(
                        "alert_id=\"T-C1\"",
                        "customer=\"C1\"",
                        "meter=\"M1\"",
                        "severity=\"HIGH\"",
                        "status=\"UPDATED\"",
                        "rule=\"h3-daily-fraction\"",
                        "evidence=\"days=14; nightShare=0.0312\"",
                        "score=0.8",
                        "priority=64.0",
                        "value_at_risk=80.0",
                        "since=" + T0 + "i",
                        "updated=" + (T0 + 2880 * MINUTE) + "i")
                .doesNotContain("amount_owed");
        // an area's alert has no customer, and no value at risk: its priority is its score
        MetricPoint loss = points.get(2);
        assertThat(loss.tags()).isEqualTo("area=A02,type=AREA_LOSS");
        assertThat(loss.fields())
                .doesNotContain("customer=")
                .doesNotContain("value_at_risk")
                .contains("priority=0.7");
        harness.close();
    }

    @Test
    void alertsWhoseIdsShareASlotGetTheNextFreeMillisecond() throws Exception {
        String first = "X-0";
        String second = null;
        for (int i = 1; second == null; i++) {
            if (AlertWorklist.slotOf("X-" + i) == AlertWorklist.slotOf(first)) {
                second = "X-" + i;
            }
        }
        KeyedOneInputStreamOperatorTestHarness<String, AlertVersion, MetricPoint> harness =
                worklistHarness();
        for (String id : List.of(first, second, first, second)) {
            Alert a = theft(id, "C9", "A01", 0.5, Severity.LOW, T0 + 7, AlertStatus.OPEN, 1.0);
            harness.processElement(AlertVersion.of(a), a.tsMillis());
        }
        List<MetricPoint> points = harness.extractOutputValues();

        long slot = AlertWorklist.slotOf(first);
        assertThat(points)
                .extracting(MetricPoint::timeMillis)
                .containsExactly(
                        T0 + slot,
                        T0 + (slot + 1) % AlertWorklist.SLOTS,
                        T0 + slot,
                        T0 + (slot + 1) % AlertWorklist.SLOTS);
        harness.close();
    }

    @Test
    void aVersionOvertakenByANewerOneIsNotWritten() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AlertVersion, MetricPoint> harness =
                worklistHarness();
        List<Alert> all = versions();
        for (Alert a : List.of(all.get(0), all.get(5), all.get(3))) {
            harness.processElement(AlertVersion.of(a), a.tsMillis());
        }
        List<MetricPoint> points = harness.extractOutputValues();

        assertThat(points).hasSize(2);
        assertThat(points.get(1).fields()).contains("score=0.8");
        harness.close();
    }

    @Test
    void stringFieldsAreEscapedForLineProtocol() {
        Alert odd =
                new Alert(
                        "Q\"1",
                        "C\\1",
                        "M1",
                        "A 1,x",
                        org.gridwatch.core.event.AlertType.DATA_QUALITY,
                        "gap\nrule",
                        0.25,
                        Severity.LOW,
                        T0,
                        Map.of("note", "a \"b\""));
        AlertVersion v = AlertVersion.of(odd);

        assertThat(v.series()).isEqualTo("area=A\\ 1\\,x,type=DATA_QUALITY");
        assertThat(v.fields)
                .contains(
                        "alert_id=\"Q\\\"1\"",
                        "customer=\"C\\\\1\"",
                        "rule=\"gap rule\"",
                        "evidence=\"note=a \\\"b\\\"\"",
                        "priority=0.25");
    }

    @Test
    void countsAlertsRaisedUpdatedAndClosedPerTypeAreaSeverityAndQuarterHour() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AlertVersion, MetricPoint> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new AlertCounts(InfluxOutputs.ALERT_COUNT_LATENESS.toMillis()),
                        AlertCounts::tagsOf,
                        Types.STRING);
        for (Alert a : versions()) {
            harness.processElement(AlertVersion.of(a), a.tsMillis());
        }
        harness.processWatermark(new Watermark(T0 + 3 * 1440 * MINUTE));
        List<MetricPoint> points = harness.extractOutputValues();

        assertThat(points)
                .extracting(MetricPoint::toLineProtocol)
                .containsExactlyInAnyOrder(
                        "alerts,area=A01,severity=MEDIUM,type=THEFT raised=1i,updated=0i,closed=0i "
                                + T0,
                        "alerts,area=A01,severity=HIGH,type=THEFT raised=1i,updated=0i,closed=0i "
                                + T0,
                        "alerts,area=A02,severity=HIGH,type=AREA_LOSS"
                                + " raised=1i,updated=0i,closed=0i "
                                + (T0 + 15 * MINUTE),
                        "alerts,area=A01,severity=HIGH,type=THEFT raised=0i,updated=1i,closed=0i "
                                + (T0 + 1440 * MINUTE),
                        "alerts,area=A01,severity=LOW,type=THEFT raised=0i,updated=0i,closed=1i "
                                + (T0 + 1440 * MINUTE),
                        "alerts,area=A01,severity=HIGH,type=THEFT raised=0i,updated=1i,closed=0i "
                                + (T0 + 2880 * MINUTE));
        harness.close();
    }

    @Test
    @Timeout(60)
    void collectingOutputsCollectAlerts() throws Exception {
        CollectingOutputs outputs = new CollectingOutputs();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        outputs.alerts(env.fromData(versions()));
        env.execute("collect alerts");

        assertThat(outputs.alerts()).containsExactlyElementsOf(versions());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AlertVersion, MetricPoint>
            worklistHarness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AlertWorklist(), AlertVersion::series, Types.STRING);
    }
}
