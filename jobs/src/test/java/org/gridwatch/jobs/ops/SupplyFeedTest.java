package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.core.reliability.ReliabilityAlertRule;
import org.gridwatch.jobs.Fixtures;
import org.gridwatch.jobs.MonitorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The supply watch's share of the feed, chosen in the join's task: it passes on what the watch acts
 * on, and the watch fed through it says exactly what it says fed every reading (the second method).
 */
class SupplyFeedTest {
    private static final int OFF = MeterEvent.POWER_OFF.bit();
    private static final int ON = MeterEvent.POWER_ON.bit();
    private static final long QUARTER = 15 * 60_000L;

    private OneInputStreamOperatorTestHarness<CustomerFeed, CustomerFeed> feed;

    @BeforeEach
    void open() throws Exception {
        feed = new OneInputStreamOperatorTestHarness<>(new SupplyFeed());
        feed.open();
    }

    @AfterEach
    void close() throws Exception {
        feed.close();
    }

    private static Customer customer(String id, String meter, String area) {
        return Fixtures.shop(id, meter, area, 50);
    }

    private static CustomerFeed reading(Customer c, long end, int events) {
        return CustomerFeed.reading(
                new MeteredReading(
                        c, new MeterReading(c.meterId(), end, 15, 0.5, 100.0, Double.NaN, events)));
    }

