package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.detect.AttackKind;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Theft injected from its start day: checked against the same seed's run without theft, whose
 * readings are each thief's honest series.
 */
class TheftTest {
    private static final int CUSTOMERS = 240;
    private static final int DAYS = 8;
    private static final int START = 4;
    private static final long DAY = 86_400_000L;
    private static final long RUN_START =
            LocalDate.of(2026, 1, 1)
                    .atStartOfDay(EventTime.DEFAULT_ZONE)
                    .toInstant()
                    .toEpochMilli();

    @TempDir static Path dir;

    static SimulationConfig honestConfig;
    static SimulationConfig theftConfig;
    static FleetFiles honest;
    static FleetFiles theft;

    /** meterId -> day -> the day's readings' Wh, in time order. */
    static Map<String, Map<Integer, List<Long>>> honestDays;

    static Map<String, Map<Integer, List<Long>>> theftDays;
    static Map<String, JsonNode> thieves = new HashMap<>();

    @BeforeAll
    static void simulate() throws Exception {
        honestConfig =
                SimulationConfig.of(CUSTOMERS, DAYS, 42)
                        .withFaults(FaultRates.NONE)
                        .withOutagesPerAreaYear(0);
        theftConfig = honestConfig.withTheft(TheftMix.of(0.25, START));
        honest = FleetFiles.simulate(honestConfig, dir.resolve("honest"));
        theft = FleetFiles.simulate(theftConfig, dir.resolve("theft"));
        honestDays = byMeterAndDay(honest.readings);
        theftDays = byMeterAndDay(theft.readings);
        for (JsonNode n : theft.truth("theft")) {
            thieves.put(n.get("meterId").asText(), n);
        }
    }

    private static Map<String, Map<Integer, List<Long>>> byMeterAndDay(List<MeterReading> rs) {
        Map<String, Map<Integer, List<Long>>> out = new HashMap<>();
        for (MeterReading r : rs) {
            int day = (int) ((r.startMillis() - RUN_START) / DAY);
            out.computeIfAbsent(r.meterId(), k -> new TreeMap<>())
                    .computeIfAbsent(day, k -> new ArrayList<>())
                    .add(FleetFiles.wh(r.kwh()));
        }
        return out;
    }

    private static long sum(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void everyKindHasTheSameNumberOfThievesAndEachIsInTheTruth() {
        assertThat(thieves).hasSize(60);
        Map<String, Integer> perKind = new TreeMap<>();
        for (JsonNode n : thieves.values()) {
            perKind.merge(n.get("attack").asText(), 1, Integer::sum);
            assertThat(n.get("start").asText()).isEqualTo("2026-01-05");
            assertThat(n.get("areaId").asText()).startsWith("A");
        }
        assertThat(perKind)
                .hasSize(AttackKind.values().length)
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(5));
        assertThat(theft.truth("stolen")).hasSize(60);
    }

    @Test
    void readingsBeforeTheStartAreByteForByteTheHonestRunsAndNoneAfterForHonestMeters()
            throws Exception {
        String firstAttacked = "\"ts\":\"2026-01-05T00:15:00+08:00\"";
        List<String> a = Files.readAllLines(dir.resolve("honest/readings.jsonl"));
        List<String> b = Files.readAllLines(dir.resolve("theft/readings.jsonl"));
        int cut = 0;
        while (!a.get(cut).contains(firstAttacked)) {
            cut++;
        }
        assertThat(cut).isGreaterThan(CUSTOMERS * 96 * 3);
        assertThat(b.subList(0, cut)).isEqualTo(a.subList(0, cut));
        assertThat(b.get(cut)).contains(firstAttacked);
        for (String meter : honestDays.keySet()) {
            if (!thieves.containsKey(meter)) {
                assertThat(theftDays.get(meter)).as(meter).isEqualTo(honestDays.get(meter));
            }
        }
    }

