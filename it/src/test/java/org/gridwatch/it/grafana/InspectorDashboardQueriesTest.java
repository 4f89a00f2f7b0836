package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.core.detect.AreaTheftScores;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Severity;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.QueryResult;
import org.gridwatch.it.grafana.InfluxQlTemplate.QueryTime;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.io.InfluxOutputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * The Inspector dashboard and the Grafana alert rule against what the monitor job's InfluxDB output
 * writes for synthetic alerts (the job's own detectors are not needed): every query Grafana would
 * send must return rows, and the worklist must list each open alert once, in its latest version.
 */
class InspectorDashboardQueriesTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final long T0 = Instant.parse("2026-01-20T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long FROM = T0 - 24 * HOUR;
    private static final long TO = T0 + 3 * 24 * HOUR;
    private static final String DB = "inspector";
    private static final RepoLayout REPO = RepoLayout.fromSystemProperty();

    private static LocalInfluxd influxd;
    private static DashboardHarness inspector;

    @BeforeAll
    static void writeSyntheticAlertsThroughTheJobsInfluxOutput() throws Exception {
        influxd = LocalInfluxd.start();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        InfluxOutputs outputs = new InfluxOutputs(InfluxSettings.of(influxd.url(), DB, null, null));
        outputs.alerts(
                env.fromData(alerts())
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Alert>forMonotonousTimestamps()
                                        .withTimestampAssigner((a, ts) -> a.tsMillis())));
        // two days of the two areas' customers by theft score, as the theft watch writes them
        outputs.metrics(
                env.fromData(
                        AreaTheftScores.of(List.of(0.1, 0.3, 0.6)).point("A01", T0 - 24 * HOUR),
                        AreaTheftScores.of(List.of(0.1, 0.3, 0.4)).point("A01", T0),
                        AreaTheftScores.of(List.of(0.02, 0.27)).point("A.02", T0)));
        env.execute("synthetic alerts to influxdb");
        inspector = DashboardHarness.of(REPO, "inspector.json");
    }

    @AfterAll
    static void stopInfluxd() {
        if (influxd != null) {
            influxd.close();
        }
    }

    /**
     * Seven alerts of every type and severity in two areas (one with a regex character); T2 is
     * raised then closed, T1 raised then updated to HIGH. Open at the end: 5 alerts, 3 of them
     * HIGH, 1 AREA_LOSS.
     */
    static List<Alert> alerts() {
        List<Alert> list = new ArrayList<>();
        list.add(
                alert(
                        "T1",
                        "C1",
                        "A01",
                        AlertType.THEFT,
                        Severity.MEDIUM,
                        0.6,
                        0,
                        AlertStatus.OPEN,
                        120));
        list.add(
                alert(
                        "T2",
                        "C2",
                        "A01",
                        AlertType.THEFT,
                        Severity.LOW,
                        0.3,
                        0,
                        AlertStatus.OPEN,
                        40));
        list.add(
                alert(
                        "R3",
                        "C3",
                        "A.02",
                        AlertType.ARREARS,
                        Severity.MEDIUM,
                        0.7,
                        2,
                        AlertStatus.OPEN,
                        300));
        list.add(
                alert(
                        "L4",
                        null,
                        "A.02",
                        AlertType.AREA_LOSS,
                        Severity.HIGH,
                        0.8,
                        3,
                        AlertStatus.OPEN,
                        Double.NaN));
        list.add(
                alert(
                        "Q5",
                        "C5",
                        "A01",
                        AlertType.DATA_QUALITY,
                        Severity.LOW,
                        0.4,
                        5,
                        AlertStatus.OPEN,
                        Double.NaN));
        list.add(
                alert(
                        "T6",
                        "C6",
                        "A.02",
                        AlertType.THEFT,
                        Severity.HIGH,
                        0.95,
                        6,
                        AlertStatus.OPEN,
                        80));
        list.add(
                alert(
                        "T1",
                        "C1",
                        "A01",
                        AlertType.THEFT,
                        Severity.HIGH,
                        0.9,
                        24,
                        AlertStatus.UPDATED,
                        120));
        list.add(
                alert(
                        "T2",
                        "C2",
                        "A01",
                        AlertType.THEFT,
                        Severity.LOW,
                        0.1,
                        30,
                        AlertStatus.CLOSED,
                        40));
        return list;
    }

    private static Alert alert(
            String id,
            String customer,
            String area,
            AlertType type,
            Severity severity,
            double score,
            int hour,
            AlertStatus status,
            double valueAtRisk) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("days", 14);
        evidence.put("ratio", 0.25);
        return new Alert(
                id,
                customer,
                customer == null ? null : "M" + customer.substring(1),
                area,
                type,
                "rule-" + type.name().toLowerCase(),
                score,
                severity,
                T0 + hour * HOUR,
                evidence,
                status,
                valueAtRisk,
                type == AlertType.ARREARS ? 250.0 : Double.NaN,
                new ArrayList<>(),
                Alert.NONE);
    }

    @Test
    void everyPanelAndVariableQueryReturnsRows() {
        List<QueryOutcome> outcomes = inspector.runAllQueries(influxd.url(), DB, FROM, TO);

        assertThat(outcomes)
                .allSatisfy(
                        outcome -> assertThat(outcome.hasRows()).as(outcome.describe()).isTrue());
        Set<String> queried =
                outcomes.stream().map(QueryOutcome::source).collect(Collectors.toSet());
        assertThat(queried)
                .containsAll(
                        inspector.dashboard().panels().stream()
                                .map(DashboardFile.Panel::title)
                                .toList())
                .contains("variable area", "variable type");
    }

    @Test
    void worklistListsEachOpenAlertOnceAndTheAreaLossAndDataQualityTablesTheirs() {
        Map<String, Integer> rows =
                inspector.runAllQueries(influxd.url(), DB, FROM, TO).stream()
                        .collect(Collectors.toMap(QueryOutcome::source, QueryOutcome::rows));

        assertThat(rows.get("Worklist: open alerts by priority")).isEqualTo(5);
        assertThat(rows.get("Open AREA_LOSS alerts")).isEqualTo(1);
        assertThat(rows.get("Open DATA_QUALITY alerts (metering team)")).isEqualTo(1);
    }

    @Test
    void worklistRowsCarryTheLatestVersion() {
        QueryResult t1 =
                new InfluxQueryClient(influxd.url())
                        .query(
                                DB,
                                "SELECT \"severity\", \"score\", \"priority\", \"status\", \"since\","
                                        + " \"updated\" FROM \"alert_worklist\" WHERE \"alert_id\""
                                        + " = 'T1'");

        QueryResult.Series s = t1.series().get(0);
        assertThat(s.rows()).hasSize(1);
        assertThat(s.column("severity")).containsExactly("HIGH");
        assertThat(s.column("status")).containsExactly("UPDATED");
        assertThat(((Number) s.column("priority").get(0)).doubleValue()).isEqualTo(0.9 * 120);
        assertThat(((Number) s.column("since").get(0)).longValue()).isEqualTo(T0);
        assertThat(((Number) s.column("updated").get(0)).longValue()).isEqualTo(T0 + 24 * HOUR);
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertRuleIsGrafanaProvisioningOfOneRuleWhoseQueryFindsTheNewHighAlerts() throws Exception {
        Map<String, Object> file =
                new Yaml()
                        .load(
                                Files.readString(
                                        REPO.provisioning()
                                                .resolve("alerting/gridwatch-inspectors.yaml")));
        assertThat(file.get("apiVersion")).isEqualTo(1);
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        assertThat(groups).singleElement();
        Map<String, Object> group = groups.get(0);
        assertThat(group).containsKeys("orgId", "name", "folder", "interval", "rules");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
        assertThat(rules).singleElement();
        Map<String, Object> rule = rules.get(0);
        assertThat(rule)
                .containsKeys(
                        "uid", "title", "condition", "data", "noDataState", "execErrState", "for");
        assertThat((String) rule.get("uid")).matches("[A-Za-z0-9_-]{1,40}");
        List<Map<String, Object>> data = (List<Map<String, Object>>) rule.get("data");
        List<String> refIds = data.stream().map(d -> (String) d.get("refId")).toList();
        assertThat(refIds).doesNotHaveDuplicates().contains((String) rule.get("condition"));
        List<String> provisioned =
                ProvisionedDataSource.readAll(REPO.provisioning().resolve("datasources")).stream()
                        .map(ProvisionedDataSource::uid)
                        .toList();
        String query = null;
        for (Map<String, Object> d : data) {
            assertThat(d).containsKeys("refId", "datasourceUid", "model", "relativeTimeRange");
            Map<String, Object> model = (Map<String, Object>) d.get("model");
            assertThat(model.get("refId")).isEqualTo(d.get("refId"));
            String uid = (String) d.get("datasourceUid");
            if (uid.equals("__expr__")) {
                assertThat((String) model.get("type")).isIn("reduce", "threshold", "math");
                assertThat(refIds).contains((String) model.get("expression"));
            } else {
                assertThat(provisioned).contains(uid);
                query = (String) model.get("query");
            }
        }
        assertThat(query).isNotNull().contains("FROM \"alerts\"", "'HIGH'");

        // evaluated at 07:00 UTC on the first day: the last hour holds T6 (HIGH, raised 06:00)
        long now = T0 + 7 * HOUR;
        String rendered =
                InfluxQlTemplate.render(query, new QueryTime(now - HOUR, now, 60_000), Map.of());
        QueryResult result = new InfluxQueryClient(influxd.url()).query(DB, rendered);
        assertThat(result.series())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.tags()).containsEntry("type", "THEFT");
                            assertThat(s.tags()).containsEntry("area", "A.02");
                            assertThat(((Number) s.column("raised").get(0)).longValue())
                                    .isEqualTo(1);
                        });
    }
}
