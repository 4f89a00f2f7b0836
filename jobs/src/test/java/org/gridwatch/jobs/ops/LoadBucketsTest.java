package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;
import static org.gridwatch.jobs.Fixtures.reading;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.MonitorSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load in its two phases: each task's part ({@link LoadPartials}), then per series. */
class LoadBucketsTest {
    private static final Customer HOUSE = customer("C1", "M1", "A001", 8.0);

    /** A neighbour whose master names a tariff the tariff file does not have. */
    private static final Customer ODD =
            new Customer(
                    "C3",
                    "M3",
                    org.gridwatch.core.event.CustomerClass.RESIDENTIAL,
                    "A001",
                    "no-such-tariff",
                    false,
                    8.0,
                    Customer.UNKNOWN_SINCE);

    private static final MonitorSettings SETTINGS =
            MonitorSettings.DEFAULT.withAllowedLateness(Duration.ofDays(1));

    private OneInputStreamOperatorTestHarness<MeteredReading, LoadPartial> partials;
    private KeyedOneInputStreamOperatorTestHarness<String, LoadPartial, MetricPoint> harness;
    private int forwarded;

    @BeforeEach
    void openHarness() throws Exception {
        partials = new OneInputStreamOperatorTestHarness<>(new LoadPartials(SETTINGS));
        partials.open();
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new LoadBuckets(SETTINGS), LoadPartial::key, Types.STRING);
    }

    /** The readings as the meter join's task passes them on. */
    private void send(MeteredReading m) throws Exception {
        partials.processElement(new StreamRecord<>(m));
    }

    /** The watermark through both phases, the first phase's partials ahead of it. */
    private void watermark(long w) throws Exception {
        partials.processWatermark(w);
        List<LoadPartial> sent = partials.extractOutputValues();
        for (int i = forwarded; i < sent.size(); i++) {
            harness.processElement(sent.get(i), 0);
        }
        forwarded = sent.size();
        harness.processWatermark(w);
    }

    private List<MetricPoint> load() {
        return harness.extractOutputValues().stream()
                .filter(p -> p.measurement().equals("load"))
                .toList();
    }

    private List<MetricPoint> tou() {
        return harness.extractOutputValues().stream()
                .filter(p -> p.measurement().equals("tou"))
                .toList();
    }

    private void read(String end, int minutes, double kwh) throws Exception {
        send(new MeteredReading(HOUSE, reading("M1", end, minutes, kwh)));
    }

    @Test
    void emitsTheQuarterHourWhenTheWatermarkPassesItsEnd() throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        read("2026-01-15T08:15", 15, 0.1);
        watermark(at("2026-01-15T08:15") - 2);
        assertThat(load()).isEmpty();

        watermark(at("2026-01-15T08:15") - 1);

        assertThat(load())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.timeMillis()).isEqualTo(at("2026-01-15T08:00"));
                            assertThat(p.tag("area")).isEqualTo("A001");
                            assertThat(p.tag("class")).isEqualTo("RESIDENTIAL");
                            assertThat(p.field("kwh")).isEqualTo(0.5);
                            assertThat(p.field("kw")).isEqualTo(2.0);
                            assertThat(p.field("readings")).isEqualTo(2);
                        });
    }

    /**
     * A task reading two partitions whose event times drifted apart gets a quarter hour well ahead
     * of the watermark: its readings wait for the watermark that reaches the quarter hour's end and
     * go on in one partial (0.3 + 0.2 kWh, 2 readings), not one partial per watermark they
     * straddle.
     */
    @Test
    void sendsAQuarterHourAheadOfTheWatermarkInOnePartialWhenItIsDue() throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        read("2026-01-15T10:15", 15, 0.3); // ahead of event time
        watermark(at("2026-01-15T08:15") - 1);
        read("2026-01-15T10:15", 15, 0.2);
        watermark(at("2026-01-15T09:00"));
        assertThat(partials.extractOutputValues())
                .as("only the 08:00 quarter hour is due before 10:15")
                .extracting(p -> p.quarterStart)
                .containsExactly(at("2026-01-15T08:00"));

        watermark(at("2026-01-15T10:15") - 1);

        assertThat(partials.extractOutputValues())
                .extracting(p -> p.quarterStart, p -> p.total.microKwh, p -> p.total.readings)
                .containsExactly(
                        tuple(at("2026-01-15T08:00"), 400_000L, 1L),
                        tuple(at("2026-01-15T10:00"), 500_000L, 2L));
        assertThat(load())
                .extracting(MetricPoint::timeMillis, p -> p.field("kwh"))
                .containsExactly(
                        tuple(at("2026-01-15T08:00"), 0.4), tuple(at("2026-01-15T10:00"), 0.5));
    }

    /** Nothing waits across a checkpoint: the barrier takes every partial, due or not, with it. */
    @Test
    void sendsEveryPartialBeforeACheckpointBarrier() throws Exception {
        read("2026-01-15T10:15", 15, 0.3);
        watermark(at("2026-01-15T08:15"));
        assertThat(partials.extractOutputValues()).isEmpty();

        partials.prepareSnapshotPreBarrier(1);

        assertThat(partials.extractOutputValues())
                .extracting(p -> p.quarterStart, p -> p.total.microKwh)
                .containsExactly(tuple(at("2026-01-15T10:00"), 300_000L));
    }

    @Test
    void sharesAnHourlyReadingEvenlyOverItsFourQuarterHours() throws Exception {
        read("2026-01-15T09:00", 60, 4.0);
        watermark(at("2026-01-15T09:00"));

        assertThat(load())
                .extracting(MetricPoint::timeMillis, p -> p.field("kwh"))
                .containsExactly(
                        tuple(at("2026-01-15T08:00"), 1.0),
                        tuple(at("2026-01-15T08:15"), 1.0),
                        tuple(at("2026-01-15T08:30"), 1.0),
                        tuple(at("2026-01-15T08:45"), 1.0));
    }

    @Test
    void emitsTheCorrectedQuarterHourAgainWhenALateReadingArrives() throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        watermark(at("2026-01-15T10:00"));
        read("2026-01-15T08:15", 15, 0.2);
        assertThat(load()).hasSize(1);

        watermark(at("2026-01-15T10:15"));

        assertThat(load()).extracting(p -> p.field("kwh")).containsExactly(0.4, 0.6);
    }

    /**
     * The system load sums what each emission changed: 0.4 kWh at the first, then the late 0.2 and
     * 0.15 kWh at the re-emission, and nothing at a watermark that brought nothing.
     */
    @Test
    void sendsTheSystemLoadWhatEachEmissionChanged() throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        watermark(at("2026-01-15T10:00"));
        read("2026-01-15T08:15", 15, 0.2);
        read("2026-01-15T08:15", 15, 0.15);
        watermark(at("2026-01-15T10:15"));
        watermark(at("2026-01-15T10:30"));

        assertThat(harness.getSideOutput(LoadBuckets.SYSTEM_LOAD))
                .extracting(r -> r.getValue().bucketStart(), r -> r.getValue().deltaMicroKwh())
                .containsExactly(
                        tuple(at("2026-01-15T08:00"), 400_000L),
                        tuple(at("2026-01-15T08:00"), 350_000L));
    }

    /** The open day of the house's series, as the load keeps it. */
    private LoadDay keptDay(String dayStart) throws Exception {
        var backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(
                LoadBuckets.key("A001", org.gridwatch.core.event.CustomerClass.RESIDENTIAL));
        return backend.getPartitionedState(
                        org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                        org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
                        new org.apache.flink.api.common.state.MapStateDescriptor<>(
                                "load-days", Types.LONG, Types.POJO(LoadDay.class)))
                .get(at(dayStart));
    }

    /**
     * A day whose last quarter hour was emitted keeps its columns packed while it waits for late
     * readings; one comes (0.2 kWh for 08:00–08:15, where two readings brought 0.4 kWh): the
     * quarter hour is emitted again, 0.6 kWh of 3 readings, the system load told the 0.2 kWh it
     * changed, and the day packed again.
     */
    @Test
    void keepsAnEndedDayPackedAndStillTakesALateReading() throws Exception {
        read("2026-01-15T08:15", 15, 0.3);
        read("2026-01-15T08:15", 15, 0.1);
        read("2026-01-16T00:00", 15, 0.1); // the day's last quarter hour
        watermark(at("2026-01-16T00:00"));
        LoadDay ended = keptDay("2026-01-15T00:00");
        assertThat(ended.packed).isNotNull();
        assertThat(ended.firstSlotMicroKwh).isNull();

        read("2026-01-15T08:15", 15, 0.2);
        watermark(at("2026-01-16T01:00"));

        assertThat(load())
                .extracting(MetricPoint::timeMillis, p -> p.field("kwh"), p -> p.field("readings"))
                .containsExactly(
                        tuple(at("2026-01-15T08:00"), 0.4, 2.0),
                        tuple(at("2026-01-15T23:45"), 0.1, 1.0),
                        tuple(at("2026-01-15T08:00"), 0.6, 3.0));
        assertThat(harness.getSideOutput(LoadBuckets.SYSTEM_LOAD))
                .extracting(r -> r.getValue().deltaMicroKwh())
                .containsExactly(400_000L, 100_000L, 200_000L);
        assertThat(keptDay("2026-01-15T00:00").packed).as("packed again").isNotNull();
    }

    @Test
    void rejectsAReadingWhoseQuarterHourClosedForGoodAndKeepsNoStateOnceItsDayClosed()
            throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        watermark(at("2026-01-16T08:15"));

        read("2026-01-15T08:15", 15, 0.3);

        assertThat(partials.getSideOutput(Rejections.REJECTED))
                .extracting(StreamRecord::getValue)
                .extracting(Rejected::reason)
                .containsExactly(RejectReason.TOO_LATE);
        // The day is kept until its last quarter hour closes: 2026-01-16 24:00 plus a day.
        assertThat(harness.numKeyedStateEntries()).isOne();
        watermark(at("2026-01-17T00:00") - 2);
        assertThat(harness.numKeyedStateEntries()).isOne();
        watermark(at("2026-01-17T00:00") - 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(load()).extracting(p -> p.field("kwh")).containsExactly(0.4);
    }

    @Test
    void splitsEnergyByTheTariffPeriodOfEachQuarterHourWithItsRevenue() throws Exception {
        Customer shop =
                new Customer(
                        "C2",
                        "M2",
                        org.gridwatch.core.event.CustomerClass.COMMERCIAL,
                        "A001",
                        "commercial-tou",
                        false,
                        50.0,
                        Customer.UNKNOWN_SINCE);
        // 07:00-08:00 is flat, 08:00-11:00 peak (Shanxi 2021): the hourly reading ending 08:00 is
        // 2 kWh in each quarter hour from 07:00 (flat), the half-hourly one ending 08:30 2 kWh in
        // 08:00 and 08:15 (peak)
        send(new MeteredReading(shop, reading("M2", "2026-01-15T08:00", 60, 8.0)));
        send(new MeteredReading(shop, reading("M2", "2026-01-15T08:30", 30, 4.0)));
        watermark(at("2026-01-15T09:00"));

        assertThat(tou())
                .extracting(
                        p -> p.tag("period"),
                        MetricPoint::timeMillis,
                        p -> p.field("kwh"),
                        p -> p.field("revenue"))
                .contains(
                        tuple("FLAT", at("2026-01-15T07:45"), 2.0, 1.3),
                        tuple("PEAK", at("2026-01-15T08:00"), 2.0, 2.08),
                        tuple("PEAK", at("2026-01-15T08:15"), 2.0, 2.08));
        // flat 0.65 CNY/kWh; peak = flat × 1.6 = 1.04 CNY/kWh
    }

    @Test
    void countsEnergyOfAnUnknownTariffAsUnpriced() throws Exception {
        send(new MeteredReading(ODD, reading("M3", "2026-01-15T08:15", 15, 0.5)));
        watermark(at("2026-01-15T08:15"));

        assertThat(tou())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.tag("period")).isEqualTo("UNPRICED");
                            assertThat(p.field("kwh")).isEqualTo(0.5);
                            assertThat(p.field("revenue")).isEqualTo(0.0);
                        });
    }

    @Test
    void sendsOnePartialPerSeriesAndQuarterHourPerWatermark() throws Exception {
        Customer neighbour = customer("C9", "M9", "A001", 8.0);
        read("2026-01-15T08:15", 15, 0.4);
        send(new MeteredReading(neighbour, reading("M9", "2026-01-15T08:15", 15, 0.1)));
        read("2026-01-15T08:30", 15, 0.2);
        watermark(at("2026-01-15T08:30") - 1);

        assertThat(partials.extractOutputValues())
                .extracting(p -> p.quarterStart, p -> p.total.readings)
                .containsExactly(
                        tuple(at("2026-01-15T08:00"), 2L), tuple(at("2026-01-15T08:15"), 1L));
        assertThat(load()).extracting(p -> p.field("kwh")).containsExactly(0.5, 0.2);
    }

    @Test
    void aPartialForAQuarterHourAlreadyFinalIsNotAdded() throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        watermark(at("2026-01-16T08:15"));
        LoadTotal stray = new LoadTotal();
        stray.add(300_000, 0, 0.5);
        harness.processElement(
                new LoadPartial("A001|RESIDENTIAL", at("2026-01-15T08:00"), stray), 0);
        watermark(at("2026-01-17T00:00"));

        assertThat(load()).extracting(p -> p.field("kwh")).containsExactly(0.4);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void keepsEachTariffsPeriodOfOneQuarterHourApartAndReEmitsThemAll() throws Exception {
        read("2026-01-15T08:15", 15, 0.4);
        send(new MeteredReading(ODD, reading("M3", "2026-01-15T08:15", 15, 0.5)));
        watermark(at("2026-01-15T08:15"));
        send(new MeteredReading(ODD, reading("M3", "2026-01-15T08:15", 15, 0.1)));
        watermark(at("2026-01-15T08:30"));

        // residential-tiered prices every hour flat at 0.5283 CNY/kWh: 0.4 × 0.5283 = 0.21132
        assertThat(tou())
                .extracting(p -> p.tag("period"), p -> p.field("kwh"), p -> p.field("revenue"))
                .containsExactly(
                        tuple("FLAT", 0.4, 0.21132),
                        tuple("UNPRICED", 0.5, 0.0),
                        tuple("FLAT", 0.4, 0.21132),
                        tuple("UNPRICED", 0.6, 0.0));
        assertThat(load()).extracting(p -> p.field("kwh")).containsExactly(0.9, 1.0);
    }

    @Test
    void handsTheWholeDayToTheShadowWhenItsLastQuarterHourCloses() throws Exception {
        read("2026-01-15T00:15", 15, 0.2); // the day's first quarter hour
        read("2026-01-15T08:15", 15, 0.4);
        read("2026-01-16T00:00", 15, 0.3); // its last
        watermark(at("2026-01-17T00:00") - 2);
        assertThat(harness.getSideOutput(LoadBuckets.SHADOW_FEED))
                .extracting(StreamRecord::getValue)
                .allSatisfy(f -> assertThat(f.tou).isNotNull())
                .hasSize(3);

        watermark(at("2026-01-17T00:00") - 1);

        var days =
                harness.getSideOutput(LoadBuckets.SHADOW_FEED).stream()
                        .map(StreamRecord::getValue)
                        .filter(f -> f.day != null)
                        .toList();
        assertThat(days).singleElement().extracting(f -> f.key).isEqualTo("A001|RESIDENTIAL");
        var day = days.get(0).day;
        assertThat(day.startMillis).isEqualTo(at("2026-01-15T00:00"));
        long[] kwh = new long[96];
        kwh[0] = 200_000;
        kwh[32] = 400_000;
        kwh[95] = 300_000;
        assertThat(day.microKwh).containsExactly(kwh);
        // flat all day at 0.5283 CNY/kWh
        long[] cny = new long[96];
        cny[0] = 105_660;
        cny[32] = 211_320;
        cny[95] = 158_490;
        assertThat(day.microCnyToday).containsExactly(cny);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
