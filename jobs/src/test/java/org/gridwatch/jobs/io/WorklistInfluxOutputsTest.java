package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.LocalInfluxd;
import org.gridwatch.embedded.QueryResult;
import org.gridwatch.jobs.LocalCluster;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link InfluxOutputs#segments} into a real influxd: one point per customer and worklist
 * (strategy, area, segment); a customer leaving a list leaves its point marked LEFT, coming back
 * lists the same point again, and a field a record no longer has does not linger in the listed
 * point.
 */
class WorklistInfluxOutputsTest {

    @RegisterExtension static final MiniClusterExtension FLINK = LocalCluster.twoSlots();

    private static final long T0 = Instant.parse("2026-02-07T16:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;
    private static final String DB = "worklist_test";

    private static SegmentChange change(
            String customer,
            String area,
            long ts,
            Segment segment,
            int score,
            CreditGrade grade,
            long nextInspection,
            OffpeakOffer offer,
            String... strategies) {
        return new SegmentChange(
                customer,
                area,
                ts,
                segment,
                0.5,
                0.4,
                score,
                grade,
                strategies,
                nextInspection,
                offer);
    }

    /**
     * C1 goes from HIGH to MEDIUM (with an off-peak offer) and back; C2 stays HIGH with a new
     * score; C3 loses its next inspection and gets a WARNING; C4 has no area.
     */
    static List<SegmentChange> records() {
        OffpeakOffer offer = new OffpeakOffer("residential-tiered-offpeak", 233.2, 242.4);
        OffpeakOffer none = OffpeakOffer.NONE;
        long never = SegmentChange.NONE;
        return List.of(
                change(
                        "C1",
                        "A01",
                        T0,
                        Segment.HIGH,
                        94,
                        CreditGrade.A,
                        never,
                        none,
                        "ACCOUNT_MANAGER",
                        "VIP_CHANNEL"),
                change(
                        "C2",
                        "A01",
                        T0,
                        Segment.HIGH,
                        82,
                        CreditGrade.B,
                        never,
                        none,
                        "ACCOUNT_MANAGER"),
                change(
                        "C3",
                        "A02",
                        T0,
                        Segment.LOW_RISKY,
                        60,
                        CreditGrade.C,
                        T0 + 10 * DAY,
                        none,
                        "PREPAID_METER",
                        "COLLECTION_FOLLOWUP"),
                change(
                        "C4",
                        null,
                        T0,
                        Segment.LOW_BASIC,
                        80,
                        CreditGrade.B,
                        never,
                        none,
                        "BASIC_SUPPLY"),
                change(
                        "C1",
                        "A01",
                        T0 + DAY,
                        Segment.MEDIUM,
                        74,
                        CreditGrade.B,
                        never,
                        offer,
                        "HOTLINE_95598",
                        "OFFPEAK_DISCOUNT_OFFER"),
                change(
                        "C3",
                        "A02",
                        T0 + 2 * DAY,
                        Segment.LOW_RISKY,
                        55,
                        CreditGrade.C,
                        never,
                        none,
                        "PREPAID_METER",
                        "COLLECTION_FOLLOWUP",
                        "WARNING"),
                change(
                        "C1",
                        "A01",
                        T0 + 3 * DAY,
                        Segment.HIGH,
                        90,
                        CreditGrade.A,
                        never,
                        none,
                        "ACCOUNT_MANAGER",
                        "VIP_CHANNEL"),
                change(
                        "C2",
                        "A01",
                        T0 + 3 * DAY,
                        Segment.HIGH,
                        84,
                        CreditGrade.B,
                        never,
                        none,
                        "ACCOUNT_MANAGER"));
    }

    /** strategy → (customer + status) rows of every point with that strategy tag. */
    private static Map<String, List<String>> points(InfluxQueryClient client) throws Exception {
        QueryResult all =
                client.query(
                        DB,
                        "SELECT \"customer\", \"status\" FROM \"worklist\" GROUP BY \"strategy\"");
        Map<String, List<String>> byStrategy = new HashMap<>();
        for (QueryResult.Series s : all.series()) {
            List<String> rows = new ArrayList<>();
            for (List<Object> row : s.rows()) {
                rows.add(row.get(1) + " " + row.get(2));
            }
            byStrategy.put(s.tags().get("strategy"), rows);
        }
        return byStrategy;
    }

    @Test
    @Timeout(180)
    void onePointPerCustomerAndListMarkedLeftWhenTheCustomerLeaves() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            new InfluxOutputs(InfluxSettings.of(influxd.url(), DB, null, null))
                    .segments(
                            env.fromData(records())
                                    .assignTimestampsAndWatermarks(
                                            WatermarkStrategy
                                                    .<SegmentChange>forMonotonousTimestamps()
                                                    .withTimestampAssigner(
                                                            (s, ts) -> s.tsMillis())));
            env.execute("worklists to influxdb");
            InfluxQueryClient client = new InfluxQueryClient(influxd.url());

            Map<String, List<String>> points = points(client);
            assertThat(points.get("ACCOUNT_MANAGER"))
                    .containsExactlyInAnyOrder("C1 LISTED", "C2 LISTED");
            assertThat(points.get("VIP_CHANNEL")).containsExactly("C1 LISTED");
            assertThat(points.get("HOTLINE_95598")).containsExactly("C1 LEFT");
            assertThat(points.get("OFFPEAK_DISCOUNT_OFFER")).containsExactly("C1 LEFT");
            assertThat(points.get("PREPAID_METER"))
                    .containsExactlyInAnyOrder("C3 LEFT", "C3 LISTED");
            assertThat(points.get("COLLECTION_FOLLOWUP"))
                    .containsExactlyInAnyOrder("C3 LEFT", "C3 LISTED");
            assertThat(points.get("WARNING")).containsExactly("C3 LISTED");
            assertThat(points.get("BASIC_SUPPLY")).containsExactly("C4 LISTED");

            // C1 came back to the account manager: its point listed again, since its return
            QueryResult managers =
                    client.query(
                            DB,
                            "SELECT \"customer\", \"area\", \"segment\", \"grade\", \"score\","
                                    + " \"since\", \"updated\", \"strategies\" FROM \"worklist\""
                                    + " WHERE \"status\" = 'LISTED' AND \"strategy\" ="
                                    + " 'ACCOUNT_MANAGER'");
            QueryResult.Series m = managers.series().get(0);
            Map<Object, List<Object>> rows = new HashMap<>();
            for (List<Object> row : m.rows()) {
                rows.put(row.get(1), row.subList(2, row.size()));
            }
            assertThat(rows.get("C1"))
                    .containsExactly(
                            "A01",
                            "HIGH",
                            "A",
                            90L,
                            T0 + 3 * DAY,
                            T0 + 3 * DAY,
                            "ACCOUNT_MANAGER,VIP_CHANNEL");
            assertThat(rows.get("C2"))
                    .containsExactly("A01", "HIGH", "B", 84L, T0, T0 + 3 * DAY, "ACCOUNT_MANAGER");

            // the MEDIUM list C1 left keeps its last numbers, marked LEFT
            QueryResult offpeak =
                    client.query(
                            DB,
                            "SELECT \"segment\", \"offpeak_saving\", \"offpeak_saving_with_shift\","
                                    + " \"updated\" FROM \"worklist\" WHERE \"strategy\" ="
                                    + " 'OFFPEAK_DISCOUNT_OFFER'");
            assertThat(offpeak.series().get(0).rows().get(0).subList(1, 5))
                    .containsExactly("MEDIUM", 233.2, 242.4, T0 + 3 * DAY);

            // C3's listed point has no next inspection any more; the old one holds it, LEFT
            QueryResult collection =
                    client.query(
                            DB,
                            "SELECT \"status\", \"next_inspection\", \"score\", \"since\" FROM"
                                    + " \"worklist\" WHERE \"strategy\" = 'COLLECTION_FOLLOWUP'");
            List<List<Object>> c3 =
                    collection.series().get(0).rows().stream().map(r -> r.subList(1, 5)).toList();
            assertThat(c3)
                    .containsExactlyInAnyOrder(
                            java.util.Arrays.asList("LEFT", T0 + 10 * DAY, 60L, T0),
                            java.util.Arrays.asList("LISTED", null, 55L, T0));

            QueryResult noArea =
                    client.query(
                            DB, "SELECT \"customer\" FROM \"worklist\" WHERE \"area\" = 'NONE'");
            assertThat(noArea.series().get(0).column("customer")).containsExactly("C4");
        }
    }
}