    /**
     * What the feed passed on, as (customer, reading end, events), and watermarks as their time.
     */
    private List<Object> passed() {
        List<Object> out = new ArrayList<>();
        for (Object o : feed.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof CustomerFeed f) {
                out.add(
                        f.isReading()
                                ? List.of(
                                        f.customerId(),
                                        f.metered().reading().endMillis(),
                                        f.metered().reading().events())
                                : List.of(f.customerId(), f.kind.name()));
            } else if (o instanceof Watermark w) {
                out.add(w.getTimestamp());
            }
        }
        return out;
    }

    private void send(CustomerFeed f) throws Exception {
        feed.processElement(new StreamRecord<>(f));
    }

    @Test
    void passesTheFirstReadingAndEventsAndStandsInForTheRestAtABarrierAndAtTheEnd()
            throws Exception {
        Customer c1 = customer("C1", "M1", "A001");
        long t = at("2026-01-05T00:15");
        long day = 96 * QUARTER;
        send(CustomerFeed.master(c1));
        send(reading(c1, t, 0));
        send(reading(c1, t + QUARTER, 0));
        send(reading(c1, t + 2 * QUARTER, OFF));
        send(reading(c1, t + 3 * QUARTER, 0));
        send(reading(c1, t + 2 * QUARTER + day, 0));
        send(reading(c1, t + 2 * QUARTER, 0)); // out of order: older than the latest
        assertThat(passed())
                .containsExactly(
                        List.of("C1", "MASTER"),
                        List.of("C1", t, 0),
                        List.of("C1", t + 2 * QUARTER, OFF));

        feed.prepareSnapshotPreBarrier(1);
        assertThat(passed())
                .as("a day after the latest passed on: stood in for at the barrier")
                .hasSize(4)
                .last()
                .isEqualTo(List.of("C1", t + 2 * QUARTER + day, 0));
        assertThat(((StreamRecord<?>) new ArrayList<>(feed.getOutput()).get(3)).getTimestamp())
                .as("the stand-in carries its reading's time, as the reading did")
                .isEqualTo(t + 2 * QUARTER + day);
        feed.prepareSnapshotPreBarrier(2);
        assertThat(passed()).as("nothing held back since").hasSize(4);

        send(reading(c1, t + 3 * QUARTER + day, 0));
        send(reading(c1, t + QUARTER + 2 * day, 0));
        feed.prepareSnapshotPreBarrier(3);
        assertThat(passed())
                .as("less than a day after the latest the watch was sent: held at a barrier")
                .hasSize(4);
        send(reading(c1, t + 2 * QUARTER + 2 * day, 0));
        feed.prepareSnapshotPreBarrier(4);
        assertThat(passed())
                .as("a day after the last stand-in")
                .hasSize(5)
                .last()
                .isEqualTo(List.of("C1", t + 2 * QUARTER + 2 * day, 0));
        t += 2 * day;

        send(reading(c1, t + 5 * QUARTER, 0));
        feed.processWatermark(new Watermark(t + 5 * QUARTER));
        assertThat(passed()).as("an ordinary watermark sends nothing").hasSize(6);
        feed.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(passed())
                .as("the stand-in before the end of event time")
                .endsWith(List.of("C1", t + 5 * QUARTER, 0), Long.MAX_VALUE);
    }

    @Test
    void passesTheFirstReadingAfterAMasterRecordARemovalOrAChangedRecord() throws Exception {
        Customer before = customer("C1", "M1", "A001");
        Customer moved = customer("C1", "M1", "A002");
        long t = at("2026-01-05T00:15");
        send(reading(before, t, 0));
        send(reading(before, t + QUARTER, 0));
        send(reading(moved, t + 2 * QUARTER, 0)); // the record changed: the customer moved
        send(CustomerFeed.removal("C1"));
        send(CustomerFeed.master(before));
        send(reading(before, t + 3 * QUARTER, 0));
        assertThat(passed())
                .containsExactly(
                        List.of("C1", t, 0),
                        List.of("C1", t + 2 * QUARTER, 0),
                        List.of("C1", "REMOVAL"),
                        List.of("C1", "MASTER"),
                        List.of("C1", t + 3 * QUARTER, 0));
    }

    /** A supply watch, and what it said. */
    private static final class Watch {
        final KeyedTwoInputStreamOperatorTestHarness<
                        String, CustomerFeed, SegmentChange, CustomerInterruption>
                harness;

        Watch() throws Exception {
            harness =
                    ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                            new CustomerSupplyWatch(
                                    MonitorSettings.DEFAULT.zone(),
                                    ReliabilityAlertRule.DEFAULTS,
                                    MonitorSettings.DEFAULT.allowedLateness().toMillis()),
                            CustomerFeed::customerId,
                            SegmentChange::customerId,
                            Types.STRING);
        }

        List<String> said() {
            List<String> out = new ArrayList<>();
            harness.extractOutputValues().forEach(i -> out.add(i.toString()));
            var alerts = harness.getSideOutput(CustomerSupplyWatch.ALERTS);
            if (alerts != null) {
                for (StreamRecord<Alert> a : alerts) {
                    out.add(
                            a.getValue().alertId()
                                    + " "
                                    + a.getValue().status()
                                    + " "
                                    + a.getValue().evidence());
                }
            }
            var served = harness.getSideOutput(CustomerSupplyWatch.SERVED);
            if (served != null) {
                served.forEach(s -> out.add(s.getValue().toString()));
            }
            return out;
        }
    }

    @Test
    void theWatchFedThroughItSaysWhatItSaysFedEveryReading() throws Exception {
        Watch direct = new Watch();
        Watch through = new Watch();
        SplittableRandom random = new SplittableRandom(7);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            customers.add(customer("C" + i, "M" + i, "A00" + (i % 2)));
        }
        // C0 and C1 stop reporting on 1 February; the others report to 1 May.
        long start = at("2026-01-01T00:15");
        long end = at("2026-05-01T00:00");
        long stopEarly = at("2026-02-01T00:00");
        for (Customer c : customers) {
            SegmentChange high =
                    new SegmentChange(
                            c.customerId(),
                            start,
                            Segment.HIGH,
                            0.9,
                            0.7,
                            95,
                            CreditGrade.A,
                            new String[0]);
            direct.harness.processElement2(high, start);
            through.harness.processElement2(high, start);
            CustomerFeed master = CustomerFeed.master(c);
            direct.harness.processElement1(master, start);
            send(master);
        }
        boolean[] dark = new boolean[customers.size()];
        long checkpoint = 0;
        for (long t = start; t <= end; t += QUARTER) {
            for (int i = 0; i < customers.size(); i++) {
                if (i < 2 && t > stopEarly) {
                    continue;
                }
                Customer c = customers.get(i);
                if (t == at("2026-03-10T00:00") && i == 3) {
                    c = customer("C3", "M3", "A009"); // moved to another area
                    customers.set(i, c);
                }
                int events = 0;
                // Outages in January: a few for each customer, an hour or two.
                if (t < at("2026-01-25T00:00") && random.nextInt(300) == 0) {
                    events = dark[i] ? ON : OFF;
                    dark[i] = !dark[i];
                } else if (dark[i] && random.nextInt(6) == 0) {
                    events = ON;
                    dark[i] = false;
                }
                CustomerFeed r = reading(c, t, events);
                direct.harness.processElement1(r, t);
                send(r);
                readingsSent++;
            }
            // Every 6 hours of event time, up to 1 March: the alerts' reviews in April are left to
            // the end of the replay, where the customers' latest readings decide them.
            if ((t / QUARTER) % 24 == 0 && t < at("2026-03-01T00:00")) {
                Watermark w = new Watermark(t - QUARTER);
                direct.harness.processBothWatermarks(w);
                feed.processWatermark(w);
            }
            if ((t / QUARTER) % 500 == 0) {
                feed.prepareSnapshotPreBarrier(++checkpoint);
            }
            pipe(through);
        }
        direct.harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        feed.processWatermark(new Watermark(Long.MAX_VALUE));
        pipe(through);

        assertThat(direct.said())
                .as("the scenario has interruptions and alerts")
                .hasSizeGreaterThan(20);
        assertThat(direct.said().stream().filter(s -> s.contains("CLOSED"))).isNotEmpty();
        assertThat(through.said()).isEqualTo(direct.said());
        assertThat(passedReadings()).as("it held most readings back").isLessThan(readingsSent / 10);
    }

    private int readingsSent;
    private int forwardedReadings;

    private long passedReadings() {
        return forwardedReadings;
    }

    /** What the feed passed on so far, into the watch, in order. */
    private void pipe(Watch watch) throws Exception {
        Object o;
        while ((o = feed.getOutput().poll()) != null) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof CustomerFeed f) {
                if (f.isReading()) {
                    forwardedReadings++;
                }
                watch.harness.processElement1(f, 0);
            } else if (o instanceof Watermark w) {
                watch.harness.processBothWatermarks(w);
            }
        }
    }
}
