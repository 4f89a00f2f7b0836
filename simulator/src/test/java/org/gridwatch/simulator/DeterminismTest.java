package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
    private static final String[] FILES = {
        "customers.jsonl",
        "readings.jsonl",
        "area-readings.jsonl",
        "payments.jsonl",
        "inspections.jsonl",
        "truth.jsonl"
    };

    @TempDir Path dir;

    private Path simulate(String name, SimulationConfig config) throws Exception {
        Path out = dir.resolve(name);
        try (FileFleetSink sink = new FileFleetSink(out)) {
            new FleetSimulator(config).run(sink, Progress.NONE);
        }
        return out;
    }

    @Test
    void writesTheSameFilesByteForByteForTheSameSeed() throws Exception {
        SimulationConfig config = SimulationConfig.of(300, 3, 11).withOutagesPerAreaYear(50);
        Path first = simulate("first", config);
        Path second = simulate("second", config);
        for (String f : FILES) {
            assertThat(Files.size(first.resolve(f))).as(f).isPositive();
            assertThat(Files.mismatch(first.resolve(f), second.resolve(f))).as(f).isEqualTo(-1);
        }
    }

    @Test
    void repeatsItselfWhenTheSameSimulatorRunsTwice() throws Exception {
        FleetSimulator simulator = new FleetSimulator(SimulationConfig.of(100, 2, 5));
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        simulator.run(first, Progress.NONE);
        simulator.run(second, Progress.NONE);
        assertThat(second.inputs).isEqualTo(first.inputs);
        assertThat(second.truth).isEqualTo(first.truth);
    }

    @Test
    void writesOtherReadingsForAnotherSeed() throws Exception {
        Path first = simulate("a", SimulationConfig.of(100, 1, 1));
        Path second = simulate("b", SimulationConfig.of(100, 1, 2));
        assertThat(
                        Files.mismatch(
                                first.resolve("readings.jsonl"), second.resolve("readings.jsonl")))
                .isNotEqualTo(-1);
    }

    @Test
    void changesOnlyTheDeliveryWhenFaultsAreSwitchedOff() throws Exception {
        SimulationConfig withFaults =
                SimulationConfig.of(200, 2, 3).withFaults(FaultRates.each(0.02, 120));
        RecordingSink faulty = new RecordingSink();
        RecordingSink clean = new RecordingSink();
        SimulationSummary f = new FleetSimulator(withFaults).run(faulty, Progress.NONE);
        SimulationSummary c =
                new FleetSimulator(withFaults.withFaults(FaultRates.NONE))
                        .run(clean, Progress.NONE);

        assertThat(
                        c.duplicates()
                                + c.missing()
                                + c.late()
                                + c.overlapping()
                                + c.areaDuplicates()
                                + c.areaOverlapping())
                .isZero();
        assertThat(c.readingLines()).isEqualTo(c.readings()).isEqualTo(f.readings());
        assertThat(c.areaReadingLines()).isEqualTo(c.areaReadings()).isEqualTo(f.areaReadings());
        assertThat(clean.truth).noneMatch(t -> t.contains("\"type\":\"fault\""));
        Map<String, String> cleanByKey = readingsByKey(clean);
        Map<String, String> faultyByKey = readingsByKey(faulty);
        assertThat(f.overlapping()).isPositive();
        assertThat(faultyByKey).hasSize((int) (f.readings() - f.missing() + f.overlapping()));
        // every reading of the clean run is there unchanged; the others are the re-sent ones
        long resent = 0;
        for (Map.Entry<String, String> e : faultyByKey.entrySet()) {
            if (cleanByKey.containsKey(e.getKey())) {
                assertThat(e.getValue()).isEqualTo(cleanByKey.get(e.getKey()));
            } else {
                resent++;
            }
        }
        assertThat(resent).isEqualTo(f.overlapping());
        assertThat(f.areaDuplicates() + f.areaOverlapping()).isPositive();
        assertThat(firstQuarterHourOfEachArea(faulty)).isEqualTo(areaLines(clean));
    }

    /** Readings by meter, end and interval: a duplicate is one entry with its original. */
    private static Map<String, String> readingsByKey(RecordingSink sink) {
        EventCodec codec = new EventCodec();
        Map<String, String> out = new HashMap<>();
        for (RecordingSink.Input in : sink.inputs) {
            if (in.source() == Source.METER_READINGS) {
                MeterReading r = ((Parsed.Ok<MeterReading>) codec.parseReading(in.json())).value();
                out.put(r.meterId() + "@" + r.endMillis() + "/" + r.intervalMinutes(), in.json());
            }
        }
        return out;
    }

    private static List<String> areaLines(RecordingSink sink) {
        List<String> out = new ArrayList<>();
        for (RecordingSink.Input in : sink.inputs) {
            if (in.source() == Source.AREA_READINGS) {
                out.add(in.json());
            }
        }
        return out;
    }

    /** The area readings less their second copies and the hours sent again. */
    private static List<String> firstQuarterHourOfEachArea(RecordingSink sink) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String line : areaLines(sink)) {
            if (line.contains("\"intervalMinutes\":15,") && seen.add(line)) {
                out.add(line);
            }
        }
        return out;
    }
}
