package org.gridwatch.jobs.ops;

import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.customer;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.TestableKeyedStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.whatif.ScenarioRecord;
import org.gridwatch.jobs.MonitorSettings;

/**
 * The area operators' scenario for {@link LegacyStateTest}: a house and a shop in one area, read
 * every quarter hour for three days from Monday 2026-03-09, one shop reading a day five hours late
 * (and a second one for the quarter hour before it), the load's two phases and the live shadow
 * scenarios (one scenario, broadcast) as the job wires them, with one day of allowed lateness. The
 * snapshots of release 0.2 were written by this class's {@link #main} at commit 15135ad, when the
 * load kept one state entry per quarter hour and the shadow its own copy of each open day, made
 * from the load's {@code tou} points (this class then fed the shadow those points; now it feeds it
 * the load's {@link LoadBuckets#SHADOW_FEED}).
 */
final class LegacyAreaScenario {
    static final MonitorSettings SETTINGS =
            MonitorSettings.DEFAULT.withAllowedLateness(Duration.ofDays(1));
    static final long START = at("2026-03-09T00:00");
    static final long QUARTER = 900_000L;
    static final int QUARTERS = 3 * 96;

    /** {@link #run} moves the watermark once every this many quarter hours read. */
    static final int QUARTERS_A_WATERMARK = 4;

    /** The stop: day 2, 13:30, after its watermark. */
    static final int SPLIT = 96 + 54;

    static final Customer HOUSE = customer("C1", "M1", "A001", 8.0);
    static final Customer SHOP =
            new Customer(
                    "C2",
                    "M2",
                    CustomerClass.COMMERCIAL,
                    "A001",
                    "commercial-tou",
                    false,
                    50.0,
                    Customer.UNKNOWN_SINCE);

    static final String CER =
            "{\"name\":\"cer\",\"classes\":[\"RESIDENTIAL\",\"COMMERCIAL\"],\"response\":\"default\","
                    + "\"tariff\":{\"id\":\"cer-tou\","
                    + "\"source\":\"test\",\"sector\":\"residential\",\"days\":{\"normal\":["
                    + "\"00:00-08:00 valley\",\"08:00-17:00 flat\",\"17:00-19:00 peak\","
                    + "\"19:00-23:00 flat\",\"23:00-24:00 valley\"]},\"schedule\":[{\"months\":"
                    + "\"all\",\"day-types\":\"all\",\"day\":\"normal\"}],\"prices\":{\"flat\":"
                    + "0.5283,\"peak\":0.7547,\"valley\":0.4528}}}";

    private LegacyAreaScenario() {}

    static ScenarioRecord scenario() {
        return ((Parsed.Ok<ScenarioRecord>) ScenarioRecord.parse(CER)).value();
    }

