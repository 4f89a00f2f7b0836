package org.gridwatch.it.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.gridwatch.it.Fleets;
import org.gridwatch.jobs.io.FileInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rooftop arrays behind net meters, through the real job. Twelve households of one area read every
 * half hour for 70 days; from day 40 six of them have an array of 4 kWp installed, which covers the
 * house's use in daylight and sends the rest back ({@code exportKwh}), and one has its meter wired
 * to count the house's use as export, day and night. The arrays' households are no THEFT suspects
 * (their meters send energy back in daylight only, and their days are compared on the hours they
 * did not: docs/detection.md, "Session 37"); the reversed meter is, with the night it ran backwards
 * as its evidence. Before session 37, an array's installation read as a drop with zeros, a vanished
 * standby and reverse energy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RooftopArraysJobTest {
    private static final int HOUSEHOLDS = 12;
    private static final int DAYS = 70;
    private static final int INSTALLED = 40;
    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String REVERSED = "C06";

    @TempDir static Path dir;
    private final ObjectMapper json = new ObjectMapper();

    /** Customer id to its THEFT alerts (every version). */
    private final Map<String, List<JsonNode>> theft = new HashMap<>();

    private static boolean hasArray(int household) {
        return household < 6;
    }

    /** A steady household's use in the half hour {@code slot}, kWh. */
    private static double use(int slot, SplittableRandom random) {
        int hour = slot / 2;
        double kw = hour < 6 ? 0.3 : hour < 9 ? 1.0 : hour < 17 ? 0.5 : hour < 22 ? 2.0 : 0.5;
        return 0.5 * kw * (0.9 + 0.2 * random.nextDouble());
    }

    /** A 4 kWp array's output in the half hour {@code slot} under a sky of {@code clearness}. */
    private static double array(int slot, double clearness) {
        double hour = slot / 2.0 + 0.25;
        if (hour < 6 || hour > 18) {
            return 0;
        }
        return 0.5 * 4 * 0.8 * Math.sin(Math.PI * (hour - 6) / 12) * clearness;
    }

    @BeforeAll
    void replay() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        List<String> customers = new ArrayList<>();
        for (int h = 0; h < HOUSEHOLDS; h++) {
            customers.add(
                    String.format(
                            "{\"customerId\":\"C%02d\",\"meterId\":\"M%02d\","
                                    + "\"class\":\"RESIDENTIAL\",\"areaId\":\"A1\","
                                    + "\"tariffId\":\"residential-tiered\",\"prepaid\":false}",
                            h, h));
        }
        Files.write(in.resolve("customers.jsonl"), customers);
        SplittableRandom random = new SplittableRandom(37);
        List<String> readings = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            double clearness = 0.3 + 0.7 * random.nextDouble(); // the area's sky that day
            for (int slot = 0; slot < 48; slot++) {
                String ts =
                        FIRST.plusDays(d)
                                .atStartOfDay(ZONE)
                                .plusMinutes(30L * (slot + 1))
                                .toOffsetDateTime()
                                .toString();
                for (int h = 0; h < HOUSEHOLDS; h++) {
                    double use = use(slot, random);
                    double imported = use;
                    double exported = 0;
                    if (d >= INSTALLED && hasArray(h)) {
                        double pv = array(slot, clearness);
                        imported = Math.max(0, use - pv);
                        exported = Math.max(0, pv - use);
                    } else if (d >= INSTALLED && String.format("C%02d", h).equals(REVERSED)) {
                        imported = 0;
                        exported = use;
                    }
                    readings.add(
                            String.format(
                                    Locale.ROOT,
                                    "{\"meterId\":\"M%02d\",\"ts\":\"%s\",\"intervalMinutes\":30,"
                                            + "\"kwh\":%.3f,\"exportKwh\":%.3f}",
                                    h,
                                    ts,
                                    imported,
                                    exported));
                }
            }
        }
        Files.write(in.resolve("readings.jsonl"), readings);
        Path out = dir.resolve("out");
        Fleets.monitor(new FileInputs(in), out, s -> s.withZone(ZONE));
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            JsonNode a = json.readTree(line);
            if ("THEFT".equals(a.get("type").asText())) {
                theft.computeIfAbsent(a.get("customerId").asText(), k -> new ArrayList<>()).add(a);
            }
        }
    }

    @Test
    void aHouseholdWithAnArrayIsNoSuspect() {
        for (int h = 0; h < HOUSEHOLDS; h++) {
            String customer = String.format("C%02d", h);
            if (!customer.equals(REVERSED)) {
                assertThat(theft.get(customer)).as("THEFT alerts of %s", customer).isNull();
            }
        }
    }

    @Test
    void aMeterThatRunsBackwardsAtNightIsASuspectWithTheNightAsEvidence() {
        assertThat(theft.get(REVERSED)).isNotEmpty();
        JsonNode last = theft.get(REVERSED).get(theft.get(REVERSED).size() - 1);
        assertThat(last.get("evidence").has("reverseEnergyOn")).as(last.toString()).isTrue();
        String opened = last.get("alertId").asText();
        LocalDate from =
                LocalDate.parse(
                        opened.substring(opened.lastIndexOf(':') + 1),
                        DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(from).isBetween(FIRST.plusDays(INSTALLED), FIRST.plusDays(INSTALLED + 7));
    }
}