    @Test
    void attackedDaysReportWhatTheKindImplies() {
        for (Map.Entry<String, JsonNode> e : thieves.entrySet()) {
            JsonNode t = e.getValue();
            AttackKind kind = AttackKind.parse(t.get("attack").asText());
            JsonNode params = t.get("params");
            for (int d = START; d < DAYS; d++) {
                List<Long> x = honestDays.get(e.getKey()).get(d);
                List<Long> y = theftDays.get(e.getKey()).get(d);
                int n = x.size();
                long total = sum(x);
                long max = x.stream().mapToLong(Long::longValue).max().orElse(0);
                String what = kind + " " + e.getKey() + " day " + d;
                assertThat(y).as(what).hasSize(n);
                double slack = n / 2.0 + 1;
                switch (kind) {
                    case SCALE ->
                            assertThat((double) sum(y))
                                    .as(what)
                                    .isCloseTo(
                                            params.get("level").asDouble() * total, within(slack));
                    case RAMP -> {
                        double progress =
                                Math.min(1.0, (d - START) / params.get("rampDays").asDouble());
                        double factor = 1 - progress * (1 - params.get("level").asDouble());
                        assertThat((double) sum(y))
                                .as(what)
                                .isCloseTo(factor * total, within(slack));
                    }
                    case SWAP ->
                            assertThat((double) sum(y))
                                    .as(what)
                                    .isCloseTo(
                                            params.get("level").asDouble() * total, within(slack));
                    case FLAT_MEAN -> {
                        assertThat((double) sum(y)).as(what).isCloseTo(total, within(slack));
                        for (long v : y) {
                            assertThat((double) v)
                                    .as(what)
                                    .isCloseTo((double) total / n, within(0.51));
                        }
                    }
                    case REVERSED -> {
                        for (int i = 0; i < n; i++) {
                            assertThat(y.get(i)).as(what).isEqualTo(x.get(n - 1 - i));
                        }
                    }
                    case PEAK_SHIFT ->
                            assertThat((double) sum(y)).as(what).isCloseTo(total, within(slack));
                    case CAP -> {
                        double cap = params.get("level").asDouble() * max;
                        for (int i = 0; i < n; i++) {
                            assertThat((double) y.get(i))
                                    .as(what)
                                    .isCloseTo(Math.min(x.get(i), cap), within(0.51));
                        }
                    }
                    case ZERO_WINDOW -> {
                        int first = -1;
                        int last = -1;
                        for (int i = 0; i < n; i++) {
                            if (!y.get(i).equals(x.get(i))) {
                                assertThat(y.get(i)).as(what).isZero();
                                first = first < 0 ? i : first;
                                last = i;
                            }
                        }
                        // The changed readings lie inside one window of 4 to 12 hours.
                        assertThat(last - first + 1).as(what).isLessThanOrEqualTo(12 * n / 24);
                    }
                    case RANDOM_SCALE -> {
                        for (int i = 0; i < n; i++) {
                            assertThat(y.get(i))
                                    .as(what)
                                    .isBetween(
                                            (long) Math.floor(0.1 * x.get(i) - 0.5),
                                            (long) Math.ceil(0.8 * x.get(i) + 0.5));
                        }
                    }
                    case RANDOM_OF_MEAN -> {
                        double mean = (double) total / n;
                        for (long v : y) {
                            assertThat((double) v)
                                    .as(what)
                                    .isBetween(0.1 * mean - 0.5, 0.8 * mean + 0.5);
                        }
                    }
                    case ON_OFF -> {
                        for (int i = 0; i < n; i++) {
                            assertThat(y.get(i)).as(what).isIn(0L, x.get(i));
                        }
                    }
                    case BYPASS -> assertThat(y).as(what).isEqualTo(x);
                }
            }
        }
    }

    @Test
    void registersAdvanceByTheReportedEnergyButForOneRollback() {
        Map<String, MeterReading> last = new HashMap<>();
        int rollbacks = 0;
        for (MeterReading r : theft.readings) {
            MeterReading before = last.put(r.meterId(), r);
            if (before == null) {
                continue;
            }
            long step = FleetFiles.wh(r.registerKwh()) - FleetFiles.wh(before.registerKwh());
            JsonNode t = thieves.get(r.meterId());
            long back = 0;
            if (t != null
                    && t.get("registerRollback").asBoolean()
                    && new EventTime(EventTime.DEFAULT_ZONE)
                            .format(r.endMillis())
                            .equals(t.get("rollbackTs").asText())) {
                back = FleetFiles.wh(t.get("rollbackKwh").asDouble());
                assertThat(back).isPositive();
                rollbacks++;
            }
            assertThat(step).as(r.toString()).isEqualTo(FleetFiles.wh(r.kwh()) - back);
        }
        long planned =
                thieves.values().stream()
                        .filter(t -> t.get("registerRollback").asBoolean())
                        .count();
        assertThat(rollbacks).isEqualTo(planned).isPositive();
    }

