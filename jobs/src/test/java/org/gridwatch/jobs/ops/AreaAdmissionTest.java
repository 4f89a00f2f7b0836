package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.gridwatch.jobs.Fixtures.at;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.jobs.MonitorSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AreaAdmissionTest {

    private KeyedOneInputStreamOperatorTestHarness<String, AreaReading, AreaReading> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new AreaAdmission(
                                MonitorSettings.DEFAULT.allowedLateness().toMillis(),
                                MonitorSettings.DEFAULT.zone()),
                        AreaReading::areaId,
                        Types.STRING);
    }

    private void send(String area, String end, int minutes, double kwh) throws Exception {
        harness.processElement(new AreaReading(area, at(end), minutes, kwh), at(end));
    }

    /** What was passed on, as "A001 2026-01-15T08:15/15 118.2" (area, local end/minutes, kWh). */
    private List<String> admitted() {
        return harness.extractOutputValues().stream()
                .map(
                        r ->
                                r.areaId()
                                        + " "
                                        + Instant.ofEpochMilli(r.endMillis())
                                                .atOffset(ZoneOffset.ofHours(8))
                                                .toLocalDateTime()
                                        + "/"
                                        + r.intervalMinutes()
                                        + " "
                                        + r.kwh())
                .toList();
    }

    private List<Rejected> rejected() {
        var side = harness.getSideOutput(Rejections.REJECTED);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void passesEachAreasFirstDeliveriesOnAndKeepsOneStateEntryPerAreaWithoutTimers()
            throws Exception {
        send("A001", "2026-01-15T08:15", 15, 118.2);
        send("A002", "2026-01-15T08:15", 15, 40.0);
        send("A001", "2026-01-15T08:30", 15, 120.0);
        send("A002", "2026-01-15T09:00", 30, 80.0);

        assertThat(admitted())
                .containsExactly(
                        "A001 2026-01-15T08:15/15 118.2",
                        "A002 2026-01-15T08:15/15 40.0",
                        "A001 2026-01-15T08:30/15 120.0",
                        "A002 2026-01-15T09:00/30 80.0");
        assertThat(rejected()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void rejectsAReSentAreaReadingAsDuplicateWithTheReadingAndItsEventTime() throws Exception {
        send("A001", "2026-01-15T08:15", 15, 118.2);
        send("A001", "2026-01-15T08:15", 15, 118.2);

        assertThat(admitted()).containsExactly("A001 2026-01-15T08:15/15 118.2");
        assertThat(rejected())
                .singleElement()
                .isEqualTo(
                        new Rejected(
                                "area-readings",
                                RejectReason.DUPLICATE,
                                "area A001 already delivered this interval",
                                "{\"areaId\":\"A001\",\"ts\":\"2026-01-15T08:15:00+08:00\","
                                        + "\"intervalMinutes\":15,\"kwh\":118.200}",
                                at("2026-01-15T08:15")));
    }

    @Test
    void rejectsAnHourOverItsQuarterHoursAndTheQuarterHoursOfAnHourAsOverlapsChangingNothing()
            throws Exception {
        send("A001", "2026-01-15T08:15", 15, 30.0);
        send("A001", "2026-01-15T08:30", 15, 30.0);
        send("A001", "2026-01-15T09:00", 60, 120.0);
        // the refused hour left 08:30 to 09:00 free
        send("A001", "2026-01-15T08:45", 15, 30.0);
        send("A001", "2026-01-15T09:00", 15, 30.0);
        send("A002", "2026-01-15T09:00", 60, 120.0);
        send("A002", "2026-01-15T08:45", 15, 30.0);

        assertThat(admitted())
                .containsExactly(
                        "A001 2026-01-15T08:15/15 30.0",
                        "A001 2026-01-15T08:30/15 30.0",
                        "A001 2026-01-15T08:45/15 30.0",
                        "A001 2026-01-15T09:00/15 30.0",
                        "A002 2026-01-15T09:00/60 120.0");
        assertThat(rejected())
                .extracting(Rejected::source, Rejected::reason, Rejected::detail)
                .containsExactly(
                        tuple(
                                "area-readings",
                                RejectReason.OVERLAP,
                                "area A001 already delivered 30 of the 60 minutes of this interval in"
                                        + " readings of other intervals; the first delivery"
                                        + " counts"),
                        tuple(
                                "area-readings",
                                RejectReason.OVERLAP,
                                "area A002 already delivered all 15 minutes of this interval in"
                                        + " readings of other intervals; the first delivery"
                                        + " counts"));
    }

    @Test
    void rejectsAReadingSevenDaysOrMoreBehindTheAreasNewestAsTooLate() throws Exception {
        send("A001", "2026-01-20T08:15", 15, 30.0);
        // 08:15 on the 20th minus 08:30 on the 13th: 7 days less a quarter hour
        send("A001", "2026-01-13T08:30", 15, 30.0);
        send("A001", "2026-01-13T08:15", 15, 30.0);

        assertThat(admitted())
                .containsExactly("A001 2026-01-20T08:15/15 30.0", "A001 2026-01-13T08:30/15 30.0");
        assertThat(rejected())
                .extracting(Rejected::reason, Rejected::detail)
                .containsExactly(
                        tuple(
                                RejectReason.TOO_LATE,
                                "starts more than 7 days before the end of the newest reading of"
                                        + " area A001"));
    }

    @Test
    void aReadingCountsForItsDaysBalanceUntilEventTimeHerePassesTwoHoursAfterTheDay()
            throws Exception {
        send("A001", "2026-01-15T23:45", 15, 30.0);
        harness.processWatermark(at("2026-01-16T01:59"));
        send("A001", "2026-01-15T23:30", 15, 20.0); // the 15th closes at 02:00 on the 16th
        harness.processWatermark(at("2026-01-16T02:00"));
        send("A001", "2026-01-15T23:15", 15, 10.0); // after the close: supply, not the balance
        send("A001", "2026-01-16T02:15", 15, 5.0);

        assertThat(admitted()).hasSize(4);
        assertThat(harness.getSideOutput(AreaAdmission.FOR_BALANCE))
                .extracting(r -> r.getValue().kwh())
                .containsExactly(30.0, 20.0, 5.0);
    }
}