    static OneInputStreamOperatorTestHarness<MeteredReading, LoadPartial> partials()
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new LoadPartials(SETTINGS));
    }

    static KeyedOneInputStreamOperatorTestHarness<String, LoadPartial, MetricPoint> load()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LoadBuckets(SETTINGS)),
                LoadPartial::key,
                Types.STRING);
    }

    static KeyedBroadcastOperatorTestHarness<String, ShadowFeed, ScenarioRecord, MetricPoint>
            shadow() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new ShadowScenarios(SETTINGS, List.of()),
                        List.of(ShadowScenarios.SCENARIOS)),
                ShadowFeed::key,
                Types.STRING,
                128,
                1,
                0);
    }

    /** The three operators, running. */
    record Operators(
            OneInputStreamOperatorTestHarness<MeteredReading, LoadPartial> partials,
            KeyedOneInputStreamOperatorTestHarness<String, LoadPartial, MetricPoint> load,
            KeyedBroadcastOperatorTestHarness<String, ShadowFeed, ScenarioRecord, MetricPoint>
                    shadow) {}

    private static MeterReading reading(String meter, long end, double kwh) {
        return new MeterReading(meter, end, 15, kwh, Double.NaN, Double.NaN, 0);
    }

    /**
     * Quarter hours {@code from} (inclusive) to {@code to} (exclusive); the watermark every hour, a
     * quarter hour behind, and at the end of the last part {@code Long.MAX_VALUE} when asked.
     */
    static void run(Operators ops, int from, int to, boolean end) throws Exception {
        if (from == 0) {
            ops.shadow.processBroadcastElement(scenario(), START);
        }
        for (int q = from; q < to; q++) {
            long end0 = START + (q + 1) * QUARTER;
            double house = 0.05 + 0.01 * (q % 7);
            double shop = 0.8 + 0.1 * (q % 5);
            ops.partials.processElement(
                    new StreamRecord<>(new MeteredReading(HOUSE, reading("M1", end0, house))));
            if (q % 96 != 70) { // 17:30: one shop reading a day arrives five hours late
                ops.partials.processElement(
                        new StreamRecord<>(new MeteredReading(SHOP, reading("M2", end0, shop))));
            }
            if (q % 96 == 90) { // the missing reading, and a second one for 17:15
                long late = end0 - 20 * QUARTER;
                ops.partials.processElement(
                        new StreamRecord<>(new MeteredReading(SHOP, reading("M2", late, 1.7))));
                ops.partials.processElement(
                        new StreamRecord<>(
                                new MeteredReading(SHOP, reading("M2", late - QUARTER, 0.3))));
            }
            if (q % QUARTERS_A_WATERMARK == QUARTERS_A_WATERMARK - 1) {
                watermark(ops, end0 - QUARTER);
            }
        }
        if (end) {
            watermark(ops, Long.MAX_VALUE);
        }
    }

    /**
     * The first quarter hour {@link #run} has read since its last watermark before {@code split}.
     */
    static int sinceLastWatermark(int split) {
        return split - split % QUARTERS_A_WATERMARK;
    }

    /**
     * The watermark through the three operators, each one's output ahead of it downstream (the
     * partials and the shadow feed are taken from their harnesses as they are passed on).
     */
    private static void watermark(Operators ops, long w) throws Exception {
        ops.partials.processWatermark(new Watermark(w));
        for (Object o; (o = ops.partials.getOutput().poll()) != null; ) {
            if (o instanceof StreamRecord<?> r) {
                ops.load.processElement(new StreamRecord<>((LoadPartial) r.getValue()));
            }
        }
        ops.load.processWatermark(new Watermark(w));
        var feed = ops.load.getSideOutput(LoadBuckets.SHADOW_FEED);
        for (StreamRecord<ShadowFeed> r; feed != null && (r = feed.poll()) != null; ) {
            ops.shadow.processElement(r.getValue(), 0);
        }
        ops.shadow.processWatermark(new Watermark(w));
        ops.shadow.processBroadcastWatermark(new Watermark(w));
    }

    static Operators open() throws Exception {
        Operators ops = new Operators(partials(), load(), shadow());
        ops.partials.open();
        ops.load.open();
        ops.shadow.open();
        return ops;
    }

    /** The keyed state entries an operator in a harness holds. */
    static int entries(AbstractStreamOperatorTestHarness<?> harness) {
        return ((TestableKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    /**
     * Writes the snapshots of the load and the shadow at the stop: {@code main DIR [NAME [SPLIT]]},
     * as {@code load-buckets-NAME.snapshot} and {@code shadow-scenarios-NAME.snapshot} (NAME 0.2
     * and the stop {@link #SPLIT} by default; release 0.2's "-midnight" pair stopped at 192).
     */
    public static void main(String[] args) throws Exception {
        String name = args.length > 1 ? args[1] : "0.2";
        int split = args.length > 2 ? Integer.parseInt(args[2]) : SPLIT;
        Operators ops = open();
        run(ops, 0, split, false);
        OperatorSnapshotUtil.writeStateHandle(
                ops.load.snapshot(1, START + split * QUARTER),
                args[0] + "/load-buckets-" + name + ".snapshot");
        OperatorSnapshotUtil.writeStateHandle(
                ops.shadow.snapshot(1, START + split * QUARTER),
                args[0] + "/shadow-scenarios-" + name + ".snapshot");
        System.out.printf(
                "load: %d entries, %d timers; shadow: %d entries, %d timers; %d shadow points%n",
                ops.load.numKeyedStateEntries(),
                ops.load.numEventTimeTimers(),
                entries(ops.shadow),
                ops.shadow.numEventTimeTimers(),
                ops.shadow.extractOutputValues().size());
    }
}