    @Test
    void theAreaSupplyCarriesTheTrueEnergyAndTheBypassLoad() {
        // Without a bypass the area's true consumption is the honest run's: its supply readings
        // are the same, while its meters report less.
        Map<String, Boolean> bypassArea = new HashMap<>();
        for (JsonNode t : thieves.values()) {
            bypassArea.merge(
                    t.get("areaId").asText(),
                    t.get("attack").asText().equals("bypass"),
                    Boolean::logicalOr);
        }
        for (int i = 0; i < honest.areaReadings.size(); i++) {
            var h = honest.areaReadings.get(i);
            var s = theft.areaReadings.get(i);
            assertThat(s.endMillis()).isEqualTo(h.endMillis());
            if (bypassArea.getOrDefault(h.areaId(), false)
                    && h.endMillis() > RUN_START + START * DAY) {
                assertThat(s.kwh()).isGreaterThanOrEqualTo(h.kwh());
            } else {
                assertThat(s).isEqualTo(h);
            }
        }
        // Supply less the readings, as consumption less metered energy per area: grows by what
        // the area's thieves stole, the honest run's readings less theirs plus the bypass load.
        Map<String, Long> gap = new HashMap<>();
        for (JsonNode d : theft.truth("area-day")) {
            long g =
                    FleetFiles.wh(d.get("consumedKwh").asDouble())
                            - FleetFiles.wh(d.get("kwh").asDouble());
            gap.merge(d.get("areaId").asText(), g, Long::sum);
            if (LocalDate.parse(d.get("date").asText()).isBefore(LocalDate.of(2026, 1, 5))) {
                assertThat(g).isZero();
            }
        }
        Map<String, Long> expected = new HashMap<>();
        Map<String, JsonNode> stolen = new HashMap<>();
        for (JsonNode s : theft.truth("stolen")) {
            stolen.put("M" + s.get("customerId").asText().substring(1), s);
        }
        for (Map.Entry<String, JsonNode> e : thieves.entrySet()) {
            long unmetered = 0;
            for (int d = START; d < DAYS; d++) {
                unmetered +=
                        sum(honestDays.get(e.getKey()).get(d))
                                - sum(theftDays.get(e.getKey()).get(d));
            }
            long bypass = FleetFiles.wh(stolen.get(e.getKey()).get("bypassKwh").asDouble());
            assertThat(bypass > 0).isEqualTo(e.getValue().get("attack").asText().equals("bypass"));
            assertThat(FleetFiles.wh(stolen.get(e.getKey()).get("stolenKwh").asDouble()))
                    .isEqualTo(unmetered + bypass);
            expected.merge(e.getValue().get("areaId").asText(), unmetered + bypass, Long::sum);
        }
        for (Map.Entry<String, Long> e : gap.entrySet()) {
            assertThat(e.getValue())
                    .as(e.getKey())
                    .isEqualTo(expected.getOrDefault(e.getKey(), 0L));
        }
    }

    @Test
    void tamperFlagsAreOnTheFirstAttackedReadingOrSpurious() {
        EventTime time = new EventTime(EventTime.DEFAULT_ZONE);
        Map<String, String> flagged = new HashMap<>();
        for (MeterReading r : theft.readings) {
            for (MeterEvent e : MeterEvent.decode(r.events())) {
                if (e == MeterEvent.COVER_OPEN || e == MeterEvent.MAGNETIC_TAMPER) {
                    assertThat(flagged.put(r.meterId(), e + "@" + time.format(r.endMillis())))
                            .isNull();
                }
            }
        }
        Map<String, String> expected = new HashMap<>();
        for (JsonNode t : thieves.values()) {
            if (!t.get("tamper").isNull()) {
                expected.put(
                        t.get("meterId").asText(),
                        t.get("tamper").asText() + "@" + t.get("tamperTs").asText());
            }
        }
        for (JsonNode s : theft.truth("spurious-event")) {
            expected.put(
                    s.get("meterId").asText(),
                    s.get("event").asText() + "@" + s.get("ts").asText());
        }
        assertThat(flagged).isEqualTo(expected);
        assertThat(expected).hasSizeBetween(8, 30);
    }

    @Test
    void theSameSeedGivesTheSameFiles() throws Exception {
        FleetFiles.simulate(theftConfig, dir.resolve("again"));
        for (String f :
                List.of(
                        "customers.jsonl",
                        "readings.jsonl",
                        "area-readings.jsonl",
                        "payments.jsonl",
                        "truth.jsonl")) {
            assertThat(
                            Files.mismatch(
                                    dir.resolve("theft").resolve(f),
                                    dir.resolve("again").resolve(f)))
                    .as(f)
                    .isEqualTo(-1L);
        }
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> TheftMix.of(1.5, 0))
                .hasMessage("thieves must be a share 0..1, got 1.5");
        assertThatThrownBy(() -> SimulationConfig.of(10, 4, 1).withTheft(TheftMix.of(0.1, 4)))
                .hasMessage("theft start (day 4) must lie within the run's days 0..3");
        assertThatThrownBy(() -> TheftMix.parseKinds("scale,nope"))
                .hasMessageStartingWith("unknown attack kind 'nope'; known: scale, zero-window");
        assertThat(TheftMix.parseKinds("Zero-Window, scale,zero_window"))
                .containsExactly(AttackKind.SCALE, AttackKind.ZERO_WINDOW);
        assertThat(TheftMix.of(0.001, 0).thieves(10)).isEqualTo(1);
        assertThat(TheftMix.NONE.thieves(1000)).isZero();
        assertThat(TheftMix.of(0.05, TheftMix.MIDDLE).firstDay(90)).isEqualTo(45);
    }
}
