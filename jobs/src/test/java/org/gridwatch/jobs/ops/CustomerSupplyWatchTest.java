package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.Severity;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.core.reliability.ReliabilityAlertRule;
import org.gridwatch.core.reliability.ReliabilityLedger;
import org.gridwatch.jobs.MonitorSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A HIGH customer whose supply keeps failing, read from two meters (its meter was replaced and the
 * old one still reports): one interruption per outage, and at the third a SUPPLY_RELIABILITY alert.
 */
class CustomerSupplyWatchTest {

    private static final int OFF = LegacySupplyScenario.OFF;
    private static final int ON = LegacySupplyScenario.ON;
    private static final Customer OLD_METER = LegacySupplyScenario.SHOP;
    private static final Customer NEW_METER = shop("C1", "M2", "A001", 50);

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, CustomerFeed, SegmentChange, CustomerInterruption>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        watch(), CustomerFeed::customerId, SegmentChange::customerId, Types.STRING);
    }

    private static CustomerSupplyWatch watch() {
        return new CustomerSupplyWatch(
                MonitorSettings.DEFAULT.zone(),
                ReliabilityAlertRule.DEFAULTS,
                MonitorSettings.DEFAULT.allowedLateness().toMillis());
    }

    private void read(Customer c, String end, int minutes, int events) throws Exception {
        MeterReading r =
                new MeterReading(
                        c.meterId(), at(end), minutes, 0.5, Double.NaN, Double.NaN, events);
        harness.processElement1(CustomerFeed.reading(new MeteredReading(c, r)), at(end));
    }

    private void watermark(String local) throws Exception {
        harness.processBothWatermarks(new Watermark(at(local)));
    }

    /** An outage on {@code day} from 10:00 to 11:00, seen by both meters (M1 hourly, M2 15 min). */
    private void outage(String day) throws Exception {
        read(OLD_METER, day + "T11:00", 60, OFF); // 10:00-11:00: off at 10:30
        read(NEW_METER, day + "T10:15", 15, OFF); // off at 10:07:30
        read(NEW_METER, day + "T11:15", 15, ON); // on at 11:07:30
        read(OLD_METER, day + "T12:00", 60, ON); // on at 11:30
        watermark(day + "T13:00");
    }

    private List<Alert> alerts() {
        return LegacySupplyScenario.sideOutput(harness, CustomerSupplyWatch.ALERTS);
    }

    @Test
    void twoMetersInOneOutageAreOneInterruptionAndTheThirdInAQuarterAlertsTheAccountManager()
            throws Exception {
        harness.processElement2(
                new SegmentChange(
                        "C1",
                        "A001",
                        at("2026-01-01T00:00"),
                        Segment.HIGH,
                        0.9,
                        0.7,
                        95,
                        CreditGrade.A,
                        new String[0],
                        SegmentChange.NONE,
                        org.gridwatch.core.event.OffpeakOffer.NONE),
                at("2026-01-01T00:00"));
        outage("2026-01-05");
        // 10:07:30 (M2 off) to 11:30 (M1 on): 82.5 minutes, one interruption, not two.
        assertThat(harness.extractOutputValues())
                .containsExactly(
                        new CustomerInterruption(
                                "C1",
                                "A001",
                                "HIGH",
                                at("2026-01-05T10:07") + 30_000,
                                at("2026-01-05T11:30")));
        assertThat(alerts()).isEmpty();

        outage("2026-02-10");
        outage("2026-03-01");
        assertThat(harness.extractOutputValues()).hasSize(3);
        List<Alert> alerts = alerts();
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.alertId()).isEqualTo("supply:C1:20260301");
        assertThat(alert.type()).isEqualTo(AlertType.SUPPLY_RELIABILITY);
        assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.customerId()).isEqualTo("C1");
        assertThat(alert.areaId()).isEqualTo("A001");
        // Three times 82.5 minutes.
        assertThat(alert.evidence())
                .containsEntry("sustainedInterruptions", 3)
                .containsEntry("interruptionMinutes", 247.5);
        assertThat(alert.evidence().get("timeline"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .first()
                .isEqualTo(
                        Map.of(
                                "start",
                                "2026-01-05T10:07",
                                "end",
                                "2026-01-05T11:30",
                                "minutes",
                                82.5));

        // 5 January 11:30 + 90 days = 5 April 11:30: two remain, the alert closes under the same
        // id, once.
        watermark("2026-05-12T00:00");
        List<Alert> later = alerts();
        assertThat(later).hasSize(2);
        assertThat(later.get(1).alertId()).isEqualTo("supply:C1:20260301");
        assertThat(later.get(1).status()).isEqualTo(AlertStatus.CLOSED);
    }

    private void segment(Segment s, String local) throws Exception {
        harness.processElement2(
                new SegmentChange("C1", at(local), s, 0.5, 0.5, 90, CreditGrade.A, new String[0]),
                at(local));
    }

    private List<String> segmentsCounted() {
        List<String> out = new ArrayList<>();
        harness.extractOutputValues().forEach(i -> out.add(i.segment()));
        return out;
    }

    /**
     * HIGH since January; re-valued MEDIUM at 13:30 on 5 January, after the 10:07–11:30 outage
     * ended and after its hold (12:45). The segment change runs ahead of the readings (it arrives
     * before event time reaches the hold) or behind them: the outage counts under HIGH either way.
     */
    @Test
    void anInterruptionCountsUnderTheSegmentInForceWhenItEndedWhicheverArrivesFirst()
            throws Exception {
        segment(Segment.HIGH, "2026-01-01T00:00");
        segment(Segment.MEDIUM, "2026-01-05T13:30"); // ahead of the readings
        outage("2026-01-05");
        assertThat(segmentsCounted()).containsExactly("HIGH");

        openHarness();
        segment(Segment.HIGH, "2026-01-01T00:00");
        outage("2026-01-05");
        segment(Segment.MEDIUM, "2026-01-05T13:30"); // behind them
        watermark("2026-01-06T00:00");
        assertThat(segmentsCounted()).containsExactly("HIGH");

        // Re-valued at 11:00, before the outage ended: it counts under MEDIUM.
        openHarness();
        segment(Segment.HIGH, "2026-01-01T00:00");
        segment(Segment.MEDIUM, "2026-01-05T11:00");
        outage("2026-01-05");
        assertThat(segmentsCounted()).containsExactly("MEDIUM");
    }

    /**
     * The old meter's late readings report an outage before the one held: that one is whole at
     * once, and waits for event time to pass its end (10:00) so that a segment change up to then
     * can still arrive.
     */
    @Test
    void anInterruptionWholeAtOnceWaitsForEventTimeToPassItsEnd() throws Exception {
        segment(Segment.HIGH, "2026-01-01T00:00");
        read(NEW_METER, "2026-01-05T11:15", 15, OFF); // off at 11:07:30
        read(NEW_METER, "2026-01-05T11:45", 15, ON); // on at 11:37:30, held
        read(OLD_METER, "2026-01-05T09:00", 60, OFF); // off at 08:30
        read(OLD_METER, "2026-01-05T10:00", 60, ON); // on at 09:30: before the held one
        assertThat(harness.extractOutputValues()).isEmpty();
        segment(Segment.MEDIUM, "2026-01-05T09:00");
        watermark("2026-01-05T09:40");
        assertThat(harness.extractOutputValues())
                .containsExactly(
                        new CustomerInterruption(
                                "C1",
                                "A001",
                                "MEDIUM",
                                at("2026-01-05T08:30"),
                                at("2026-01-05T09:30")));
        watermark("2026-01-05T13:00");
        assertThat(segmentsCounted()).containsExactly("MEDIUM", "MEDIUM");
    }

    /**
     * A checkpoint taken while an interruption waits for its end and the customer's earlier segment
     * is kept: the restored watch emits it, under the segment of its end.
     */
    @Test
    void aWaitingInterruptionAndTheEarlierSegmentsSurviveARestore() throws Exception {
        segment(Segment.HIGH, "2026-01-01T00:00");
        read(NEW_METER, "2026-01-05T11:15", 15, OFF);
        read(NEW_METER, "2026-01-05T11:45", 15, ON);
        read(OLD_METER, "2026-01-05T09:00", 60, OFF);
        read(OLD_METER, "2026-01-05T10:00", 60, ON); // 08:30-09:30, waits for 09:30
        segment(Segment.MEDIUM, "2026-01-05T09:45"); // after its end: it stays HIGH
        var checkpoint = harness.snapshot(1, 0);
        harness.close();

        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator<>(
                                watch()),
                        CustomerFeed::customerId,
                        SegmentChange::customerId,
                        Types.STRING);
        harness.initializeState(checkpoint);
        harness.open();
        watermark("2026-01-05T13:00");
        // The waiting one (HIGH, it ended before the change) and the held one (MEDIUM).
        assertThat(harness.extractOutputValues())
                .containsExactly(
                        new CustomerInterruption(
                                "C1",
                                "A001",
                                "HIGH",
                                at("2026-01-05T08:30"),
                                at("2026-01-05T09:30")),
                        new CustomerInterruption(
                                "C1",
                                "A001",
                                "MEDIUM",
                                at("2026-01-05T11:07") + 30_000,
                                at("2026-01-05T11:37") + 30_000));
    }

    /**
     * The segment a customer had before a change is kept for the allowed lateness (7 days) and a
     * day after the change, for interruptions that end before it and are reported late; then it is
     * forgotten, whether or not another change comes.
     */
    @Test
    void anEarlierSegmentIsForgottenEightDaysAfterItEnded() throws Exception {
        read(NEW_METER, "2026-01-05T00:15", 15, 0);
        segment(Segment.HIGH, "2026-01-05T13:30");
        watermark("2026-01-06T00:00");
        assertThat(harness.numKeyedStateEntries())
                .as("the customer, its earlier segment")
                .isEqualTo(2);

        // Reported on the 12th, from the old meter's memory: off 08:30-09:30 on the 5th, before the
        // change, so it counts under no segment.
        read(OLD_METER, "2026-01-05T09:00", 60, OFF);
        read(OLD_METER, "2026-01-05T10:00", 60, ON);
        watermark("2026-01-12T00:00");
        assertThat(segmentsCounted()).containsExactly(ReliabilityLedger.NO_SEGMENT);
        int entries = harness.numKeyedStateEntries(); // its supply case too, now

        watermark("2026-01-13T13:29");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(entries);
        watermark("2026-01-13T13:30"); // 5 January 13:30 + 7 days + 1 day
        assertThat(harness.numKeyedStateEntries()).isEqualTo(entries - 1);
    }

    @Test
    void aCustomerJoinsTheServedWithItsFirstReadingAndMovesWithItsSegment() throws Exception {
        read(NEW_METER, "2026-01-05T00:15", 15, 0);
        read(NEW_METER, "2026-01-05T00:30", 15, 0);
        harness.processElement2(
                new SegmentChange(
                        "C1",
                        at("2026-02-08T00:00"),
                        Segment.MEDIUM,
                        0.5,
                        0.5,
                        90,
                        CreditGrade.A,
                        new String[0]),
                at("2026-02-08T00:00"));
        assertThat(LegacySupplyScenario.sideOutput(harness, CustomerSupplyWatch.SERVED))
                .containsExactly(
                        new ServedChange("A001", "NONE", 1),
                        new ServedChange("A001", "NONE", -1),
                        new ServedChange("A001", "MEDIUM", 1));
    }
}
