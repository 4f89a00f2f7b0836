package org.gridwatch.jobs.ops;

import java.lang.reflect.Field;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.StateEntry;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.runtime.state.heap.StateTable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.value.FleetFigures;
import org.gridwatch.core.value.FleetMeasure;

/**
 * What the fleet value's two steps keyed by customer keep for each customer after a billing, on the
 * heap and serialized state by state: a main class, not a test. {@code N} customers (ids {@code
 * C0000001}..., 60 areas, a third each residential with an off-peak offer, commercial, and large
 * industry with basic-charge advice; one in four with a demerit) are billed for January and valued
 * at its billing, through {@link CustomerValue} and {@link SegmentAssessment} in operator test
 * harnesses (the heap backend), the ranks and the month's figures played by hand as {@link
 * LegacyValueScenario} does. The live heap is taken from the class histogram (a full GC first)
 * before the harnesses are made and once they hold the state, their outputs cleared. Compiles
 * against 87f381f too, to measure before and after.
 *
 * <pre>
 * java -cp ... org.gridwatch.jobs.ops.FleetValueCensus N
 * </pre>
 */
public final class FleetValueCensus {
    private FleetValueCensus() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long base = liveHeap();
        var ops = LegacyValueScenario.open();
        long bills = FleetValueRun.SCHEDULE.billsAt(YearMonth.of(2026, 1));
        long at = LegacyValueScenario.JANUARY;
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            CustomerStanding s =
                    LegacyValueScenario.standing(
                            i + 1,
                            String.format(Locale.ROOT, "A%03d", 1 + i % 60),
                            bills,
                            true,
                            202601,
                            60 + i % 40,
                            i % 7 == 0 ? CreditGrade.B : CreditGrade.A,
                            i % 4 == 0
                                    ? new String[] {"LATE_PAYMENT -6 until 2027-01-20T00:00:00Z"}
                                    : new String[0]);
            ids[i] = String.format(Locale.ROOT, "C%07d", i + 1);
            s = withId(s, ids[i]);
            ops.values.processElement(s, s.tsMillis());
        }
        ops.values.processBroadcastElement(new Billing(at, 202601), at - 1);
        double[] trend = new double[CustomerClass.values().length];
        double[] volatility = new double[trend.length];
        Arrays.fill(volatility, 0.15);
        ops.assessment.processBroadcastElement(
                new FleetFigures(at, 50_000_000L, 20_000_000L, trend, volatility), at);
        for (int i = 0; i < n; i++) {
            ops.assessment.processElement(
                    ValueInput.rank(at, ids[i], FleetMeasure.VALUE.name(), i, 1, n), at);
            ops.assessment.processElement(
                    ValueInput.rank(at, ids[i], FleetMeasure.ENERGY.name(), n - 1 - i, 1, n), at);
        }
        ops.values.processWatermark(new Watermark(at));
        ops.values.processBroadcastWatermark(new Watermark(at));
        for (Object o : ops.values.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                ops.assessment.processElement((ValueInput) r.getValue(), r.getTimestamp());
            }
        }
        ops.assessment.processWatermark(new Watermark(at));
        ops.assessment.processBroadcastWatermark(new Watermark(at));
        int records = ops.assessment.extractOutputValues().size();

        System.out.printf(
                Locale.ROOT, "fleet value census: %,d customers, %,d records%n", n, records);
        census("customer value (CustomerValue)", ops.values, n);
        census("segment assessment (SegmentAssessment)", ops.assessment, n);
        clear(ops.values);
        clear(ops.assessment);
        long holding = liveHeap();
        System.out.printf(
                Locale.ROOT,
                "live heap: %,d B at the start, %,d B holding both steps' state: %,.0f B per"
                        + " customer (the harnesses' fixed part included)%n",
                base,
                holding,
                (double) (holding - base) / n);
        System.out.println(ops.values.numEventTimeTimers() >= 0 ? "" : "");
    }

    private static CustomerStanding withId(CustomerStanding s, String id) {
        return new CustomerStanding(
                id,
                s.areaId(),
                s.customerClass(),
                s.tsMillis(),
                s.monthClose(),
                s.billedMonth(),
                s.revenue12Fen(),
                s.energy12Wh(),
                s.trend(),
                s.loadFactor(),
                s.peakShare(),
                s.tenureYears(),
                s.creditScore(),
                s.creditGrade(),
                s.confirmedThefts(),
                s.theftRecent(),
                s.daysPastDue(),
                s.lastInspectionMillis(),
                s.prepaid(),
                s.offpeak(),
                s.volatility(),
                s.maxDemandKw(),
                s.contractKw(),
                s.demerits(),
                s.basicCharge(),
                s.removed());
    }

    private static void clear(AbstractStreamOperatorTestHarness<?> h) {
        h.getOutput().clear();
        for (var tag : new OutputTag<?>[] {CustomerValue.RANGES, SegmentAssessment.TALLIES}) {
            var side = h.getSideOutput(tag);
            if (side != null) {
                side.clear();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void census(String name, AbstractStreamOperatorTestHarness<?> h, int n)
            throws Exception {
        Object backend = h.getOperator().getKeyedStateBackend();
        Field f = HeapKeyedStateBackend.class.getDeclaredField("registeredKVStates");
        f.setAccessible(true);
        Map<String, StateTable> tables = new TreeMap<>((Map<String, StateTable>) f.get(backend));
        DataOutputSerializer out = new DataOutputSerializer(4096);
        System.out.printf(Locale.ROOT, "%s, serialized, B per customer:%n", name);
        long all = 0;
        for (Map.Entry<String, StateTable> t : tables.entrySet()) {
            TypeSerializer<Object> values = t.getValue().getStateSerializer();
            TypeSerializer<Object> keys = t.getValue().getKeySerializer();
            long bytes = 0;
            long keyBytes = 0;
            int entries = 0;
            for (Object o : t.getValue()) {
                StateEntry<Object, Object, Object> e = (StateEntry<Object, Object, Object>) o;
                out.clear();
                values.serialize(e.getState(), out);
                bytes += out.length();
                out.clear();
                keys.serialize(e.getKey(), out);
                keyBytes += out.length();
                entries++;
            }
            all += bytes + keyBytes;
            System.out.printf(
                    Locale.ROOT,
                    "  %8.1f  %-20s (%,d entries, %,.1f B each, and its key %,.1f B)%n",
                    (double) bytes / n,
                    t.getKey(),
                    entries,
                    entries == 0 ? 0.0 : (double) bytes / entries,
                    entries == 0 ? 0.0 : (double) keyBytes / entries);
        }
        System.out.printf(
                Locale.ROOT,
                "  %8.1f  in all, keys included (%,d timers apart)%n",
                (double) all / n,
                h.numEventTimeTimers());
    }

    /** The live heap after a full GC, from the JVM's class histogram. */
    private static long liveHeap() throws Exception {
        String text =
                (String)
                        java.lang.management.ManagementFactory.getPlatformMBeanServer()
                                .invoke(
                                        new javax.management.ObjectName(
                                                "com.sun.management:type=DiagnosticCommand"),
                                        "gcClassHistogram",
                                        new Object[] {new String[0]},
                                        new String[] {String[].class.getName()});
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("Total")) {
                return Long.parseLong(f[2]);
            }
        }
        throw new IllegalStateException("no total in the class histogram");
    }
}
