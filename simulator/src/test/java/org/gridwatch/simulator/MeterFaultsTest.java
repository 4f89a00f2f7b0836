package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.event.MeterReading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meter faults ({@code --meter-faults}): checked against the same seed's run without them, whose
 * readings are each faulty meter's true series.
 */
class MeterFaultsTest {
    private static final int CUSTOMERS = 200;
    private static final int DAYS = 20;
    private static final long DAY = 86_400_000L;
    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final long RUN_START =
            START.atStartOfDay(EventTime.DEFAULT_ZONE).toInstant().toEpochMilli();

    @TempDir static Path dir;

    static SimulationConfig plain;
    static FleetFiles sound;
    static FleetFiles faulty;
    static Map<String, JsonNode> faults = new HashMap<>();

    @BeforeAll
    static void simulate() throws Exception {
        plain =
                SimulationConfig.of(CUSTOMERS, DAYS, 7)
                        .withFaults(FaultRates.NONE)
                        .withOutagesPerAreaYear(0)
                        .withTheft(TheftMix.of(0.1, 5));
        sound = FleetFiles.simulate(plain, dir.resolve("sound"));
        faulty = FleetFiles.simulate(plain.withMeterFaults(0.2), dir.resolve("faulty"));
        for (JsonNode n : faulty.truth("meterFault")) {
            faults.put(n.get("meterId").asText(), n);
        }
    }

    private static int dayOf(MeterReading r) {
        return (int) ((r.startMillis() - RUN_START) / DAY);
    }

    private static Map<String, List<MeterReading>> byMeter(List<MeterReading> rs) {
        return rs.stream().collect(Collectors.groupingBy(MeterReading::meterId));
    }

    private static int day(JsonNode fault, String field) {
        return (int) (LocalDate.parse(fault.get(field).asText()).toEpochDay() - START.toEpochDay());
    }

    @Test
    void aShareOfTheHonestMetersFailsInTurnInTheRunsMiddleHalf() {
        Set<String> thieves =
                faulty.truth("theft").stream()
                        .map(n -> n.get("meterId").asText())
                        .collect(Collectors.toSet());
        // a fifth of the 180 honest customers; never a thief
        assertThat(faults).hasSize(36);
        assertThat(faults.keySet()).doesNotContainAnyElementsOf(thieves);
        Map<String, Integer> perKind = new HashMap<>();
        for (JsonNode f : faults.values()) {
            String kind = f.get("kind").asText();
            perKind.merge(kind, 1, Integer::sum);
            int start = day(f, "start");
            int days = f.get("days").asInt();
            assertThat(start).isBetween(DAYS / 4, DAYS / 4 + DAYS / 2 - 1);
            assertThat(day(f, "end") - start).isEqualTo(days);
            if (kind.equals("silent")) {
                assertThat(days).isBetween(3, 14);
            } else {
                assertThat(kind).isEqualTo("intervals-zero");
                assertThat(days).isBetween(7, 28);
            }
        }
        assertThat(perKind.get("silent") - perKind.get("intervals-zero")).isBetween(0, 1);
    }

    @Test
    void aSilentMeterSendsNothingInItsDaysAndItsRegisterCoversThemAfter() {
        Map<String, List<MeterReading>> before = byMeter(sound.readings);
        Map<String, List<MeterReading>> after = byMeter(faulty.readings);
        int checked = 0;
        for (JsonNode f : faults.values()) {
            if (!f.get("kind").asText().equals("silent")) {
                continue;
            }
            String meter = f.get("meterId").asText();
            int start = day(f, "start");
            int end = day(f, "end");
            List<MeterReading> expected = new ArrayList<>();
            for (MeterReading r : before.get(meter)) {
                if (dayOf(r) < start || dayOf(r) >= end) {
                    expected.add(r);
                }
            }
            // the same readings as the sound run's, registers included, but none in the fault
            assertThat(after.get(meter)).as(meter).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void aMeterWithABrokenProfileChannelReportsZeroWhileItsRegisterCounts() {
        Map<String, List<MeterReading>> before = byMeter(sound.readings);
        Map<String, List<MeterReading>> after = byMeter(faulty.readings);
        int checked = 0;
        for (JsonNode f : faults.values()) {
            if (!f.get("kind").asText().equals("intervals-zero")) {
                continue;
            }
            String meter = f.get("meterId").asText();
            int start = day(f, "start");
            int end = day(f, "end");
            List<MeterReading> a = before.get(meter);
            List<MeterReading> b = after.get(meter);
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                MeterReading sound = a.get(i);
                MeterReading read = b.get(i);
                assertThat(read.endMillis()).isEqualTo(sound.endMillis());
                assertThat(read.registerKwh()).isEqualTo(sound.registerKwh());
                boolean broken = dayOf(sound) >= start && dayOf(sound) < end;
                assertThat(read.kwh()).isEqualTo(broken ? 0.0 : sound.kwh());
            }
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void withoutMeterFaultsTheRunIsAsItWas() throws Exception {
        FleetFiles.simulate(plain.withMeterFaults(0), dir.resolve("none"));
        for (String f : List.of("readings.jsonl", "truth.jsonl", "area-readings.jsonl")) {
            assertThat(Files.readAllLines(dir.resolve("none").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllLines(dir.resolve("sound").resolve(f)));
        }
        assertThatThrownBy(() -> plain.withMeterFaults(1.5))
                .hasMessage("meter faults must be a share 0..1, got 1.5");
    }
}
