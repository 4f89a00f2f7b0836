package org.gridwatch.jobs.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.jobs.LocalCluster;
import org.gridwatch.jobs.PricingFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The what-if job in a MiniCluster, over a hand-made history whose bills are worked by hand. */
class WhatIfJobTest {

    @RegisterExtension static final MiniClusterExtension FLINK = LocalCluster.twoSlots();

    @TempDir Path dir;

    private static final String SCENARIOS =
            """
            scenarios:
              - name: cer
                classes: [RESIDENTIAL]
                tariff:
                  id: cer-tou
                  source: test
                  sector: residential
                  days: {normal: ["00:00-08:00 valley", "08:00-17:00 flat", "17:00-19:00 peak", "19:00-23:00 flat", "23:00-24:00 valley"]}
                  schedule: [{months: all, day-types: all, day: normal}]
                  prices: {flat: 0.5283, peak: 0.7547, valley: 0.4528}
                response: none
            """;

    @Test
    void pricesEachCustomerUnderTheScenarioAndTodayAsWorkedByHand() throws Exception {
        List<String> readings = new ArrayList<>();
        for (int hour = 1; hour <= 24; hour++) {
            String end =
                    hour == 24
                            ? "2026-03-11T00:00:00+08:00"
                            : "2026-03-10T%02d:00:00+08:00".formatted(hour);
            readings.add(reading("MR", end, 1.0));
            readings.add(reading("MC", end, 10.0));
        }
        readings.add(reading("MR", "2026-03-10T05:00:00+08:00", 1.0)); // delivered twice
        readings.add(reading("MX", "2026-03-10T05:00:00+08:00", 3.0)); // no customer has MX
        Files.write(dir.resolve("readings.jsonl"), readings);
        Files.write(
                dir.resolve("customers.jsonl"),
                List.of(
                        "{\"customerId\":\"R\",\"meterId\":\"MR\",\"class\":\"RESIDENTIAL\","
                                + "\"areaId\":\"A1\",\"tariffId\":\"residential-tiered\","
                                + "\"prepaid\":false}",
                        "{\"customerId\":\"C\",\"meterId\":\"MC\",\"class\":\"COMMERCIAL\","
                                + "\"areaId\":\"A1\",\"tariffId\":\"commercial-tou\","
                                + "\"prepaid\":false}"));
        Path segments = dir.resolve("segments.jsonl");
        Files.write(
                segments,
                List.of(
                        "{\"customerId\":\"R\",\"segment\":\"MEDIUM\"}",
                        "{\"customerId\":\"C\",\"segment\":\"HIGH\"}"));
        Path out = dir.resolve("out");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new WhatIfJob(
                        new WhatIfSettings(
                                dir.toString(),
                                segments.toString(),
                                out.toString(),
                                PricingFiles.SHIPPED,
                                "test.yaml",
                                SCENARIOS,
                                null,
                                0L))
                .build(env);
        env.execute("what-if test");

        Map<String, Map<String, String>> rows = rows(out.resolve(WhatIfReport.CSV));
        // R: 1 kWh an hour on Tuesday 2026-03-10 (a workday), 24 kWh. Today residential-tiered:
        // 24 × 0.5283 = 12.6792 → 12.68 (tier 1). Under cer: valley 00–08 and 23–24, 9 kWh ×
        // 0.4528 = 4.0752 → 4.08; flat 08–17 and 19–23, 13 × 0.5283 = 6.8679 → 6.87; peak 17–19,
        // 2 × 0.7547 = 1.5094 → 1.51; 12.46 in all: 0.22 less.
        Map<String, String> residential = rows.get("RESIDENTIAL");
        assertEquals("12.68", residential.get("revenue_before_cny"));
        assertEquals("12.46", residential.get("revenue_after_cny"));
        assertEquals("-0.22", residential.get("bill_change_p50_cny"));
        assertEquals("0.0000", residential.get("share_paying_more"));
        assertEquals("24.000", residential.get("kwh_before"));
        assertEquals("2.000", residential.get("peak_kwh_before"));
        // C: 10 kWh an hour on commercial-tou, not in the scenario: valley 00–07 and 11–13, 90 kWh
        // × 0.2925 = 26.325 → 26.33; flat 07–08, 13–17, 23–24, 60 × 0.65 = 39.00; peak 08–11 and
        // 17–23, 90 × 1.04 = 93.60: 158.93, the same after.
        Map<String, String> commercial = rows.get("COMMERCIAL");
        assertEquals("158.93", commercial.get("revenue_before_cny"));
        assertEquals("158.93", commercial.get("revenue_after_cny"));
        assertEquals("0", commercial.get("opted_in"));
        Map<String, String> all = rows.get("ALL");
        assertEquals("2", all.get("customers"));
        assertEquals("171.61", all.get("revenue_before_cny"));
        assertEquals("171.39", all.get("revenue_after_cny"));
        // the scenario's peak hours 17–19: R's 2 kWh and C's 20 kWh.
        assertEquals("22.000", all.get("peak_kwh_before"));
        // One workday; the average workday load at 17:00 is 1 + 10 kWh in each half hour of 0.5 h
        // → (0.5 + 5) / 0.5 = 11 kW, the same all day: peak = valley = 11 kW, load factor 1.
        assertEquals("11.000", all.get("system_peak_kw_before"));
        assertEquals("1.0000", all.get("load_factor_before"));

        Map<String, Map<String, String>> bySegment = rows(out.resolve(WhatIfReport.SEGMENTS_CSV));
        assertEquals("-0.22", bySegment.get("MEDIUM").get("bill_change_p50_cny"));
        assertEquals("0.00", bySegment.get("HIGH").get("bill_change_p50_cny"));
        String html = Files.readString(out.resolve(WhatIfReport.HTML), StandardCharsets.UTF_8);
        assertTrue(
                html.contains("\"revenue_after_cny\":\"171.39\""),
                "the page carries the CSV's figures");
        assertTrue(html.length() > 500_000, "ECharts is inlined");
    }

    private static String reading(String meter, String end, double kwh) {
        return "{\"meterId\":\"%s\",\"ts\":\"%s\",\"intervalMinutes\":60,\"kwh\":%s}"
                .formatted(meter, end, kwh);
    }

    private static Map<String, Map<String, String>> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], v[i]);
            }
            rows.put(v[1], row);
        }
        return rows;
    }
}
