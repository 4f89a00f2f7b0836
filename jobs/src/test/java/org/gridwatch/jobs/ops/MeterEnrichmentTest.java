package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;
import static org.gridwatch.jobs.Fixtures.reading;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.jobs.MonitorSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeterEnrichmentTest {

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, MeterAssignment, MeterReading, CustomerFeed>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new MeterEnrichment(MonitorSettings.DEFAULT),
                        MeterAssignment::meterId,
                        MeterReading::meterId,
                        Types.STRING);
    }

    private void assign(Customer c) throws Exception {
        harness.processElement1(MeterAssignment.assign(c), 0);
    }

    /** The admitted readings among the outputs. */
    private List<MeteredReading> admitted() {
        return harness.extractOutputValues().stream()
                .filter(CustomerFeed::isReading)
                .map(CustomerFeed::metered)
                .toList();
    }

    private List<RejectReason> rejections() {
        var side = harness.getSideOutput(Rejections.REJECTED);
        if (side == null) {
            return List.of();
        }
        return side.stream().map(StreamRecord::getValue).map(Rejected::reason).toList();
    }

    @Test
    void joinsReadingOfKnownMeterWithItsCustomer() throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), at("2026-01-15T08:15"));

        assertThat(admitted())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.customer().customerId()).isEqualTo("C1");
                            assertThat(m.reading().kwh()).isEqualTo(0.4);
                        });
        assertThat(harness.getSideOutput(Rejections.REJECTED)).isNull();
    }

    @Test
    void rejectsSecondCopyOfTheSameIntervalAsDuplicate() throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:30", 15, 0.5), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);

        assertThat(admitted()).hasSize(2);
        assertThat(rejections()).containsExactly(RejectReason.DUPLICATE);
    }

    @Test
    void rejectsEnergyAlreadyDeliveredInAnotherIntervalAsOverlapWhicheverCameFirst()
            throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        // 09:00 to 10:00: two of its quarter hours, then the hour
        harness.processElement2(reading("M1", "2026-01-15T09:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-15T09:30", 15, 0.5), 0);
        harness.processElement2(reading("M1", "2026-01-15T10:00", 60, 1.8), 0);
        // 10:00 to 11:00: the hour, then one of its quarter hours
        harness.processElement2(reading("M1", "2026-01-15T11:00", 60, 1.6), 0);
        harness.processElement2(reading("M1", "2026-01-15T10:15", 15, 0.4), 0);
        // the refused hour left 09:30 to 10:00 free for the quarter hours still to come
        harness.processElement2(reading("M1", "2026-01-15T10:00", 15, 0.3), 0);

        assertThat(admitted())
                .extracting(m -> m.reading().kwh())
                .containsExactly(0.4, 0.5, 1.6, 0.3);
        assertThat(rejections()).containsExactly(RejectReason.OVERLAP, RejectReason.OVERLAP);
        assertThat(harness.getSideOutput(Rejections.REJECTED).peek().getValue().raw())
                .isEqualTo(
                        "{\"meterId\":\"M1\",\"ts\":\"2026-01-15T10:00:00+08:00\","
                                + "\"intervalMinutes\":60,\"kwh\":1.800}");
    }

    @Test
    void rejectsReadingAboveThreeTimesTheContractCapacityAsImplausible() throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        // 8 kW × 0.25 h × 3 = 6 kWh is the most a 15-minute interval can plausibly hold
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 6.0), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:30", 15, 6.1), 0);

        assertThat(admitted()).hasSize(1);
        assertThat(rejections()).containsExactly(RejectReason.IMPLAUSIBLE_KWH);
    }

    @Test
    void holdsReadingsUntilTheMasterRecordArrives() throws Exception {
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:30", 15, 0.5), 0);
        assertThat(harness.extractOutputValues()).isEmpty();

        assign(customer("C1", "M1", "A001", 8.0));

        assertThat(harness.extractOutputValues())
                .extracting(f -> f.kind)
                .as("the account hears of its customer before its readings")
                .containsExactly(
                        CustomerFeed.Kind.MASTER,
                        CustomerFeed.Kind.READING,
                        CustomerFeed.Kind.READING);
        assertThat(admitted()).extracting(m -> m.reading().kwh()).containsExactly(0.4, 0.5);
        harness.processBothWatermarks(new Watermark(at("2026-01-16T00:00")));
        assertThat(rejections()).isEmpty();
    }

    @Test
    void readingsThatWaitedForTheMasterGoOnStampedWithTheirOwnTime() throws Exception {
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), at("2026-01-15T08:15"));
        harness.processElement2(reading("M1", "2026-01-15T08:30", 15, 0.5), at("2026-01-15T08:30"));
        // a master record has no event time (as read from customers.jsonl)
        harness.processElement1(
                new StreamRecord<>(MeterAssignment.assign(customer("C1", "M1", "A001", 8.0))));

        List<String> out =
                harness.getOutput().stream()
                        .filter(o -> o instanceof StreamRecord<?>)
                        .map(o -> (StreamRecord<?>) o)
                        .map(
                                r ->
                                        ((CustomerFeed) r.getValue()).kind
                                                + " "
                                                + (r.hasTimestamp() ? r.getTimestamp() : "-"))
                        .toList();
        assertThat(out)
                .containsExactly(
                        "MASTER -",
                        "READING " + at("2026-01-15T08:15"),
                        "READING " + at("2026-01-15T08:30"));
    }

    @Test
    void aRestoredJoinStampsReadingsWithTheEventTimeItHadPassedBeforeTheStop() throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), at("2026-01-15T08:15"));
        harness.processBothWatermarks(new Watermark(at("2026-01-16T03:00")));
        harness.processElement2( // stamped with the 16th, 03:00, which the checkpoint keeps
                reading("M1", "2026-01-16T03:15", 15, 0.4), at("2026-01-16T03:15"));
        var checkpoint = harness.snapshot(1, 0);
        harness.close();

        var restored =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator<>(
                                new MeterEnrichment(MonitorSettings.DEFAULT)),
                        MeterAssignment::meterId,
                        MeterReading::meterId,
                        Types.STRING);
        restored.initializeState(checkpoint);
        restored.open();
        // a late reading of the 15th, before the restored job's first watermark
        restored.processElement2(
                reading("M1", "2026-01-15T09:15", 15, 0.4), at("2026-01-15T09:15"));

        assertThat(restored.extractOutputValues())
                .filteredOn(CustomerFeed::isReading)
                .singleElement()
                .satisfies(f -> assertThat(f.eventTimeAtJoin).isEqualTo(at("2026-01-16T03:00")));
        restored.close();
    }

    @Test
    void rejectsReadingAsUnknownMeterOnceTheGraceHasPassedAndForgetsIt() throws Exception {
        harness.processElement2(reading("M9", "2026-01-15T08:15", 15, 0.4), 0);
        harness.processBothWatermarks(new Watermark(at("2026-01-15T09:14")));
        assertThat(rejections()).isEmpty();

        harness.processBothWatermarks(new Watermark(at("2026-01-15T09:15")));

        assertThat(rejections()).containsExactly(RejectReason.UNKNOWN_METER);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void rejectsReadingMoreThanSevenDaysOlderThanTheMetersNewestAsTooLate() throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        harness.processElement2(reading("M1", "2026-01-20T08:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-13T08:30", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-13T08:15", 15, 0.4), 0);

        assertThat(admitted()).hasSize(2);
        assertThat(rejections()).containsExactly(RejectReason.TOO_LATE);
    }

    @Test
    void aRemovedCustomersMeterIsForgottenAndItsAccountToldAfterItsReadings() throws Exception {
        Customer c1 = customer("C1", "M1", "A001", 8.0);
        assign(c1);
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);

        harness.processElement1(MeterAssignment.release(c1, true), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:30", 15, 0.5), 0);
        harness.processBothWatermarks(new Watermark(at("2026-01-15T09:30")));

        assertThat(harness.extractOutputValues())
                .extracting(f -> f.kind, f -> f.customerId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CustomerFeed.Kind.MASTER, "C1"),
                        org.assertj.core.groups.Tuple.tuple(CustomerFeed.Kind.READING, "C1"),
                        org.assertj.core.groups.Tuple.tuple(CustomerFeed.Kind.REMOVAL, "C1"));
        assertThat(rejections()).containsExactly(RejectReason.UNKNOWN_METER);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aMeterTakenOverByAnotherCustomerIsNotReleasedByTheOneWhoLeft() throws Exception {
        Customer c1 = customer("C1", "M1", "A001", 8.0);
        assign(c1);
        assign(customer("C2", "M1", "A001", 8.0));
        harness.processElement1(MeterAssignment.release(c1, false), 0);

        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);

        assertThat(admitted())
                .singleElement()
                .satisfies(m -> assertThat(m.customer().customerId()).isEqualTo("C2"));
    }

    /** The kinds and customers of the outputs, in order: "MASTER C1", "DAY C1 20468", ... */
    private List<String> feed() {
        return harness.extractOutputValues().stream()
                .map(
                        f ->
                                f.kind
                                        + " "
                                        + f.customerId
                                        + (f.day != null ? " " + f.day.epochDay : "")
                                        + (f.month != null ? " " + f.month.yearMonth : "")
                                        + (f.nextSoFar != null
                                                ? " next " + f.nextSoFar.yearMonth
                                                : ""))
                .toList();
    }

    @Test
    void shipsADayAtItsCloseAndAMonthAtItsBillingInstantWithItsSuccessorSoFar() throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        harness.processElement2(reading("M1", "2026-01-31T08:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-02-01T08:15", 15, 0.5), 0);
        // 31 January (epoch day 20484) closes 1 February 02:00, two hours after its end
        harness.processBothWatermarks(new Watermark(at("2026-02-01T01:59")));
        assertThat(feed()).containsExactly("MASTER C1", "READING C1", "READING C1");
        harness.processBothWatermarks(new Watermark(at("2026-02-01T02:00")));
        assertThat(feed()).endsWith("DAY C1 20484");
        // January is billed at its end plus the allowed lateness (a week by default): 8 February
        harness.processBothWatermarks(new Watermark(at("2026-02-07T23:59")));
        assertThat(feed()).endsWith("DAY C1 20485");
        harness.processBothWatermarks(new Watermark(at("2026-02-08T00:00")));

        assertThat(feed()).endsWith("MONTH C1 202601 next 202602");
        assertThat(harness.extractOutputValues().get(feed().size() - 1).month.readingCount)
                .isEqualTo(1);
    }

    @Test
    void anEndedMonthWaitsPackedTakesALateReadingAndShipsWholeAtItsBillingInstant()
            throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        harness.processElement2(reading("M1", "2026-01-31T08:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-02-01T08:15", 15, 0.5), 0);
        assertThat(meterState().months).hasSize(2); // event time is still in January
        harness.processBothWatermarks(new Watermark(at("2026-02-01T08:30")));
        harness.processElement2(reading("M1", "2026-02-01T08:30", 15, 0.3), 0);
        assertThat(meterState().months)
                .singleElement()
                .extracting(m -> m.yearMonth)
                .isEqualTo(202602);
        assertThat(meterState().endedMonths.length).isEqualTo(1);

        harness.processElement2(reading("M1", "2026-01-31T23:45", 15, 0.2), 0); // late, in time
        assertThat(meterState().endedMonths.length).isEqualTo(1);
        harness.processBothWatermarks(new Watermark(at("2026-02-08T00:00")));

        CustomerFeed january = harness.extractOutputValues().get(feed().size() - 1);
        assertThat(feed()).endsWith("MONTH C1 202601 next 202602");
        assertThat(january.month.readingCount).isEqualTo(2);
        assertThat(january.month.totalMicroKwh()).isEqualTo(600_000); // 0.4 + 0.2 kWh
        assertThat(january.nextSoFar.totalMicroKwh()).isEqualTo(800_000); // 0.5 + 0.3 kWh
        assertThat(meterState().endedMonths.length).isZero();
    }

    @Test
    void aMeterKeepsOneTimerAtTheEarliestInstantSomethingOfItIsDue() throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        harness.processElement2(reading("M1", "2026-01-31T08:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-02-01T08:15", 15, 0.5), 0);
        // two days and two months open: 31 January closes first, 1 February 02:00
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(new Watermark(at("2026-02-01T02:00")));
        assertThat(feed()).endsWith("DAY C1 20484");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // 1 February's close
        harness.processBothWatermarks(new Watermark(at("2026-02-02T01:59")));
        assertThat(feed()).endsWith("DAY C1 20484");
        harness.processBothWatermarks(new Watermark(at("2026-02-02T02:00")));
        assertThat(feed()).endsWith("DAY C1 20485");
        harness.processBothWatermarks(new Watermark(at("2026-02-07T23:59")));
        assertThat(feed()).endsWith("DAY C1 20485"); // January's billing instant is next
        harness.processBothWatermarks(new Watermark(at("2026-02-08T00:00")));
        assertThat(feed()).endsWith("MONTH C1 202601 next 202602");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // February's, 8 March

        harness.processBothWatermarks(new Watermark(at("2026-03-08T00:00")));
        assertThat(feed()).endsWith("MONTH C1 202602");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** The meter's state in the join, M1's. */
    private org.gridwatch.jobs.state.MeterState meterState() throws Exception {
        var join =
                (org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>)
                        harness.getOperator();
        join.setCurrentKey("M1");
        return join.getKeyedStateStore().getState(MeterEnrichment.meterState()).value();
    }

    @Test
    void aMeterAssignedToAnotherCustomerFirstShipsWhatItHadOpenToTheFormerOne() throws Exception {
        assign(customer("C1", "M1", "A001", 8.0));
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);

        assign(customer("C2", "M1", "A001", 8.0)); // before C1's release came
        harness.processElement1(
                MeterAssignment.release(customer("C1", "M1", "A001", 8.0), false), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:30", 15, 0.5), 0);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(feed())
                .containsExactly(
                        "MASTER C1",
                        "READING C1",
                        "DAY C1 20468",
                        "MONTH C1 202601",
                        "MASTER C2",
                        "READING C2",
                        "DAY C2 20468",
                        "MONTH C2 202601");
    }

    @Test
    void aRemovedCustomersOpenDayAndMonthAreNotShipped() throws Exception {
        Customer c1 = customer("C1", "M1", "A001", 8.0);
        assign(c1);
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);
        harness.processElement1(MeterAssignment.release(c1, true), 0);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(feed()).containsExactly("MASTER C1", "READING C1", "REMOVAL C1");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /** The join as the job runs it, with the readings' own watermark. */
    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, MeterAssignment, MeterReading, CustomerFeed>
            jobsJoin() throws Exception {
        return jobsJoin(null);
    }

    /** The same, restored from {@code checkpoint} (none: fresh). */
    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, MeterAssignment, MeterReading, CustomerFeed>
            jobsJoin(org.apache.flink.runtime.checkpoint.OperatorSubtaskState checkpoint)
                    throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        MeterEnrichment.operator(MonitorSettings.DEFAULT),
                        MeterAssignment::meterId,
                        MeterReading::meterId,
                        Types.STRING);
        if (checkpoint != null) {
            h.initializeState(checkpoint);
        }
        h.open();
        return h;
    }

    private static List<Double> shippedDaysKwh(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, MeterAssignment, MeterReading, CustomerFeed>
                    h) {
        return h.extractOutputValues().stream()
                .filter(f -> f.day != null)
                .map(f -> f.day.total())
                .toList();
    }

    @Test
    void readingsThatAllGoIdleHoldTheJoinsEventTimeWhereTheyLeftIt() throws Exception {
        var join = jobsJoin();
        join.processElement1(MeterAssignment.assign(customer("C1", "M1", "A001", 8.0)), 0);
        join.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), at("2026-01-15T08:15"));
        join.processWatermark2(new Watermark(at("2026-01-15T09:00")));
        // Every readings channel goes idle (a head-end outage across a restart: no partition has
        // carried a reading since), while the master is read to its end.
        join.processWatermarkStatus2(WatermarkStatus.IDLE);
        join.processWatermark1(new Watermark(Long.MAX_VALUE));

        // the join's event time stays where the readings left it: no day closed, nothing idle
        List<Long> watermarks =
                join.getOutput().stream()
                        .filter(e -> e instanceof Watermark)
                        .map(e -> ((Watermark) e).getTimestamp())
                        .toList();
        assertThat(watermarks).isNotEmpty().allMatch(w -> w <= at("2026-01-15T09:00"));
        assertThat(join.getOutput()).noneMatch(e -> e instanceof WatermarkStatus ws && ws.isIdle());
        assertThat(shippedDaysKwh(join)).isEmpty();

        // the readings come back: event time moves on with them, and the 15th closes whole
        join.processElement2(reading("M1", "2026-01-15T10:15", 15, 0.5), at("2026-01-15T10:15"));
        join.processWatermark2(new Watermark(at("2026-01-16T03:00")));
        assertThat(shippedDaysKwh(join)).hasSize(1);
        assertThat(shippedDaysKwh(join).get(0)).isCloseTo(0.9, within(1e-6));
        join.close();
    }

    @Test
    void aReadingIsLateForItsDayByTheReadingsEventTimeWhileTheMasterHoldsTheJoinsBack()
            throws Exception {
        var join = jobsJoin();
        join.processElement1(MeterAssignment.assign(customer("C1", "M1", "A001", 8.0)), 0);
        join.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), at("2026-01-15T08:15"));
        // The readings pass the 15th's close (the 16th, 02:00); the master, still being read, has
        // sent no watermark: the join's own event time has not moved.
        join.processWatermark2(new Watermark(at("2026-01-16T03:00")));
        join.processElement2(reading("M1", "2026-01-15T09:15", 15, 0.5), at("2026-01-15T09:15"));
        join.processWatermark1(new Watermark(Long.MAX_VALUE)); // the master read to its end

        // the late reading is admitted (its load and bill count it), but not into the closed day
        assertThat(join.extractOutputValues()).filteredOn(CustomerFeed::isReading).hasSize(2);
        assertThat(shippedDaysKwh(join)).hasSize(1);
        assertThat(shippedDaysKwh(join).get(0)).isCloseTo(0.4, within(1e-6));
        join.close();
    }

    @Test
    void aReadingThatWaitedForTheMasterIsJudgedByTheReadingsEventTimeWhenItCame() throws Exception {
        var join = jobsJoin();
        join.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), at("2026-01-15T08:15"));
        join.processWatermark2(new Watermark(at("2026-01-16T03:00")));
        join.processElement2(reading("M1", "2026-01-15T09:15", 15, 0.5), at("2026-01-15T09:15"));
        join.processWatermark2(new Watermark(at("2026-01-16T06:00"))); // on, before the master
        join.processElement1(MeterAssignment.assign(customer("C1", "M1", "A001", 8.0)), 0);
        join.processWatermark1(new Watermark(Long.MAX_VALUE));

        // both admitted; only the one that came before the readings passed the close is in its day
        assertThat(join.extractOutputValues()).filteredOn(CustomerFeed::isReading).hasSize(2);
        assertThat(shippedDaysKwh(join)).hasSize(1);
        assertThat(shippedDaysKwh(join).get(0)).isCloseTo(0.4, within(1e-6));
        join.close();
    }

    @Test
    void readingsLeftWaitingByAReleaseWithoutTheirTimesAreJudgedByTheJoinsAsThen()
            throws Exception {
        var before = jobsJoin();
        before.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), at("2026-01-15T08:15"));
        // what a release before `waiting-since` left: the waiting reading, without its time
        before.getOperator().setCurrentKey("M1");
        java.lang.reflect.Field since = MeterEnrichment.class.getDeclaredField("waitingSince");
        since.setAccessible(true);
        var join =
                (MeterEnrichment)
                        ((org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator<?, ?>)
                                        before.getOperator())
                                .getUserFunction();
        ((org.apache.flink.api.common.state.ListState<?>) since.get(join)).clear();
        var checkpoint = before.snapshot(1, 0);
        before.close();

        var after = jobsJoin(checkpoint);
        after.processWatermark2(new Watermark(at("2026-01-16T03:00"))); // past the 15th's close
        after.processElement2(reading("M1", "2026-01-15T09:15", 15, 0.5), at("2026-01-15T09:15"));
        after.processElement1(MeterAssignment.assign(customer("C1", "M1", "A001", 8.0)), 0);
        after.processWatermark1(new Watermark(Long.MAX_VALUE));

        // the old reading by the join's time (the master had sent none: in its day), the new one
        // by the readings' when it came (after the close: not)
        assertThat(shippedDaysKwh(after)).hasSize(1);
        assertThat(shippedDaysKwh(after).get(0)).isCloseTo(0.4, within(1e-6));
        after.close();
    }

    @Test
    void aWaitingReadingKeepsTheTimeItCameThroughARestore() throws Exception {
        var before = jobsJoin();
        before.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), at("2026-01-15T08:15"));
        before.processWatermark2(new Watermark(at("2026-01-16T03:00")));
        before.processElement2(reading("M1", "2026-01-15T09:15", 15, 0.5), at("2026-01-15T09:15"));
        var checkpoint = before.snapshot(1, 0);
        before.close();

        var after = jobsJoin(checkpoint); // no watermark of the readings yet
        after.processElement1(MeterAssignment.assign(customer("C1", "M1", "A001", 8.0)), 0);
        after.processWatermark1(new Watermark(Long.MAX_VALUE));
        after.processWatermark2(new Watermark(at("2026-01-16T03:00")));

        assertThat(shippedDaysKwh(after)).hasSize(1);
        assertThat(shippedDaysKwh(after).get(0)).isCloseTo(0.4, within(1e-6));
        after.close();
    }
}
