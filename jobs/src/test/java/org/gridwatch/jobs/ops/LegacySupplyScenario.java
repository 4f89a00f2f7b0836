package org.gridwatch.jobs.ops;

import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;
import static org.gridwatch.jobs.Fixtures.shop;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.core.reliability.ReliabilityAlertRule;
import org.gridwatch.jobs.MonitorSettings;

/**
 * The supply watch's scenario for {@link CustomerSupplyWatchRestoreTest}: three customers up to
 * 13:00 on 5 January 2026. C1 (a shop, HIGH since 1 January) had an outage from 10:00 to 11:00 read
 * by its hourly meter, and a reading ending 12:15; C2 is known from the master only; C3 (a house)
 * went dark at 11:30 and has not come back. The snapshot {@code supply-watch-27ef825.snapshot} was
 * written by this class's {@link #main} at commit 27ef825, when the watch kept the customer's
 * master record, segment, served area and latest event as four states.
 */
final class LegacySupplyScenario {
    static final int OFF = MeterEvent.POWER_OFF.bit();
    static final int ON = MeterEvent.POWER_ON.bit();

    static final Customer SHOP = shop("C1", "M1", "A001", 50);
    static final Customer OFFICE = shop("C2", "M2", "A002", 30);
    static final Customer HOUSE = customer("C3", "M3", "A001", 8);

    /** The end of the scenario's event time, the snapshot's instant. */
    static final long STOP = at("2026-01-05T13:00");

    private LegacySupplyScenario() {}

    /** A harness of the watch as the job keys it, not opened yet. */
    static KeyedTwoInputStreamOperatorTestHarness<
                    String, CustomerFeed, SegmentChange, CustomerInterruption>
            harness() throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(
                        new CustomerSupplyWatch(
                                MonitorSettings.DEFAULT.zone(),
                                ReliabilityAlertRule.DEFAULTS,
                                MonitorSettings.DEFAULT.allowedLateness().toMillis())),
                CustomerFeed::customerId,
                SegmentChange::customerId,
                Types.STRING);
    }

    static void read(
            KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, SegmentChange, ?> h,
            Customer c,
            String end,
            int minutes,
            int events)
            throws Exception {
        MeterReading r =
                new MeterReading(
                        c.meterId(), at(end), minutes, 0.5, Double.NaN, Double.NaN, events);
        h.processElement1(CustomerFeed.reading(new MeteredReading(c, r)), at(end));
    }

    static void segment(
            KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, SegmentChange, ?> h,
            String customerId,
            Segment s,
            String local)
            throws Exception {
        h.processElement2(
                new SegmentChange(
                        customerId, at(local), s, 0.5, 0.5, 90, CreditGrade.A, new String[0]),
                at(local));
    }

    /** The scenario up to {@link #STOP}. */
    static void run(
            KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, SegmentChange, ?> h)
            throws Exception {
        segment(h, "C1", Segment.HIGH, "2026-01-01T00:00");
        read(h, SHOP, "2026-01-05T11:00", 60, OFF); // off at 10:30
        read(h, SHOP, "2026-01-05T12:00", 60, ON); // on at 11:30
        read(h, SHOP, "2026-01-05T12:15", 15, 0);
        h.processElement1(CustomerFeed.master(OFFICE), at("2026-01-05T08:00"));
        read(h, HOUSE, "2026-01-05T11:15", 15, 0);
        read(h, HOUSE, "2026-01-05T11:45", 30, OFF); // off at 11:30, dark since
        h.processBothWatermarks(new Watermark(STOP));
    }

    /** What the harness wrote to a side output so far, in order; empty if nothing. */
    static <T> List<T> sideOutput(AbstractStreamOperatorTestHarness<?> h, OutputTag<T> tag) {
        List<T> out = new ArrayList<>();
        var side = h.getSideOutput(tag);
        if (side != null) {
            for (StreamRecord<T> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    /**
     * Writes the snapshot at {@link #STOP}: {@code main DIR NAME}, as {@code
     * supply-watch-NAME.snapshot}.
     */
    public static void main(String[] args) throws Exception {
        try (var h = harness()) {
            h.open();
            run(h);
            OperatorSnapshotUtil.writeStateHandle(
                    h.snapshot(1, STOP), args[0] + "/supply-watch-" + args[1] + ".snapshot");
            System.out.printf(
                    "%d entries, %d timers; %d interruptions: %s%n",
                    h.numKeyedStateEntries(),
                    h.numEventTimeTimers(),
                    h.extractOutputValues().size(),
                    h.extractOutputValues());
        }
    }
}
