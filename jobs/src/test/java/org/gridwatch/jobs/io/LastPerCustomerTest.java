package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.gridwatch.core.billing.BasicChargeBasis;
import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerValuation;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.SegmentReasons;
import org.junit.jupiter.api.Test;

/**
 * Each customer's last segment record, emitted once when the input ends; also from a savepoint of
 * 87f381f, which kept the record's bytes in Flink's own serializer's form and a timer a customer
 * ({@code last-segment-87f381f.snapshot}, written by {@link #main} at that commit, where the
 * harness held {@code LastPerCustomer} in a {@code KeyedProcessOperator}: three customers' records
 * before the stop, a new record for one of them after it).
 */
class LastPerCustomerTest {

    private static final long T = 1_770_480_000_000L;

    static KeyedOneInputStreamOperatorTestHarness<String, SegmentChange, SegmentChange> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new LastPerCustomer(), SegmentChange::customerId, Types.STRING);
    }

    static SegmentChange record(String id, long ts, Segment segment, CreditGrade grade, int n) {
        CustomerValuation v =
                new CustomerValuation(
                        "revenue",
                        n * 12_345L,
                        0.1 * n,
                        0.11 * n,
                        0.07 * n,
                        0.01 * n - 0.02,
                        0.2,
                        0.18,
                        n == 2 ? 0.35 : Double.NaN);
        return new SegmentChange(
                id,
                n == 3 ? null : "A00" + n,
                ts,
                segment,
                v.currentValue(),
                n == 1 ? 0.5 : v.potentialValue(),
                60 + n,
                grade,
                n == 3
                        ? new String[] {"WARNING", "PERIODIC_INSPECTION"}
                        : new String[] {"HOTLINE_95598", "OFFPEAK_DISCOUNT_OFFER"},
                n == 3 ? T + 86_400_000L : SegmentChange.NONE,
                n == 1
                        ? new OffpeakOffer("residential-tiered-offpeak", 23.2, 42.4)
                        : OffpeakOffer.NONE,
                new SegmentReasons(
                        v,
                        500_000,
                        250_000,
                        new String[] {"MODERATE_USE", "GOOD_CREDIT"},
                        n == 3
                                ? new String[] {"THEFT -40 until 2027-11-03T00:00:00Z"}
                                : new String[0]),
                n == 2
                        ? new BasicChargeAdvice(
                                BasicChargeBasis.CAPACITY,
                                4,
                                12_000.5,
                                9_870.25,
                                BasicChargeBasis.DEMAND,
                                2_130.25)
                        : BasicChargeAdvice.NONE);
    }

    static final List<SegmentChange> BEFORE_THE_STOP =
            List.of(
                    record("C1", T, Segment.MEDIUM, CreditGrade.A, 1),
                    record("C2", T, Segment.HIGH, CreditGrade.A, 2),
                    record("C3", T, Segment.LOW_RISKY, CreditGrade.C, 3),
                    record("C2", T + 1000, Segment.MEDIUM, CreditGrade.B, 2));

    static final List<SegmentChange> AFTER_THE_STOP =
            List.of(record("C1", T + 5000, Segment.LOW_BASIC, CreditGrade.C, 1));

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, SegmentChange, SegmentChange> h,
            List<SegmentChange> records)
            throws Exception {
        for (SegmentChange c : records) {
            h.processElement(c, c.tsMillis());
        }
    }

    @Test
    void eachCustomersLastRecordAtTheEnd() throws Exception {
        var h = harness();
        h.open();
        send(h, BEFORE_THE_STOP);
        send(h, AFTER_THE_STOP);
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.extractOutputValues()).as("only the input's end emits").isEmpty();
        h.endInput();
        assertThat(h.extractOutputValues())
                .containsExactlyInAnyOrder(
                        AFTER_THE_STOP.get(0), BEFORE_THE_STOP.get(2), BEFORE_THE_STOP.get(3));
    }

    @Test
    void aSavepointOfTheRecordsInFlinksFormGoesOnAsIfNeverStopped() throws Exception {
        var h = harness();
        h.initializeState(
                OperatorSnapshotUtil.readStateHandle(
                        Objects.requireNonNull(
                                        getClass()
                                                .getResource(
                                                        "/legacy-state/last-segment-87f381f.snapshot"))
                                .getPath()));
        h.open();
        send(h, AFTER_THE_STOP);
        // the end of event time, where the snapshot's timers lie: nothing asks for them
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.extractOutputValues()).isEmpty();
        h.endInput();
        assertThat(h.extractOutputValues())
                .containsExactlyInAnyOrder(
                        AFTER_THE_STOP.get(0), BEFORE_THE_STOP.get(2), BEFORE_THE_STOP.get(3));
    }

    /** Writes the snapshot at the stop: {@code main DIR}. */
    public static void main(String[] args) throws Exception {
        var h = harness();
        h.open();
        send(h, BEFORE_THE_STOP);
        OperatorSnapshotUtil.writeStateHandle(
                h.snapshot(1, T + 2000), args[0] + "/last-segment-87f381f.snapshot");
        System.out.println(
                h.numKeyedStateEntries() + " entries, " + h.numEventTimeTimers() + " timers");
    }
}
