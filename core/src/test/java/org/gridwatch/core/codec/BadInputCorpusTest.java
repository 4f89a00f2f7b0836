package org.gridwatch.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the integration test's bad-input corpus right: each line's broken record gets exactly the
 * reason the line expects from the codec alone, so when the whole monitor rejects it for another
 * reason, the monitor is wrong, not the corpus.
 */
class BadInputCorpusTest {

    /** Relative to the core module, where Maven runs this test. */
    private static final Path CORPUS = Path.of("../it/src/test/resources/bad-input/corpus.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The reasons that need state (the customer master, earlier readings, the stream's progress):
     * not the codec's.
     */
    private static final Set<RejectReason> STATEFUL =
            EnumSet.of(
                    RejectReason.UNKNOWN_METER,
                    RejectReason.UNKNOWN_CUSTOMER,
                    RejectReason.DUPLICATE,
                    RejectReason.OVERLAP,
                    RejectReason.TOO_LATE,
                    RejectReason.FUTURE_TIMESTAMP);

    /** The ids of the simulated fleet that the integration test mixes these records into. */
    private static final Set<String> FLEET_IDS = Set.of("M0000001", "C0000001", "A001");

    record Line(Source source, String kind, RejectReason expect, String raw) {
        @Override
        public String toString() {
            return source.topic() + " " + kind;
        }
    }

    static Stream<Line> corpus() throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String text : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(text);
            lines.add(
                    new Line(
                            Source.ofTopic(n.get("source").textValue()),
                            n.get("kind").textValue(),
                            RejectReason.valueOf(n.get("expect").textValue()),
                            n.get("raw").textValue()));
        }
        return lines.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void givesEachBrokenRecordExactlyItsExpectedReason(Line line) {
        Parsed<?> parsed = parse(new EventCodec(), line.source(), line.raw());

        assertThat(parsed).isInstanceOf(Parsed.Bad.class);
        Parsed.Bad<?> bad = (Parsed.Bad<?>) parsed;
        assertThat(bad.reason()).as("%s: %s", line, bad.detail()).isEqualTo(line.expect());
        assertThat(bad.detail()).isNotBlank();
    }

    @Test
    void coversThirtyKindsEverySourceAndEveryReasonTheCodecGives() throws IOException {
        List<Line> lines = corpus().toList();
        Set<String> kinds = new HashSet<>();
        Set<Source> sources = EnumSet.noneOf(Source.class);
        Set<RejectReason> reasons = EnumSet.noneOf(RejectReason.class);
        for (Line line : lines) {
            assertThat(kinds.add(line.kind())).as("kind %s is unique", line.kind()).isTrue();
            sources.add(line.source());
            reasons.add(line.expect());
        }

        assertThat(kinds).hasSizeGreaterThanOrEqualTo(30);
        assertThat(sources).containsExactlyInAnyOrder(Source.values());
        assertThat(reasons).isEqualTo(EnumSet.complementOf(EnumSet.copyOf(STATEFUL)));
    }

    @Test
    void keepsEachBrokenRecordOnOneLineWithIdsOfTheSimulatedFleet() throws IOException {
        for (Line line : corpus().toList()) {
            assertThat(line.raw())
                    .as("%s fits one line of a .jsonl replay", line)
                    .doesNotContain("\n", "\r");
            JsonNode record = lenientObject(line.raw());
            if (record == null) {
                continue;
            }
            for (String field : List.of("meterId", "customerId", "areaId")) {
                JsonNode id = record.get(field);
                // A well-formed id must be one of the fleet's, so that no stateful stage could
                // reject the record for an unknown meter before the codec's reason is counted.
                if (id != null
                        && id.isTextual()
                        && id.textValue().matches("[A-Za-z0-9_.:-]{1,64}")) {
                    assertThat(FLEET_IDS).as("%s %s", line, field).contains(id.textValue());
                }
            }
        }
    }

    private static JsonNode lenientObject(String raw) {
        try {
            JsonNode n =
                    JSON.reader()
                            .with(
                                    com.fasterxml.jackson.core.json.JsonReadFeature
                                            .ALLOW_NON_NUMERIC_NUMBERS)
                            .readTree(raw);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Parsed<?> parse(EventCodec codec, Source source, String raw) {
        return switch (source) {
            case CUSTOMERS -> codec.parseCustomer(raw);
            case METER_READINGS -> codec.parseReading(raw);
            case AREA_READINGS -> codec.parseAreaReading(raw);
            case PAYMENTS -> codec.parsePayment(raw);
            case INSPECTIONS -> codec.parseInspection(raw);
            case TARIFF_SCENARIOS -> org.gridwatch.core.whatif.ScenarioRecord.parse(raw);
        };
    }
}
