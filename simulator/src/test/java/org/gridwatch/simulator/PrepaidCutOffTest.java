package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.Source;
import org.junit.jupiter.api.Test;

/**
 * {@code withPrepaidCutOff}: the meter of a pre-paid customer whose balance ran out reads 0 kWh
 * from the day after, its register standing still; before that day, and without the option, its
 * readings are the same as ever.
 */
class PrepaidCutOffTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A fleet with many pre-paid customers who run out: meter id to its readings, in order. */
    private static Map<String, List<JsonNode>> readings(boolean cutOff, List<JsonNode> runOuts)
            throws Exception {
        SimulationConfig config =
                SimulationConfig.of(200, 60, 11)
                        .withPayerMix(new PayerMix(0.05, 0.05, 0.15, 0.15, 0.15, 0.3))
                        .withFaults(FaultRates.NONE)
                        .withPrepaidCutOff(cutOff);
        RecordingSink sink = new RecordingSink(EnumSet.of(Source.AREA_READINGS));
        new FleetSimulator(config).run(sink, Progress.NONE);
        Map<String, String> meterOf = new HashMap<>();
        for (String line : sink.truth) {
            JsonNode n = MAPPER.readTree(line);
            if (n.get("type").asText().equals("customer")) {
                meterOf.put(n.get("customerId").asText(), n.get("meterId").asText());
            } else if (n.get("type").asText().equals("prepaid-run-out")) {
                runOuts.add(
                        ((com.fasterxml.jackson.databind.node.ObjectNode) n)
                                .put("meterId", meterOf.get(n.get("customerId").asText())));
            }
        }
        Map<String, List<JsonNode>> byMeter = new HashMap<>();
        for (RecordingSink.Input in : sink.inputs) {
            if (in.source() == Source.METER_READINGS) {
                JsonNode r = MAPPER.readTree(in.json());
                byMeter.computeIfAbsent(r.get("meterId").asText(), k -> new ArrayList<>()).add(r);
            }
        }
        return byMeter;
    }

    @Test
    void aPrepaidMeterCutsTheSupplyFromTheDayAfterTheBalanceRanOut() throws Exception {
        List<JsonNode> runOuts = new ArrayList<>();
        Map<String, List<JsonNode>> cut = readings(true, runOuts);
        Map<String, List<JsonNode>> goingOn = readings(false, new ArrayList<>());
        assertThat(runOuts).hasSizeGreaterThan(3);
        for (JsonNode runOut : runOuts) {
            String meter = runOut.get("meterId").asText();
            LocalDate firstCutDay = LocalDate.parse(runOut.get("runOut").asText()).plusDays(1);
            List<JsonNode> before = new ArrayList<>();
            List<JsonNode> after = new ArrayList<>();
            for (JsonNode r : cut.get(meter)) {
                OffsetDateTime end = OffsetDateTime.parse(r.get("ts").asText());
                LocalDate startDay =
                        end.minusMinutes(r.get("intervalMinutes").asInt()).toLocalDate();
                (startDay.isBefore(firstCutDay) ? before : after).add(r);
            }
            assertThat(after).as(meter).isNotEmpty();
            assertThat(after).allMatch(r -> r.get("kwh").asDouble() == 0);
            double standing = before.get(before.size() - 1).get("registerKwh").asDouble();
            assertThat(after).allMatch(r -> r.get("registerKwh").asDouble() == standing);
            // until then as without the option; after it, the readings went on
            assertThat(goingOn.get(meter).subList(0, before.size())).isEqualTo(before);
            assertThat(goingOn.get(meter).subList(before.size(), goingOn.get(meter).size()))
                    .anyMatch(r -> r.get("kwh").asDouble() > 0);
        }
    }
}
