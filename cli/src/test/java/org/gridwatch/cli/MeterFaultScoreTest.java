package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeterFaultScoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> lines(String... json) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String j : json) {
            out.add(JSON.readTree(j));
        }
        return out;
    }

    @Test
    void scoresDataQualityAlertsAgainstTheInjectedFaultsByHand() throws Exception {
        List<JsonNode> truth =
                lines(
                        "{\"type\":\"meterFault\",\"customerId\":\"C1\",\"kind\":\"silent\",\"start\":\"2026-02-03\",\"end\":\"2026-02-10\"}",
                        "{\"type\":\"meterFault\",\"customerId\":\"C2\",\"kind\":\"silent\",\"start\":\"2026-02-03\",\"end\":\"2026-02-06\"}",
                        "{\"type\":\"meterFault\",\"customerId\":\"C3\",\"kind\":\"intervals-zero\",\"start\":\"2026-02-10\",\"end\":\"2026-02-20\"}",
                        "{\"type\":\"meterFault\",\"customerId\":\"C6\",\"kind\":\"intervals-zero\",\"start\":\"2026-02-10\",\"end\":\"2026-02-20\"}");
        List<JsonNode> alerts =
                lines(
                        // C1: found on its third silent day
                        "{\"alertId\":\"data-quality:C1:20260205\",\"customerId\":\"C1\",\"type\":\"DATA_QUALITY\",\"rule\":\"meter-silent\",\"ts\":\"2026-02-10T02:00:00+08:00\"}",
                        // C2: an alert of the wrong rule does not find a silence
                        "{\"alertId\":\"data-quality:C2:20260205\",\"customerId\":\"C2\",\"type\":\"DATA_QUALITY\",\"rule\":\"register-disagrees-with-intervals\",\"ts\":\"2026-02-05T02:00:00+08:00\"}",
                        // C3: found a day in, and a THEFT alert from the zero intervals
                        "{\"alertId\":\"data-quality:C3:20260211\",\"customerId\":\"C3\",\"type\":\"DATA_QUALITY\",\"rule\":\"register-disagrees-with-intervals\",\"ts\":\"2026-03-06T02:00:00+08:00\"}",
                        "{\"alertId\":\"theft:C3:20260213\",\"customerId\":\"C3\",\"type\":\"THEFT\",\"rule\":\"zero-readings-while-occupied\"}",
                        // C4 has no fault: a false alert; an inspector's finding is not the data's
                        "{\"alertId\":\"data-quality:C4:20260301\",\"customerId\":\"C4\",\"type\":\"DATA_QUALITY\",\"rule\":\"meter-silent\",\"ts\":\"2026-03-02T02:00:00+08:00\"}",
                        // C6: opened for an inspector's finding before its fault; told of the
                        // disagreement during it: found, counted from the fault's first day
                        "{\"alertId\":\"data-quality:C6:20260120\",\"customerId\":\"C6\",\"type\":\"DATA_QUALITY\",\"rule\":\"register-disagrees-with-intervals\",\"ts\":\"2026-02-12T02:00:00+08:00\"}",
                        "{\"alertId\":\"data-quality:C5:20260301\",\"customerId\":\"C5\",\"type\":\"DATA_QUALITY\",\"rule\":\"meter-fault-found\",\"ts\":\"2026-03-01T10:00:00+08:00\"}");

        MeterFaultScore s = MeterFaultScore.of(truth, alerts);

        assertThat(s.kinds.get("silent").faults()).isEqualTo(2);
        assertThat(s.kinds.get("silent").found()).isEqualTo(1);
        assertThat(s.kinds.get("silent").median()).isEqualTo(2.0);
        assertThat(s.kinds.get("intervals-zero").found()).isEqualTo(2);
        // C3 a day in, C6 from the first day: (0 + 1) / 2
        assertThat(s.kinds.get("intervals-zero").median()).isEqualTo(0.5);
        // C1, C2 (during its fault, whatever its rule), C3, C4, C6
        assertThat(s.dataAlerts).isEqualTo(5);
        assertThat(s.falseAlerts).isEqualTo(1);
        assertThat(s.theftAlerted).isEqualTo(1);
        assertThat(s.table())
                .contains("| silent | 2 | 1 | 0.500 | 2.0 |")
                .contains("| intervals-zero | 2 | 2 | 1.000 | 0.5 |")
                .contains("1 of 4 customers with an injected meter fault also got a THEFT alert");
    }
}
