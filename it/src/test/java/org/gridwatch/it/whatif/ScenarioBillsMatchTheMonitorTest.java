package org.gridwatch.it.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.embedded.ScratchFolder;
import org.gridwatch.it.Fleets;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.PricingFiles;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.FileOutputs;
import org.gridwatch.jobs.whatif.WhatIfJob;
import org.gridwatch.jobs.whatif.WhatIfReport;
import org.gridwatch.jobs.whatif.WhatIfSettings;
import org.gridwatch.simulator.FaultRates;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The what-if's bills against the monitor's on a fleet, to the fen: a scenario without response
 * gives each class the revenue the real monitor job bills when that scenario's tariff is today's.
 *
 * <p>A month of 200 customers read whole (no delivery faults: nothing for the monitor to estimate,
 * which the what-if does not do), January 2026, which the replay bills. The monitor runs with a
 * tariff file in which {@code residential-tiered} is the scenario's tariff (CER periods, the same
 * annual tiers); the what-if runs with today's presets and the scenario for RESIDENTIAL. Its
 * residential revenue after must be the monitor's residential bills, and every other class's
 * revenue (before and after, unchanged) the monitor's bills of that class: two engines of pricing
 * (the job's keyed month of readings and bills, and the signature's) over the same readings.
 */
class ScenarioBillsMatchTheMonitorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CER_DAY =
            "[\"00:00-08:00 valley\", \"08:00-17:00 flat\", \"17:00-19:00 peak\","
                    + " \"19:00-23:00 flat\", \"23:00-24:00 valley\"]";

    private static final String SCENARIO =
            """
            scenarios:
              - name: cer-tiered
                classes: [RESIDENTIAL]
                response: none
                tariff:
                  id: residential-cer
                  source: "CER tariff A ratios with the residential tiers"
                  sector: residential
                  days: {every-day: %s}
                  schedule: [{months: all, day-types: all, day: every-day}]
                  prices: {flat: 0.5283, peak: 0.7547, valley: 0.4528}
                  tiers:
                    basis: annual
                    steps:
                      - {up-to-kwh: 2160, add: 0}
                      - {up-to-kwh: 4200, add: 0.05}
                      - {add: 0.30}
            """
                    .formatted(CER_DAY);

    @TempDir Path dir;

    @Test
    void aScenarioBillsEachClassAsTheMonitorBillsItsTariff() throws Exception {
        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(
                SimulationConfig.of(200, 31, 2041)
                        .withStart(LocalDate.of(2026, 1, 1))
                        .withFaults(FaultRates.NONE),
                fleet);

        // The monitor, with the scenario's tariff as residential-tiered.
        String presets =
                new String(
                        PricingFiles.class
                                .getResourceAsStream("/tariffs/presets.yaml")
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
        String flatDay = "      every-day: [\"00:00-24:00 flat\"]\n";
        int residential = presets.indexOf("  - id: residential-tiered\n");
        int day = presets.indexOf(flatDay, residential);
        int prices = presets.indexOf("      flat: 0.5283\n", day);
        assertThat(day).as("the presets' residential day").isPositive();
        String cerPresets =
                presets.substring(0, day)
                        + "      every-day: "
                        + CER_DAY
                        + "\n"
                        + presets.substring(day + flatDay.length(), prices)
                        + "      flat: 0.5283\n      peak: 0.7547\n      valley: 0.4528\n"
                        + presets.substring(prices + "      flat: 0.5283\n".length());
        Path tariffs = dir.resolve("cer-presets.yaml");
        Files.writeString(tariffs, cerPresets);
        Path monitorOut = dir.resolve("monitor");
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        MonitorSettings settings =
                MonitorSettings.DEFAULT
                        .withPricing(PricingFiles.SHIPPED.withTariffs(tariffs))
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withCheckpointDir(
                                ScratchFolder.deletedAtExit("gridwatch-checkpoints-")
                                        .toUri()
                                        .toString());
        new MonitorJob(
                        new FileInputs(fleet),
                        new FileOutputs(monitorOut, settings.zone()),
                        settings)
                .execute(env);

        // The what-if, today's presets and the scenario.
        Path whatifOut = dir.resolve("whatif");
        StreamExecutionEnvironment batch =
                StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        new WhatIfJob(
                        new WhatIfSettings(
                                fleet.toString(),
                                null,
                                whatifOut.toString(),
                                PricingFiles.SHIPPED,
                                "cer.yaml",
                                SCENARIO,
                                null,
                                0L))
                .build(batch);
        batch.execute("what-if against the monitor");

        Map<String, String> classOf = new HashMap<>();
        for (String line : Files.readAllLines(fleet.resolve("customers.jsonl"))) {
            JsonNode c = JSON.readTree(line);
            classOf.put(c.get("customerId").asText(), c.get("class").asText());
        }
        Map<String, BigDecimal> billed = new TreeMap<>();
        int bills = 0;
        for (String line : Files.readAllLines(monitorOut.resolve("bills.jsonl"))) {
            JsonNode b = JSON.readTree(line);
            assertThat(b.get("period").asText()).isEqualTo("2026-01");
            billed.merge(
                    classOf.get(b.get("customerId").asText()),
                    b.get("amount").decimalValue(),
                    BigDecimal::add);
            bills++;
        }
        assertThat(bills).as("every customer billed for January").isEqualTo(200);

        List<String> lines = Files.readAllLines(whatifOut.resolve(WhatIfReport.CSV));
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, String[]> rows = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            rows.put(v[1], v);
        }
        int after = header.indexOf("revenue_after_cny");
        assertThat(billed).containsKey("RESIDENTIAL").hasSizeGreaterThan(3);
        for (Map.Entry<String, BigDecimal> e : billed.entrySet()) {
            assertThat(new BigDecimal(rows.get(e.getKey())[after]))
                    .as("%s: the what-if's revenue under the scenario", e.getKey())
                    .isEqualByComparingTo(e.getValue());
        }
    }
}
