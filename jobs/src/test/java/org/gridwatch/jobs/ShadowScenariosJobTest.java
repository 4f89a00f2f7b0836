package org.gridwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.io.CollectingOutputs;
import org.gridwatch.jobs.io.FileInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Live shadow scenarios in the monitor job, over a hand-made replay folder. */
class ShadowScenariosJobTest {

    @RegisterExtension static final MiniClusterExtension FLINK = LocalCluster.twoSlots();

    @TempDir Path dir;

    private static final String CER =
            "{\"name\":\"cer\",\"classes\":[\"RESIDENTIAL\"],\"response\":\"default\","
                    + "\"tariff\":{\"id\":\"cer-tou\","
                    + "\"source\":\"test\",\"sector\":\"residential\",\"days\":{\"normal\":["
                    + "\"00:00-08:00 valley\",\"08:00-17:00 flat\",\"17:00-19:00 peak\","
                    + "\"19:00-23:00 flat\",\"23:00-24:00 valley\"]},\"schedule\":[{\"months\":"
                    + "\"all\",\"day-types\":\"all\",\"day\":\"normal\"}],\"prices\":{\"flat\":"
                    + "0.5283,\"peak\":0.7547,\"valley\":0.4528}}}";

    @Test
    @Timeout(120)
    void pricesEachQuarterHourUnderEveryLiveScenarioAndStopsARemovedOne() throws Exception {
        Files.write(
                dir.resolve("customers.jsonl"),
                List.of(
                        "{\"customerId\":\"R\",\"meterId\":\"MR\",\"class\":\"RESIDENTIAL\","
                                + "\"areaId\":\"A1\",\"tariffId\":\"residential-tiered\","
                                + "\"prepaid\":false}",
                        "{\"customerId\":\"C\",\"meterId\":\"MC\",\"class\":\"COMMERCIAL\","
                                + "\"areaId\":\"A1\",\"tariffId\":\"commercial-tou\","
                                + "\"prepaid\":false}"));
        List<String> readings = new ArrayList<>();
        // 17:00–18:00 on Tuesday 2026-03-10, an hour each.
        readings.add(reading("MR", "2026-03-10T18:00:00+08:00", 1.0));
        readings.add(reading("MC", "2026-03-10T18:00:00+08:00", 10.0));
        Files.write(dir.resolve("readings.jsonl"), readings);
        Files.write(
                dir.resolve("tariff-scenarios.jsonl"),
                List.of(
                        CER,
                        CER.replace("\"name\":\"cer\"", "\"name\":\"gone\""),
                        "{\"name\":\"gone\",\"removed\":true}",
                        "{\"name\":\"bad\",\"classes\":[\"HOUSEHOLD\"]}"));

        CollectingOutputs out = new CollectingOutputs();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new MonitorJob(new FileInputs(dir), out, MonitorSettings.DEFAULT).execute(env);

        List<MetricPoint> shadow =
                out.metrics().stream().filter(p -> p.measurement().equals("shadow")).toList();
        assertThat(shadow).allSatisfy(p -> assertThat(p.tag("scenario")).isEqualTo("cer"));
        long quarter = at("2026-03-10T17:00");
        // The resident's quarter hour 17:00–17:15: 0.25 kWh, today 0.25 × 0.5283 = 0.132075 CNY,
        // under cer's peak (17–19) 0.25 × 0.7547 = 0.188675 CNY, all of it in cer's peak.
        MetricPoint resident =
                shadow.stream()
                        .filter(p -> p.timeMillis() == quarter)
                        .filter(p -> "RESIDENTIAL".equals(p.tag("class")))
                        .findFirst()
                        .orElseThrow();
        assertThat(resident.field("kwh")).isCloseTo(0.25, within(1e-9));
        assertThat(resident.field("revenue_today")).isCloseTo(0.132075, within(1e-9));
        assertThat(resident.field("revenue_scenario")).isCloseTo(0.188675, within(1e-9));
        assertThat(resident.field("peak_kwh")).isCloseTo(0.25, within(1e-9));
        // The shop is not in cer's classes: its 2.5 kWh keep today's peak price, 2.5 × 1.04.
        MetricPoint shop =
                shadow.stream()
                        .filter(p -> p.timeMillis() == quarter)
                        .filter(p -> "COMMERCIAL".equals(p.tag("class")))
                        .findFirst()
                        .orElseThrow();
        assertThat(shop.field("revenue_scenario")).isCloseTo(2.6, within(1e-9));
        assertThat(shop.field("revenue_scenario")).isEqualTo(shop.field("revenue_today"));
        // Four quarter hours × two classes, for the one scenario left.
        assertThat(shadow).hasSize(8);

        // Once the day is whole, the response: the resident's day has energy only from 17 to 18,
        // all in cer's peak, so substitution has nowhere to move it; the day's average price goes
        // from 0.5283 to 0.7547, and ε = −0.1 scales the day: 0.25 × (0.7547 / 0.5283)^−0.1 =
        // 0.25 × 0.964962 = 0.241240 kWh a quarter hour, at 0.7547 CNY.
        List<MetricPoint> responded =
                out.metrics().stream()
                        .filter(p -> p.measurement().equals("shadow_response"))
                        .toList();
        MetricPoint residentAfter =
                responded.stream()
                        .filter(p -> p.timeMillis() == quarter)
                        .filter(p -> "RESIDENTIAL".equals(p.tag("class")))
                        .findFirst()
                        .orElseThrow();
        assertThat(residentAfter.field("kwh")).isCloseTo(0.241240, within(1e-6));
        assertThat(residentAfter.field("revenue")).isCloseTo(0.241240 * 0.7547, within(1e-6));
        assertThat(residentAfter.field("peak_kwh")).isEqualTo(residentAfter.field("kwh"));
        // The shop keeps its load and its price.
        MetricPoint shopAfter =
                responded.stream()
                        .filter(p -> p.timeMillis() == quarter)
                        .filter(p -> "COMMERCIAL".equals(p.tag("class")))
                        .findFirst()
                        .orElseThrow();
        assertThat(shopAfter.field("kwh")).isCloseTo(2.5, within(1e-9));
        assertThat(shopAfter.field("revenue")).isCloseTo(2.6, within(1e-9));
        assertThat(responded).hasSize(8);
        assertThat(out.rejected())
                .filteredOn(r -> r.source().equals("tariff-scenarios"))
                .extracting(Rejected::reason)
                .containsExactly(RejectReason.BAD_SCENARIO);
    }

    private static String reading(String meter, String end, double kwh) {
        return "{\"meterId\":\"%s\",\"ts\":\"%s\",\"intervalMinutes\":60,\"kwh\":%s}"
                .formatted(meter, end, kwh);
    }

    private static long at(String local) {
        return OffsetDateTime.parse(local + ":00+08:00").toInstant().toEpochMilli();
    }
}
