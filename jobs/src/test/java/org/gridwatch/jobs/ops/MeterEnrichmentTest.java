package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;
import static org.gridwatch.jobs.Fixtures.reading;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
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

    private KeyedTwoInputStreamOperatorTestHarness<String, Customer, MeterReading, MeteredReading>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new MeterEnrichment(MonitorSettings.DEFAULT),
                        Customer::meterId,
                        MeterReading::meterId,
                        Types.STRING);
    }

    private List<RejectReason> rejections() {
        var side = harness.getSideOutput(ParseRecords.REJECTED);
        if (side == null) {
            return List.of();
        }
        return side.stream().map(StreamRecord::getValue).map(Rejected::reason).toList();
    }

    @Test
    void joinsReadingOfKnownMeterWithItsCustomer() throws Exception {
        harness.processElement1(customer("C1", "M1", "A001", 8.0), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), at("2026-01-15T08:15"));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.customer().customerId()).isEqualTo("C1");
                            assertThat(m.reading().kwh()).isEqualTo(0.4);
                        });
        assertThat(harness.getSideOutput(ParseRecords.REJECTED)).isNull();
    }

    @Test
    void rejectsSecondCopyOfTheSameIntervalAsDuplicate() throws Exception {
        harness.processElement1(customer("C1", "M1", "A001", 8.0), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:30", 15, 0.5), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(rejections()).containsExactly(RejectReason.DUPLICATE);
    }

    @Test
    void rejectsEnergyAlreadyDeliveredInAnotherIntervalAsOverlapWhicheverCameFirst()
            throws Exception {
        harness.processElement1(customer("C1", "M1", "A001", 8.0), 0);
        // 09:00 to 10:00: two of its quarter hours, then the hour
        harness.processElement2(reading("M1", "2026-01-15T09:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-15T09:30", 15, 0.5), 0);
        harness.processElement2(reading("M1", "2026-01-15T10:00", 60, 1.8), 0);
        // 10:00 to 11:00: the hour, then one of its quarter hours
        harness.processElement2(reading("M1", "2026-01-15T11:00", 60, 1.6), 0);
        harness.processElement2(reading("M1", "2026-01-15T10:15", 15, 0.4), 0);
        // the refused hour left 09:30 to 10:00 free for the quarter hours still to come
        harness.processElement2(reading("M1", "2026-01-15T10:00", 15, 0.3), 0);

        assertThat(harness.extractOutputValues())
                .extracting(m -> m.reading().kwh())
                .containsExactly(0.4, 0.5, 1.6, 0.3);
        assertThat(rejections()).containsExactly(RejectReason.OVERLAP, RejectReason.OVERLAP);
        assertThat(harness.getSideOutput(ParseRecords.REJECTED).peek().getValue().raw())
                .isEqualTo(
                        "{\"meterId\":\"M1\",\"ts\":\"2026-01-15T10:00:00+08:00\","
                                + "\"intervalMinutes\":60,\"kwh\":1.800}");
    }

    @Test
    void rejectsReadingAboveThreeTimesTheContractCapacityAsImplausible() throws Exception {
        harness.processElement1(customer("C1", "M1", "A001", 8.0), 0);
        // 8 kW × 0.25 h × 3 = 6 kWh is the most a 15-minute interval can plausibly hold
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 6.0), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:30", 15, 6.1), 0);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(rejections()).containsExactly(RejectReason.IMPLAUSIBLE_KWH);
    }

    @Test
    void holdsReadingsUntilTheMasterRecordArrives() throws Exception {
        harness.processElement2(reading("M1", "2026-01-15T08:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-15T08:30", 15, 0.5), 0);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processElement1(customer("C1", "M1", "A001", 8.0), 0);

        assertThat(harness.extractOutputValues())
                .extracting(m -> m.reading().kwh())
                .containsExactly(0.4, 0.5);
        harness.processBothWatermarks(new Watermark(at("2026-01-16T00:00")));
        assertThat(rejections()).isEmpty();
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
        harness.processElement1(customer("C1", "M1", "A001", 8.0), 0);
        harness.processElement2(reading("M1", "2026-01-20T08:15", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-13T08:30", 15, 0.4), 0);
        harness.processElement2(reading("M1", "2026-01-13T08:15", 15, 0.4), 0);

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(rejections()).containsExactly(RejectReason.TOO_LATE);
    }
}
