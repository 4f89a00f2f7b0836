package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.ops.LegacySupplyScenario.HOUSE;
import static org.gridwatch.jobs.ops.LegacySupplyScenario.OFF;
import static org.gridwatch.jobs.ops.LegacySupplyScenario.OFFICE;
import static org.gridwatch.jobs.ops.LegacySupplyScenario.ON;
import static org.gridwatch.jobs.ops.LegacySupplyScenario.SHOP;
import static org.gridwatch.jobs.ops.LegacySupplyScenario.read;
import static org.gridwatch.jobs.ops.LegacySupplyScenario.segment;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.core.reliability.ReliabilityLedger;
import org.gridwatch.jobs.state.SupplyCustomer;
import org.junit.jupiter.api.Test;

/**
 * The supply watch restored from a savepoint of 27ef825, which kept each customer's master record,
 * segment, served area and latest event as four states ({@link LegacySupplyScenario}), and from its
 * own checkpoint: it goes on as if never stopped, and each customer's four entries become one when
 * it is first touched.
 */
class CustomerSupplyWatchRestoreTest {

    private static final String LEGACY = "/legacy-state/supply-watch-27ef825.snapshot";

    private static OperatorSubtaskState legacySnapshot() throws Exception {
        return OperatorSnapshotUtil.readStateHandle(
                Objects.requireNonNull(CustomerSupplyWatchRestoreTest.class.getResource(LEGACY))
                        .getPath());
    }

    /** After the scenario, from either snapshot: what the customers' earlier state says. */
    private static void goesOn(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, CustomerFeed, SegmentChange, CustomerInterruption>
                    h)
            throws Exception {
        // C1 is counted in A001 as HIGH: a new segment moves it there, and later outages count
        // under it.
        segment(h, "C1", Segment.MEDIUM, "2026-01-06T00:00");
        assertThat(served(h))
                .containsExactly(
                        new ServedChange("A001", "HIGH", -1),
                        new ServedChange("A001", "MEDIUM", +1));
        // C3 has been dark since 11:30: its power comes back at 13:20, one interruption, under
        // no segment, in its area from the master record.
        read(h, HOUSE, "2026-01-05T13:30", 15, ON);
        h.processBothWatermarks(new Watermark(at("2026-01-05T16:00")));
        assertThat(h.extractOutputValues())
                .containsExactly(
                        new CustomerInterruption(
                                "C3",
                                "A001",
                                ReliabilityLedger.NO_SEGMENT,
                                at("2026-01-05T11:30"),
                                at("2026-01-05T13:22") + 30_000));
        // C2's record came from the master; its first reading counts it among those served.
        read(h, OFFICE, "2026-01-05T16:15", 15, 0);
        assertThat(served(h)).endsWith(new ServedChange("A002", ReliabilityLedger.NO_SEGMENT, 1));

        // The shop's outages of February and March are its second and third in a quarter with
        // January's (kept in its case): an alert for a MEDIUM customer.
        read(h, SHOP, "2026-02-10T11:00", 60, OFF);
        read(h, SHOP, "2026-02-10T12:00", 60, ON);
        read(h, SHOP, "2026-03-01T11:00", 60, OFF);
        read(h, SHOP, "2026-03-01T12:00", 60, ON);
        h.processBothWatermarks(new Watermark(at("2026-03-01T14:00")));
        assertThat(alerts(h)).extracting(Alert::alertId).containsExactly("supply:C1:20260301");
        assertThat(h.extractOutputValues())
                .extracting(CustomerInterruption::segment)
                .endsWith("MEDIUM", "MEDIUM");
    }

    @Test
    void aSavepointOfFourStatesACustomerGoesOnAsIfNeverStopped() throws Exception {
        try (var h = LegacySupplyScenario.harness()) {
            h.initializeState(legacySnapshot());
            h.open();
            goesOn(h);
        }
    }

    @Test
    void itsOwnCheckpointGoesOnTheSame() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var h = LegacySupplyScenario.harness()) {
            h.open();
            LegacySupplyScenario.run(h);
            checkpoint = h.snapshot(1, LegacySupplyScenario.STOP);
        }
        try (var h = LegacySupplyScenario.harness()) {
            h.initializeState(checkpoint);
            h.open();
            goesOn(h);
        }
    }

    /**
     * Each restored customer's four entries are one once it is touched, with the latest event of
     * the savepoint (C3's reading to 11:45); a customer not touched yet keeps its old entries.
     */
    @Test
    void aRestoredCustomersFourEntriesBecomeOneWhenItIsTouched() throws Exception {
        try (var h = LegacySupplyScenario.harness()) {
            h.initializeState(legacySnapshot());
            h.open();
            assertThat(h.numKeyedStateEntries()).isEqualTo(11);

            // A segment record that changes nothing reads C3 and moves it.
            segment(h, "C3", null, "2026-01-05T13:10");
            SupplyCustomer c3 = kept(h, "C3");
            assertThat(c3.master).isEqualTo(HOUSE);
            assertThat(c3.servedArea).isEqualTo("A001");
            assertThat(c3.segment).isNull();
            assertThat(c3.latestEventMillis).isEqualTo(at("2026-01-05T11:45"));
            assertThat(legacyEntry(h, "C3", "served-area")).isNull();
            assertThat(legacyEntry(h, "C1", "served-area")).isEqualTo("A001");
            // C3: master, served area, latest event (3) became one
            assertThat(h.numKeyedStateEntries()).isEqualTo(11 - 3 + 1);
        }
    }

    @Test
    void aCustomerRemovedBeforeItWasTouchedLeavesNothing() throws Exception {
        try (var h = LegacySupplyScenario.harness()) {
            h.initializeState(legacySnapshot());
            h.open();
            h.processElement1(CustomerFeed.removal("C1"), at("2026-01-05T13:10"));
            assertThat(served(h)).containsExactly(new ServedChange("A001", "HIGH", -1));
            assertThat(kept(h, "C1")).isNull();
            assertThat(legacyEntry(h, "C1", "segment")).isNull();
            // C1's six entries (its earlier segments and its case too) are gone
            assertThat(h.numKeyedStateEntries()).isEqualTo(11 - 6);
        }
    }

    private static SupplyCustomer kept(
            KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, ?> h, String customer)
            throws Exception {
        return state(h, customer, CustomerSupplyWatch.customerDescriptor()).value();
    }

    private static String legacyEntry(
            KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, ?> h, String customer, String name)
            throws Exception {
        return state(h, customer, new ValueStateDescriptor<>(name, Types.STRING)).value();
    }

    private static <T> ValueState<T> state(
            KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, ?> h,
            String customer,
            ValueStateDescriptor<T> descriptor)
            throws Exception {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(customer);
        return backend.getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    private static List<ServedChange> served(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, ?> h) {
        return LegacySupplyScenario.sideOutput(h, CustomerSupplyWatch.SERVED);
    }

    /** The alerts opened (not their closings). */
    private static List<Alert> alerts(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, ?> h) {
        return LegacySupplyScenario.sideOutput(h, CustomerSupplyWatch.ALERTS).stream()
                .filter(a -> a.status() == AlertStatus.OPEN)
                .toList();
    }
}
