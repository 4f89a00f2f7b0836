package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.gridwatch.core.event.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamOrderTest {
    static RecordingSink sink = new RecordingSink();
    static SimulationSummary summary;

    @BeforeAll
    static void simulate() throws Exception {
        SimulationConfig config =
                SimulationConfig.of(300, 3, 21).withFaults(FaultRates.each(0.01, 240));
        summary = new FleetSimulator(config).run(sink, Progress.NONE);
    }

    @Test
    void sendsTheWholeCustomerMasterFirst() {
        for (int i = 0; i < sink.inputs.size(); i++) {
            assertThat(sink.inputs.get(i).source() == Source.CUSTOMERS).isEqualTo(i < 300);
        }
    }

    @Test
    void sendsEverythingInEventTimeOrderExceptTheHeldBackReadings() {
        Set<String> delayed = new HashSet<>();
        for (String t : sink.truth) {
            if (t.contains("\"type\":\"fault\"") && !t.contains("\"fault\":\"MISSING\"")) {
                String id = t.contains("\"areaId\"") ? field(t, "areaId") : field(t, "meterId");
                delayed.add(id + "@" + field(t, "ts"));
            }
        }
        long clock = Long.MIN_VALUE;
        long held = 0;
        long heldAreaReadings = 0;
        for (RecordingSink.Input in : sink.inputs) {
            boolean reading =
                    in.source() == Source.METER_READINGS || in.source() == Source.AREA_READINGS;
            if (reading && in.eventMillis() < clock) {
                assertThat(delayed).as(in.json()).contains(in.key() + "@" + field(in.json(), "ts"));
                assertThat(clock - in.eventMillis()).isLessThanOrEqualTo(240 * 60_000L);
                held++;
                heldAreaReadings += in.source() == Source.AREA_READINGS ? 1 : 0;
                continue;
            }
            assertThat(in.eventMillis()).as(in.json()).isGreaterThanOrEqualTo(clock);
            clock = in.eventMillis();
        }
        assertThat(sink.inputs).anyMatch(in -> in.source() == Source.INSPECTIONS);
        assertThat(held).isPositive();
        assertThat(heldAreaReadings).isPositive();
        assertThat(held)
                .isLessThanOrEqualTo(
                        summary.duplicates()
                                + summary.late()
                                + summary.overlapping()
                                + summary.areaDuplicates()
                                + summary.areaOverlapping());
    }

    @Test
    void keysEachRecordByItsMeterAreaOrCustomer() {
        for (RecordingSink.Input in : sink.inputs) {
            String field =
                    switch (in.source()) {
                        case METER_READINGS -> "meterId";
                        case AREA_READINGS -> "areaId";
                        default -> "customerId";
                    };
            assertThat(field(in.json(), field)).isEqualTo(in.key());
        }
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(i, json.indexOf('"', i));
    }
}
